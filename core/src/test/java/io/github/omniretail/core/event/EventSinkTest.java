package io.github.omniretail.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventSinkTest {

    record StockReceived(Instant occurredAt, String sku) implements InventoryEvent {
        @Override
        public String type() {
            return "inventory.stock.received";
        }
    }

    @Test
    void andThenCallsBothSinksInOrder() {
        List<String> seen = new ArrayList<>();
        EventSink<InventoryEvent> first = e -> seen.add("first " + e.type());
        EventSink<DomainEvent> second = e -> seen.add("second " + e.type());
        first.andThen(second).publish(new StockReceived(Instant.EPOCH, "A"));
        assertEquals(List.of("first inventory.stock.received", "second inventory.stock.received"), seen);
    }

    @Test
    void noneIgnoresEvents() {
        EventSink<InventoryEvent> sink = EventSink.none();
        sink.publish(new StockReceived(Instant.EPOCH, "A"));
        List<String> seen = new ArrayList<>();
        sink.andThen(e -> seen.add(e.type())).publish(new StockReceived(Instant.EPOCH, "B"));
        assertEquals(List.of("inventory.stock.received"), seen);
    }

    @Test
    void categoriesAreExhaustive() {
        DomainEvent event = new StockReceived(Instant.EPOCH, "A");
        String category;
        if (event instanceof InventoryEvent) {
            category = "inventory";
        } else if (event instanceof RoutingEvent) {
            category = "routing";
        } else if (event instanceof LoyaltyEvent) {
            category = "loyalty";
        } else if (event instanceof PricingEvent) {
            category = "pricing";
        } else {
            category = "checkout";
        }
        assertEquals("inventory", category);
        assertEquals(5, DomainEvent.class.getPermittedSubclasses().length);
    }
}

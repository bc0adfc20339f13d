package io.github.omniretail.inventory.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.Disposition;
import io.github.omniretail.inventory.HoldId;
import io.github.omniretail.inventory.StockEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoredEventTest {

    static final Instant AT = Instant.parse("2026-12-07T02:00:00Z");

    @Test
    void eventsWithEnumsAndOptionalTextsReadBackEqual() {
        List<StockEvent> events = List.of(
                new StockEvent.Returned(AT, Sku.of("MILK"), NodeId.of("ST"), 2, Disposition.SELLABLE,
                        Optional.of("L-1"), "unopened", 9, 0),
                new StockEvent.Returned(AT, Sku.of("MILK"), NodeId.of("ST"), 1, Disposition.QUARANTINE,
                        Optional.empty(), "customer-return", 9, 1),
                new StockEvent.Inspected(AT, Sku.of("SCARF"), NodeId.of("ST"), 1, Disposition.DAMAGED,
                        Optional.empty(), "torn", 7, 0),
                new StockEvent.LotFulfilled(AT, HoldId.of(3), Sku.of("MILK"), NodeId.of("ST"), "L-1", 2));
        for (StockEvent e : events) {
            StoredEvent stored = StoredEvent.of(e);
            assertEquals(e.type(), stored.type());
            assertEquals(e, stored.event());
        }
        String body = StoredEvent.of(events.get(1)).body();
        assertFalse(body.contains("\"lot\""), body);
        assertTrue(body.contains("\"disposition\":\"QUARANTINE\""), body);
    }
}

package io.github.omniretail.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.CurrencyMismatchException;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeCapability;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.core.Order;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.event.DomainEvent;
import io.github.omniretail.core.event.EventSink;
import io.github.omniretail.core.json.InvalidJsonException;
import io.github.omniretail.core.MutableClock;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The code shown in README.md and docs/core.md. {@code DocsSnippetsTest} checks the documents show exactly these
 * regions, so every snippet in the docs compiles and runs.
 */
class CoreGuideTest {

    @Test
    void quickStart() {
        // snippet: readme-quick-start
        Currency cny = Currency.getInstance("CNY");
        Order order = Order.builder(OrderId.of("O-1001"), Channel.of("app", ChannelKind.APP),
                        Instant.parse("2026-11-22T12:00:00Z"), DeliveryMethod.ship(GeoPoint.of(30.2741, 120.1551)))
                .member(MemberId.of("M-42"))
                .line(Sku.of("MILK-1L"), 2, Money.parse("12.80", cny))
                .line(Sku.of("BREAD"), 1, Money.parse("18.00", cny))
                .build();
        Money subtotal = order.subtotal();                                   // CNY 43.60
        Money[] discountPerLine = Money.parse("10.00", cny).allocate(2560, 1800); // CNY 5.87 + CNY 4.13
        // end-snippet
        assertEquals(Money.parse("43.60", cny), subtotal);
        assertEquals(List.of(Money.parse("5.87", cny), Money.parse("4.13", cny)), Arrays.asList(discountPerLine));
    }

    @Test
    void money() {
        // snippet: core-money
        Currency cny = Currency.getInstance("CNY");
        Money price = Money.parse("19.99", cny);            // 1999 fen
        Money line = price.times(3);                        // CNY 59.97, overflow-checked
        Money eightyPercent = BasisPoints.of(8_000).applyTo(line, RoundingMode.HALF_UP); // CNY 47.98
        Money[] thirds = Money.parse("100.00", cny).split(3); // 33.34, 33.33, 33.33
        // Money.parse("12.345", cny) throws: CNY has 2 decimals and nothing is rounded silently.
        // end-snippet
        assertEquals(Money.parse("59.97", cny), line);
        assertEquals(Money.parse("47.98", cny), eightyPercent);
        assertEquals(Money.parse("33.34", cny), thirds[0]);
        assertThrows(IllegalArgumentException.class, () -> Money.parse("12.345", cny));
        assertThrows(CurrencyMismatchException.class, () -> price.plus(Money.parse("1", Currency.getInstance("USD"))));
    }

    @Test
    void nodes() {
        // snippet: core-nodes
        FulfillmentNode darkStore = FulfillmentNode.builder(NodeId.of("DS-HB"), NodeType.DARK_STORE,
                        GeoPoint.of(30.2650, 120.1560), ZoneId.of("Asia/Shanghai"))
                .name("Hubin dark store")
                .capabilities(NodeCapability.SHIP)
                .sameDay(3_000)              // adds SAME_DAY with a 3 km radius
                .dailyOrderCapacity(900)     // orders per local calendar day
                .build();
        GeoPoint customer = GeoPoint.of(30.2592, 120.1302);
        double metres = darkStore.location().distanceMetres(customer); // ≈ 2,560 m
        boolean reachable = darkStore.sameDayReaches(customer);        // true
        // end-snippet
        assertEquals(2560, metres, 10);
        assertTrue(reachable);
    }

    @Test
    void json() throws Exception {
        // snippet: core-json
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules(); // finds CoreJsonModule
        String json = mapper.writeValueAsString(Money.parse("12.30", Currency.getInstance("CNY")));
        // {"amount":"12.30","currency":"CNY"}
        try {
            mapper.readValue("{\"amount\":\"12.345\",\"currency\":\"CNY\"}", Money.class);
        } catch (InvalidJsonException e) {
            String where = e.jsonPath();   // "$.amount"
            String what = e.problem();     // "amount 12.345 has more decimals than CNY allows (2); …"
        }
        // end-snippet
        assertEquals("{\"amount\":\"12.30\",\"currency\":\"CNY\"}", json);
        InvalidJsonException e = assertThrows(InvalidJsonException.class,
                () -> mapper.readValue("{\"amount\":\"12.345\",\"currency\":\"CNY\"}", Money.class));
        assertEquals("$.amount", e.jsonPath());
        assertTrue(e.problem().startsWith("amount 12.345 has more decimals than CNY allows (2)"), e.problem());
    }

    @Test
    void clockAndEvents() {
        // snippet: core-clock
        MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T12:00:00Z"), ZoneId.of("Asia/Shanghai"));
        Clock engineClock = clock;                 // hand this to an engine builder in tests
        clock.advance(Duration.ofMinutes(15));     // expiry, windows and schedules move exactly
        List<DomainEvent> seen = new ArrayList<>();
        EventSink<DomainEvent> sink = seen::add;   // hand this to an engine builder to receive its events
        // end-snippet
        assertEquals(Instant.parse("2026-11-22T12:15:00Z"), engineClock.instant());
        assertTrue(seen.isEmpty());
    }
}

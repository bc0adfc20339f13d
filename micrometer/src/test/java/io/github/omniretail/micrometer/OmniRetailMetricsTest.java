package io.github.omniretail.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.checkout.Checkout;
import io.github.omniretail.checkout.OrderRequest;
import io.github.omniretail.checkout.PlacedOrder;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeCapability;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.spi.BatchListener;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.spi.ConsentLog;
import io.github.omniretail.loyalty.spi.ConsentReplica;
import io.github.omniretail.pricing.Offer;
import io.github.omniretail.pricing.PricingEngine;
import io.github.omniretail.pricing.PricingRules;
import io.github.omniretail.pricing.Promotion;
import io.github.omniretail.pricing.PromotionSet;
import io.github.omniretail.routing.RoutingEngine;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The instrumented views: every count against what the calls did, tags bounded, observations around the checkout. */
class OmniRetailMetricsTest {

    static final ZoneId HANGZHOU = ZoneId.of("Asia/Shanghai");
    static final Currency CNY = Currency.getInstance("CNY");
    static final Sku RICE = Sku.of("RICE-5KG");
    static final NodeId DC = NodeId.of("DC-1");
    static final NodeId STORE = NodeId.of("ST-3");
    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final Channel LIVE = Channel.of("douyin", ChannelKind.LIVE_STREAM);

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final TestObservationRegistry observations = TestObservationRegistry.create();
    final OmniRetailMetrics metrics = OmniRetailMetrics.builder(meters).observations(observations).sampleOneIn(1)
            .build();
    final Clock clock = Clock.systemUTC();

    double count(String name, String... tags) {
        return meters.get(name).tags(tags).counter().count();
    }

    @Test
    void holdsAreCountedByChannelKindAndOutcomeAndTimed() {
        InventoryEngine inventory = metrics.inventory(InventoryEngine.builder().clock(clock).autoRegister(true)
                .build());
        inventory.receive(IdempotencyKey.of("g1"), RICE, DC, 3);
        inventory.hold(HoldRequest.builder(IdempotencyKey.of("h1"), APP, Duration.ofMinutes(5))
                .line(HoldLine.atNode(RICE, DC, 2)).build());
        assertThrows(InsufficientStockException.class, () -> inventory.hold(HoldRequest.builder(
                IdempotencyKey.of("h2"), LIVE, Duration.ofMinutes(5)).line(HoldLine.atNode(RICE, DC, 2)).build()));
        inventory.hold(HoldRequest.builder(IdempotencyKey.of("h3"), LIVE, Duration.ofMinutes(5))
                .line(HoldLine.atNode(RICE, DC, 1)).build());

        assertEquals(1, count("omniretail.inventory.holds", "channel", "APP", "outcome", "held"));
        assertEquals(1, count("omniretail.inventory.holds", "channel", "LIVE_STREAM", "outcome", "held"));
        assertEquals(1, count("omniretail.inventory.holds", "channel", "LIVE_STREAM", "outcome",
                "insufficient_stock"));
        assertEquals(2, count("omniretail.inventory.calls", "method", "hold", "outcome", "ok"));
        assertEquals(1, count("omniretail.inventory.calls", "method", "hold", "outcome", "insufficient_stock"));
        assertEquals(3, meters.get("omniretail.inventory.latency").tag("method", "hold").timer().count(),
                "sampling 1 in 1 times every call");
        assertEquals(1, count("omniretail.inventory.calls", "method", "receive", "outcome", "ok"));
        assertEquals(3, inventory.position(RICE, DC).held(), "the view passes calls through unchanged");
        for (Meter meter : meters.getMeters()) {
            for (var tag : meter.getId().getTags()) {
                assertFalse(tag.getValue().contains("RICE") || tag.getValue().contains("h1"),
                        "no SKU or key as a tag: " + meter.getId());
            }
        }
    }

    @Test
    void aCheckoutJourneyIsObservedStepByStepWithRoutingPricingAndLedgerCounts() {
        InventoryEngine inventory = metrics.inventory(InventoryEngine.builder().clock(clock).autoRegister(true)
                .build());
        inventory.receive(IdempotencyKey.of("g1"), RICE, DC, 50);
        RoutingEngine routing = metrics.routing(RoutingEngine.builder(inventory.stockView()).clock(clock)
                .nodes(List.of(FulfillmentNode.builder(DC, NodeType.DISTRIBUTION_CENTER, GeoPoint.of(30.135, 120.285),
                        HANGZHOU).capabilities(NodeCapability.SHIP).build(),
                        FulfillmentNode.builder(STORE, NodeType.STORE, GeoPoint.of(30.262, 120.160), HANGZHOU)
                                .capabilities(NodeCapability.PICKUP).build())).build());
        PricingEngine pricing = metrics.pricing(PricingEngine.builder().clock(clock)
                .rules(PricingRules.builder("r1", CNY).sku(RICE, Money.parse("64.00", CNY), "grocery").build())
                .promotions(PromotionSet.of("p1", CNY, List.of(Promotion.of("full-200-50", "满200减50", 10,
                        Offer.Threshold.spend(Money.parse("200.00", CNY), Money.parse("50.00", CNY))))))
                .build());
        PointsLedger ledger = metrics.ledger(PointsLedger.builder().clock(clock).build());
        MemberId alice = MemberId.of("M-42");
        ledger.enrol(alice);
        Checkout checkout = metrics.checkout(Checkout.builder(inventory, routing, pricing).ledger(ledger).clock(clock)
                .zone(HANGZHOU).build());

        IdempotencyKey key = IdempotencyKey.of("order-1");
        PlacedOrder placed = checkout.place(OrderRequest.builder(key, APP,
                DeliveryMethod.ship(GeoPoint.of(30.259, 120.130)), Money.parse("6.00", CNY))
                .member(alice).line(RICE, 4).build());
        checkout.confirm(key);

        assertEquals(Money.parse("212.00", CNY), placed.payable().orElseThrow(), "256 less 50, plus 6 shipping");
        assertEquals(1, count("omniretail.checkout.calls", "method", "place", "outcome", "ok"));
        assertEquals(1, count("omniretail.routing.decisions", "outcome", "planned", "split", "false"));
        assertEquals(1, meters.get("omniretail.routing.candidates").summary().count(), "one decision");
        assertEquals(1, meters.get("omniretail.routing.candidates").summary().totalAmount(),
                "the one node that ships was examined (the store only hands over at its counter)");
        assertEquals(1, count("omniretail.pricing.promotions", "result", "applied"));
        assertEquals(1, count("omniretail.loyalty.postings", "type", "EARN"), "the confirm earned points");
        assertEquals(1, count("omniretail.inventory.holds", "channel", "APP", "outcome", "held"));
        TestObservationRegistryAssert.assertThat(observations)
                .hasObservationWithNameEqualTo("omniretail.checkout").that()
                .hasLowCardinalityKeyValue("step", "place").hasBeenStarted().hasBeenStopped();
        TestObservationRegistryAssert.assertThat(observations)
                .hasNumberOfObservationsWithNameEqualTo("omniretail.checkout", 2);

        pricing.quote(RICE, io.github.omniretail.pricing.PricingContext.of(APP, HANGZHOU, clock.instant()));
        pricing.quote(RICE, io.github.omniretail.pricing.PricingContext.of(APP, HANGZHOU, clock.instant()));
        double hits = meters.get("omniretail.pricing.cache").tag("result", "hit").functionCounter().count();
        assertTrue(hits >= 1, "a second quote of the same SKU hits the cache: " + hits);
        assertTrue(meters.get("omniretail.pricing.cache.hit.ratio").gauge().value() > 0);
    }

    @Test
    void batchesAndOutboxBacklogAreRecorded() {
        BatchListener batches = metrics.batches("inventory");
        batches.committed(12, 3_000_000);
        batches.committed(4, 1_000_000);
        batches.failed(2, 500_000, new IllegalStateException("down"));
        assertEquals(3, meters.get("omniretail.store.batch.size").tag("engine", "inventory").summary().count());
        assertEquals(18, meters.get("omniretail.store.batch.size").tag("engine", "inventory").summary()
                .totalAmount());
        assertEquals(2, meters.get("omniretail.store.commit").tags("engine", "inventory", "outcome", "committed")
                .timer().count());
        long[] backlog = {7};
        metrics.outboxBacklog("inventory", () -> backlog[0]);
        assertEquals(7, meters.get("omniretail.outbox.backlog").tag("component", "inventory").gauge().value());
        backlog[0] = 0;
        assertEquals(0, meters.get("omniretail.outbox.backlog").tag("component", "inventory").gauge().value());
        assertThrows(IllegalArgumentException.class, () -> metrics.batches("Inventory Engine"));
        assertThrows(IllegalArgumentException.class, () -> OmniRetailMetrics.builder(meters).sampleOneIn(0));
    }

    @Test
    void aConsentReplicaReportsItsLagAndWhetherItFailsClosed() {
        io.github.omniretail.core.MutableClock at = io.github.omniretail.core.MutableClock.at(
                java.time.Instant.parse("2026-12-07T09:00:00Z"));
        try (ConsentReplica replica = ConsentReplica.builder(ConsentLog.inMemory()).clock(at)
                .pollEvery(Duration.ofMinutes(30)).failClosedAfter(Duration.ofMinutes(45)).start()) {
            metrics.consent(replica);
            assertEquals(0, meters.get("omniretail.consent.lag").timeGauge().value(TimeUnit.SECONDS));
            assertEquals(0, meters.get("omniretail.consent.failing.closed").gauge().value());
            at.advance(Duration.ofMinutes(46));
            assertEquals(46 * 60, meters.get("omniretail.consent.lag").timeGauge().value(TimeUnit.SECONDS));
            assertEquals(1, meters.get("omniretail.consent.failing.closed").gauge().value());
        }
    }

    @Test
    void outcomesAreBoundedKindsOfException() {
        assertEquals("insufficient_stock", Instrumented.outcome(new InsufficientStockException(RICE, java.util.Optional.of(DC),
                java.util.Optional.empty(), APP.id(), 2, 1)));
        assertEquals("illegal_argument", Instrumented.outcome(new IllegalArgumentException("x")));
        assertEquals("error", Instrumented.outcome(new RuntimeException() { }));
    }
}

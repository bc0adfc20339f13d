package io.github.omniretail.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeCapability;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.core.Order;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.event.RoutingEvent;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.core.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoutingEngineTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Currency CNY = Currency.getInstance("CNY");
    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final Sku MILK = Sku.of("MILK-1L");
    static final Sku BREAD = Sku.of("BREAD");
    static final GeoPoint WEST_LAKE_HOME = GeoPoint.of(30.2592, 120.1302);

    static final FulfillmentNode DC = FulfillmentNode.builder(NodeId.of("DC-XS"), NodeType.DISTRIBUTION_CENTER,
            GeoPoint.of(30.1780, 120.2640), SHANGHAI).capabilities(NodeCapability.SHIP).priority(1).build();
    static final FulfillmentNode STORE_WL = FulfillmentNode.builder(NodeId.of("ST-WL"), NodeType.STORE,
            GeoPoint.of(30.2590, 120.1630), SHANGHAI).capabilities(NodeCapability.SHIP, NodeCapability.PICKUP,
            NodeCapability.RECEIVE_TRANSFER).priority(2).build();
    static final FulfillmentNode STORE_BJ = FulfillmentNode.builder(NodeId.of("ST-BJ"), NodeType.STORE,
            GeoPoint.of(30.2080, 120.2110), SHANGHAI).capabilities(NodeCapability.SHIP, NodeCapability.PICKUP)
            .priority(2).build();
    static final FulfillmentNode DARK = FulfillmentNode.builder(NodeId.of("DS-HB"), NodeType.DARK_STORE,
            GeoPoint.of(30.2650, 120.1560), SHANGHAI).capabilities(NodeCapability.SHIP).sameDay(3_000)
            .dailyOrderCapacity(2).priority(3).build();

    MutableClock clock;
    InventoryEngine inventory;
    RoutingEngine routing;
    final java.util.List<RoutingEvent> events = new java.util.ArrayList<>();
    int orders;

    @BeforeEach
    void setUp() {
        clock = MutableClock.at(Instant.parse("2026-11-22T02:00:00Z")); // 10:00 in Hangzhou
        inventory = InventoryEngine.builder().clock(clock).autoRegister(true).build();
        routing = RoutingEngine.builder(inventory.stockView()).clock(clock).eventSink(events::add)
                .nodes(List.of(DC, STORE_WL, STORE_BJ, DARK)).build();
    }

    void stock(FulfillmentNode node, Sku sku, int units) {
        inventory.receive(IdempotencyKey.of("grn-" + node.id() + sku + units), sku, node.id(), units);
    }

    Order order(DeliveryMethod delivery, Object... skuQty) {
        Order.Builder b = Order.builder(OrderId.of("O-" + (++orders)), APP, clock.instant(), delivery);
        for (int i = 0; i < skuQty.length; i += 2) {
            b.line((Sku) skuQty[i], (Integer) skuQty[i + 1], Money.parse("10.00", CNY));
        }
        return b.build();
    }

    static List<String> nodes(RoutingResult r) {
        return r.plan().orElseThrow().shipments().stream().map(s -> s.node().value()).sorted().toList();
    }

    static Map<String, CandidateVerdict> verdicts(RoutingResult r) {
        return r.explanation().candidates().stream().collect(Collectors.toMap(v -> v.node().value(), v -> v,
                (a, b) -> a));
    }

    @Test
    void shipsFromTheNearestNodeThatHasEverything() {
        stock(DC, MILK, 100);
        stock(DC, BREAD, 100);
        stock(STORE_WL, MILK, 5);
        stock(STORE_WL, BREAD, 5);
        RoutingResult r = routing.route(order(DeliveryMethod.ship(WEST_LAKE_HOME), MILK, 2, BREAD, 1));
        assertEquals(List.of("ST-WL"), nodes(r));
        FulfillmentPlan plan = r.plan().get();
        assertEquals(1, plan.shipmentCount());
        assertTrue(plan.totalCost().isPositive());
        assertEquals(CandidateVerdict.Verdict.CHOSEN, verdicts(r).get("ST-WL").verdict());
        assertEquals(plan.totalCost(), plan.shippingCost().plus(plan.handlingCost()).plus(plan.splitPenalty())
                .plus(plan.latenessCost()).plus(plan.shelfCost()));
    }

    @Test
    void storeStockOutFallsBackToTheDistributionCentre() {
        stock(DC, MILK, 100);
        stock(STORE_WL, MILK, 1);
        RoutingResult r = routing.route(order(DeliveryMethod.ship(WEST_LAKE_HOME), MILK, 3));
        assertEquals(List.of("DC-XS"), nodes(r));
        CandidateVerdict store = verdicts(r).get("ST-WL");
        assertEquals(CandidateVerdict.Verdict.REJECTED, store.verdict());
        assertTrue(store.reasons().get(0).contains("no stock for MILK-1L (atp 1 < 3)"), store.reasons().toString());
    }

    @Test
    void splitsOnlyWhenNoSingleNodeCanShip() {
        stock(STORE_WL, MILK, 5);
        stock(DC, BREAD, 5);
        RoutingResult r = routing.route(order(DeliveryMethod.ship(WEST_LAKE_HOME), MILK, 2, BREAD, 2));
        assertEquals(List.of("DC-XS", "ST-WL"), nodes(r));
        assertTrue(r.plan().get().splitPenalty().isPositive());
    }

    @Test
    void cannotFulfilSaysWhatIsMissing() {
        stock(STORE_WL, MILK, 1);
        RoutingResult r = routing.route(order(DeliveryMethod.ship(WEST_LAKE_HOME), MILK, 3, BREAD, 1));
        assertFalse(r.fulfillable());
        assertTrue(r.missing().stream().anyMatch(m -> m.startsWith("MILK-1L: need 3, 1 available")), r.missing().toString());
        assertTrue(r.missing().stream().anyMatch(m -> m.startsWith("BREAD: need 1, 0 available")), r.missing().toString());
    }

    @Test
    void sameDayUsesOnlyNodesWhoseRadiusCoversTheDestination() {
        stock(DARK, MILK, 10);
        RoutingResult near = routing.route(order(DeliveryMethod.sameDay(WEST_LAKE_HOME), MILK, 1));
        assertEquals(List.of("DS-HB"), nodes(near));
        GeoPoint far = GeoPoint.of(30.3200, 120.0800); // about 9.5 km away
        RoutingResult miss = routing.route(order(DeliveryMethod.sameDay(far), MILK, 1));
        assertFalse(miss.fulfillable());
        CandidateVerdict dark = verdicts(miss).get("DS-HB");
        assertTrue(dark.reasons().get(0).startsWith("outside same-day radius"), dark.reasons().toString());
    }

    @Test
    void sameDayOutsideEveryRadiusNamesTheRealCause() {
        stock(DARK, MILK, 10);
        RoutingResult miss = routing.route(order(DeliveryMethod.sameDay(GeoPoint.of(30.3200, 120.0800)), MILK, 1));
        assertEquals(1, miss.missing().size(), miss.missing().toString());
        String why = miss.missing().get(0);
        assertEquals("the destination (30.32000, 120.08000) is outside every same-day radius: the nearest same-day"
                + " node, DS-HB, is 9,521 m away and delivers within 3,000 m", why);
        assertFalse(why.contains("0 candidate nodes"), why);
    }

    @Test
    void candidateVerdictsAreListedNearestFirstInEveryDeliveryMode() {
        FulfillmentNode far = FulfillmentNode.builder(NodeId.of("DS-FAR"), NodeType.DARK_STORE,
                GeoPoint.of(30.3500, 120.0500), SHANGHAI).capabilities(NodeCapability.SHIP).sameDay(3_000).build();
        routing.updateNode(far);
        stock(DARK, MILK, 10);
        stock(DC, BREAD, 5);
        for (DeliveryMethod d : List.of(DeliveryMethod.sameDay(WEST_LAKE_HOME), DeliveryMethod.ship(WEST_LAKE_HOME),
                DeliveryMethod.pickup(STORE_WL.id()))) {
            RoutingResult r = routing.route(order(d, MILK, 1, BREAD, 1));
            List<Double> distances = r.explanation().candidates().stream().map(CandidateVerdict::distanceMetres)
                    .toList();
            assertTrue(distances.size() >= 2, d + ": " + distances);
            assertEquals(distances.stream().sorted().toList(), distances, d + ": " + r.explanation().candidates());
        }
        RoutingResult sameDay = routing.route(order(DeliveryMethod.sameDay(WEST_LAKE_HOME), MILK, 1));
        assertEquals(List.of("DS-HB", "DS-FAR"), sameDay.explanation().candidates().stream()
                .map(v -> v.node().value()).toList());
    }

    @Test
    void aStockHoldingNodeTheInventoryDoesNotKnowIsRefused() {
        InventoryEngine strict = InventoryEngine.builder().clock(clock).build();
        strict.registerNode(DC.id());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RoutingEngine.builder(strict.stockView()).clock(clock).nodes(List.of(DC, STORE_WL)).build());
        assertTrue(e.getMessage().contains("ST-WL") && e.getMessage().contains("not registered"), e.getMessage());
        FulfillmentNode locker = FulfillmentNode.builder(NodeId.of("PL-1"), NodeType.PICKUP_POINT,
                GeoPoint.of(30.26, 120.16), SHANGHAI).capabilities(NodeCapability.PICKUP).build();
        RoutingEngine ok = RoutingEngine.builder(strict.stockView()).clock(clock).nodes(List.of(DC, locker)).build();
        assertThrows(IllegalArgumentException.class, () -> ok.updateNode(STORE_BJ));
        assertTrue(ok.index().node(STORE_BJ.id()).isEmpty(), "a refused node is not added");
        strict.registerNode(STORE_BJ.id());
        ok.updateNode(STORE_BJ);
        assertTrue(ok.index().node(STORE_BJ.id()).isPresent());
        assertFalse(strict.knowsNode(locker.id()), "pickup points hold no stock and need no registration");
    }

    @Test
    void anAutoRegisteringInventoryLearnsTheNodesRoutingIsGiven() {
        assertTrue(inventory.autoRegisters());
        for (FulfillmentNode n : List.of(DC, STORE_WL, STORE_BJ, DARK)) {
            assertTrue(inventory.knowsNode(n.id()), n.id().value());
        }
        RoutingResult empty = routing.route(order(DeliveryMethod.ship(WEST_LAKE_HOME), MILK, 1));
        assertTrue(empty.missing().get(0).startsWith("MILK-1L: need 1, 0 available at the 4 candidate nodes"),
                empty.missing().toString());
    }

    @Test
    void pickupInStoreWhenTheStoreHasEverything() {
        stock(STORE_BJ, MILK, 3);
        RoutingResult r = routing.route(order(DeliveryMethod.pickup(STORE_BJ.id()), MILK, 2));
        assertEquals(List.of("ST-BJ"), nodes(r));
        assertEquals(0.0, r.plan().get().totalDistanceMetres());
    }

    @Test
    void pickupWithATransferForMissingLines() {
        stock(STORE_WL, MILK, 5);
        stock(DC, BREAD, 5);
        RoutingResult r = routing.route(order(DeliveryMethod.pickup(STORE_WL.id()), MILK, 1, BREAD, 2));
        FulfillmentPlan plan = r.plan().orElseThrow();
        assertEquals(List.of("DC-XS", "ST-WL"), nodes(r));
        Shipment transfer = plan.shipments().stream().filter(s -> s.node().equals(DC.id())).findFirst().orElseThrow();
        assertEquals(java.util.Optional.of(STORE_WL.id()), transfer.transferTo());
        assertTrue(plan.readyBy().isAfter(clock.instant().plus(Duration.ofHours(1))));
        assertTrue(r.explanation().notes().get(0).contains("ready by"));
    }

    @Test
    void pickupWithoutTransferCapabilityCannotFulfilMissingLines() {
        stock(DC, MILK, 5);
        RoutingResult r = routing.route(order(DeliveryMethod.pickup(STORE_BJ.id()), MILK, 1));
        assertFalse(r.fulfillable());
        assertTrue(verdicts(r).get("ST-BJ").reasons().get(0).contains("RECEIVE_TRANSFER"));
    }

    @Test
    void aCounterSaleIsServedFromThatShelfOnlyWithoutTransferOrCapacity() {
        stock(STORE_WL, MILK, 3);
        stock(DC, BREAD, 50);
        RoutingResult sale = routing.routeAtCounter(order(DeliveryMethod.pickup(STORE_WL.id()), MILK, 2));
        FulfillmentPlan plan = sale.plan().orElseThrow();
        assertEquals(List.of("ST-WL"), nodes(sale));
        assertEquals(clock.instant(), plan.readyBy(), "handed over now");
        assertTrue(plan.totalCost().isZero(), "nothing shipped, nothing handled");
        assertEquals("counter sale", sale.explanation().policy());
        assertTrue(verdicts(sale).get("ST-WL").reasons().get(0).contains("MILK-1L×2"));
        // the shelf lacks bread: refused with what is missing, never a transfer from the DC that has it
        RoutingResult lacking = routing.routeAtCounter(order(DeliveryMethod.pickup(STORE_WL.id()), MILK, 2, BREAD, 1));
        assertFalse(lacking.fulfillable());
        assertEquals(List.of("BREAD: need 1, 0 at ST-WL"), lacking.missing());
        assertEquals(CandidateVerdict.Verdict.REJECTED, verdicts(lacking).get("ST-WL").verdict());
        assertTrue(routing.route(order(DeliveryMethod.pickup(STORE_WL.id()), MILK, 2, BREAD, 1)).fulfillable(),
                "a pickup order would have been transferred");
        // a full day's order capacity does not stop the till
        stock(DARK, MILK, 3);
        FulfillmentNode full = FulfillmentNode.builder(NodeId.of("ST-FULL"), NodeType.STORE, GeoPoint.of(30.25, 120.15),
                SHANGHAI).capabilities(NodeCapability.PICKUP).dailyOrderCapacity(1).build();
        routing.updateNode(full);
        stock(full, MILK, 5);
        Order pickup = order(DeliveryMethod.pickup(full.id()), MILK, 1);
        assertTrue(routing.takeCapacity(IdempotencyKey.of("p-1/capacity-1"), routing.route(pickup).plan().orElseThrow()));
        assertFalse(routing.route(order(DeliveryMethod.pickup(full.id()), MILK, 1)).fulfillable(), "capacity full");
        assertTrue(routing.routeAtCounter(order(DeliveryMethod.pickup(full.id()), MILK, 4)).fulfillable());
        assertEquals(0, routing.capacityLeft(full.id(), LocalDate.of(2026, 11, 22)), "the till took none");
        // only a pickup at a node with a counter
        assertThrows(IllegalArgumentException.class, () -> routing.routeAtCounter(order(DeliveryMethod.ship(
                WEST_LAKE_HOME), MILK, 1)));
        IllegalArgumentException noCounter = assertThrows(IllegalArgumentException.class,
                () -> routing.routeAtCounter(order(DeliveryMethod.pickup(DC.id()), MILK, 1)));
        assertTrue(noCounter.getMessage().contains("PICKUP"), noCounter.getMessage());
    }

    @Test
    void badInputIsRejectedClearlyAndReservesNothing() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> routing.route(order(DeliveryMethod.pickup(NodeId.of("NOPE")), MILK, 1)));
        assertTrue(unknown.getMessage().contains("NOPE"));
        IllegalArgumentException noPickup = assertThrows(IllegalArgumentException.class,
                () -> routing.route(order(DeliveryMethod.pickup(DC.id()), MILK, 1)));
        assertTrue(noPickup.getMessage().contains("PICKUP"));
        assertThrows(IllegalArgumentException.class, () -> GeoPoint.of(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> order(DeliveryMethod.ship(WEST_LAKE_HOME)));
    }

    @Test
    void capacityIsTakenAllOrNothingUnderAKeyAndGivenBack() {
        stock(DARK, MILK, 10);
        Order first = order(DeliveryMethod.sameDay(WEST_LAKE_HOME), MILK, 1);
        FulfillmentPlan plan = routing.route(first).plan().orElseThrow();
        assertTrue(routing.takeCapacity(IdempotencyKey.of("o-1/capacity-1"), plan));
        assertTrue(routing.takeCapacity(IdempotencyKey.of("o-1/capacity-1"), plan), "taking again takes nothing");
        LocalDate today = LocalDate.of(2026, 11, 22);
        assertEquals(1, routing.capacityLeft(DARK.id(), today));
        assertTrue(routing.takeCapacity(IdempotencyKey.of("o-2/capacity-1"), plan));
        assertEquals(0, routing.capacityLeft(DARK.id(), today));
        assertFalse(routing.takeCapacity(IdempotencyKey.of("o-3/capacity-1"), plan), "the dark store is full");
        RoutingResult third = routing.route(order(DeliveryMethod.sameDay(WEST_LAKE_HOME), MILK, 1));
        assertTrue(verdicts(third).get("DS-HB").reasons().get(0).startsWith("capacity full"));
        assertTrue(routing.releaseCapacity(IdempotencyKey.of("o-1/capacity-1")));
        assertFalse(routing.releaseCapacity(IdempotencyKey.of("o-1/capacity-1")), "given back once");
        assertEquals(1, routing.capacityLeft(DARK.id(), today));
        assertEquals(List.of("routing.capacity.taken", "routing.capacity.taken", "routing.capacity.released"),
                events.stream().map(RoutingEvent::type).toList());
        // A new local day brings fresh capacity.
        clock.advance(Duration.ofDays(1));
        assertEquals(2, routing.capacityLeft(DARK.id(), today.plusDays(1)));
    }

    @Test
    void priorityThenDistanceFollowsTheRetailersOrder() {
        stock(DC, MILK, 10);
        stock(STORE_WL, MILK, 10);
        RoutingResult r = routing.route(order(DeliveryMethod.ship(WEST_LAKE_HOME), MILK, 1),
                RoutingPolicy.priorityThenDistance());
        assertEquals(List.of("DC-XS"), nodes(r)); // priority 1 beats the nearer store
    }

    @Test
    void costOptimalWeighsShelfCostAndSplits() {
        stock(DC, MILK, 10);
        stock(DC, BREAD, 10);
        stock(STORE_WL, MILK, 10);
        RoutingResult r = routing.route(order(DeliveryMethod.ship(WEST_LAKE_HOME), MILK, 2, BREAD, 1),
                RoutingPolicy.costOptimal());
        // One shipment from the DC beats a store + DC split.
        assertEquals(List.of("DC-XS"), nodes(r));
        CandidateVerdict store = verdicts(r).get("ST-WL");
        assertEquals(CandidateVerdict.Verdict.REJECTED, store.verdict()); // no bread there
    }

    @Test
    void ruleChainStaysInRegionBeforeDistance() {
        stock(DC, MILK, 10);
        stock(STORE_WL, MILK, 10);
        RoutingPolicy inRegion = RoutingPolicy.rules("stay with the DC", PlanRule.FEWEST_SHIPMENTS,
                PlanRule.prefer("DC only", n -> n.type() == NodeType.DISTRIBUTION_CENTER), PlanRule.SHORTEST_DISTANCE);
        assertEquals(List.of("DC-XS"), nodes(routing.route(order(DeliveryMethod.ship(WEST_LAKE_HOME), MILK, 1),
                inRegion)));
    }

    @Test
    void aPreSaleGoesToTheNodeWhoseDeliveryComesSoonestByThePromise() {
        Instant inThreeDays = clock.instant().plus(java.time.Duration.ofDays(3));
        Instant inFiveDays = clock.instant().plus(java.time.Duration.ofDays(5));
        inventory.expectReceipt(IdempotencyKey.of("po-dc"), io.github.omniretail.inventory.ExpectedReceipt
                .purchaseOrder("PO-DC", MILK, DC.id(), 100, inFiveDays));
        inventory.expectReceipt(IdempotencyKey.of("po-wl"), io.github.omniretail.inventory.ExpectedReceipt
                .purchaseOrder("PO-WL", MILK, STORE_WL.id(), 10, inThreeDays));
        stock(STORE_BJ, MILK, 1);
        Order order = order(DeliveryMethod.ship(WEST_LAKE_HOME), MILK, 5);
        RoutingResult r = routing.routePresale(order, RoutingPolicy.nearestWithStock(), inFiveDays);
        FulfillmentPlan plan = r.plan().orElseThrow();
        assertEquals(STORE_WL.id(), plan.shipments().get(0).node(), r.explanation().toString());
        assertEquals(inThreeDays.plus(CostModel.standard(CNY).handlingTime()), plan.readyBy());
        assertTrue(r.explanation().candidates().stream().anyMatch(v -> v.node().equals(STORE_BJ.id())
                && v.verdict() == CandidateVerdict.Verdict.REJECTED), "one unit and nothing coming");
        // 20 units: only the DC's delivery brings enough, and only by day five
        Order big = order(DeliveryMethod.ship(WEST_LAKE_HOME), MILK, 20);
        assertEquals(DC.id(), routing.routePresale(big, RoutingPolicy.nearestWithStock(), inFiveDays).plan()
                .orElseThrow().shipments().get(0).node());
        RoutingResult tooSoon = routing.routePresale(big, RoutingPolicy.nearestWithStock(), inThreeDays);
        assertTrue(tooSoon.plan().isEmpty());
        assertTrue(tooSoon.explanation().candidates().stream().allMatch(v -> v.verdict()
                == CandidateVerdict.Verdict.REJECTED), tooSoon.explanation().toString());
    }
}

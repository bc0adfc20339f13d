package io.github.omniretail.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.routing.CandidateVerdict;
import io.github.omniretail.routing.CostModel;
import io.github.omniretail.routing.FulfillmentPlan;
import io.github.omniretail.routing.PlanRule;
import io.github.omniretail.routing.RoutingEngine;
import io.github.omniretail.routing.RoutingPolicy;
import io.github.omniretail.routing.RoutingResult;
import io.github.omniretail.routing.Shipment;
import io.github.omniretail.routing.SpatialIndex;
import io.github.omniretail.routing.spi.Assignment;
import io.github.omniretail.routing.spi.Candidate;
import io.github.omniretail.routing.spi.RoutingStrategy;
import io.github.omniretail.core.MutableClock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The code shown in docs/routing.md, compiled and run. */
class RoutingGuideTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Currency CNY = Currency.getInstance("CNY");
    static final Sku MILK = Sku.of("MILK-1L");
    static final Sku BREAD = Sku.of("BREAD");
    static final FulfillmentNode DC = FulfillmentNode.builder(NodeId.of("DC-XS"), NodeType.DISTRIBUTION_CENTER,
            GeoPoint.of(30.1780, 120.2640), SHANGHAI).capabilities(NodeCapability.SHIP).build();
    static final FulfillmentNode STORE = FulfillmentNode.builder(NodeId.of("ST-WL"), NodeType.STORE,
            GeoPoint.of(30.2590, 120.1630), SHANGHAI).capabilities(NodeCapability.SHIP, NodeCapability.PICKUP,
            NodeCapability.RECEIVE_TRANSFER).dailyOrderCapacity(400).build();
    static final FulfillmentNode DARK = FulfillmentNode.builder(NodeId.of("DS-HB"), NodeType.DARK_STORE,
            GeoPoint.of(30.2650, 120.1560), SHANGHAI).capabilities(NodeCapability.SHIP).sameDay(3_000)
            .dailyOrderCapacity(900).build();

    MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T02:00:00Z"));
    InventoryEngine inventory = InventoryEngine.builder().clock(clock).autoRegister(true).build();

    Order order(DeliveryMethod delivery, Sku sku, int quantity) {
        return Order.builder(OrderId.of("O-" + sku + quantity), Channel.of("app", ChannelKind.APP), clock.instant(),
                delivery).line(sku, quantity, Money.parse("12.80", CNY)).build();
    }

    @Test
    void route() {
        inventory.receive(IdempotencyKey.of("g1"), MILK, STORE.id(), 1);
        inventory.receive(IdempotencyKey.of("g2"), MILK, DC.id(), 100);
        // snippet: routing-route
        RoutingEngine routing = RoutingEngine.builder(inventory.stockView())   // reads ATP; holds nothing
                .clock(clock)
                .nodes(List.of(DC, STORE, DARK))
                .defaultPolicy(RoutingPolicy.nearestWithStock())
                .build();
        Order order = Order.builder(OrderId.of("O-1001"), Channel.of("app", ChannelKind.APP), clock.instant(),
                        DeliveryMethod.ship(GeoPoint.of(30.2592, 120.1302)))
                .line(MILK, 3, Money.parse("12.80", CNY))
                .build();
        RoutingResult result = routing.route(order);
        FulfillmentPlan plan = result.plan().orElseThrow();          // one shipment from DC-XS
        Money cost = plan.totalCost();                               // shipping + handling + … as parts
        for (CandidateVerdict v : result.explanation().candidates()) {
            // DS-HB REJECTED  [no stock for MILK-1L (atp 0 < 3)]
            // ST-WL REJECTED  [no stock for MILK-1L (atp 1 < 3)]
            // DC-XS CHOSEN    [ships MILK-1L×3]
        }
        // end-snippet
        assertEquals(List.of(DC.id()), plan.shipments().stream().map(Shipment::node).toList());
        assertTrue(cost.isPositive());
        assertTrue(result.explanation().candidates().stream().anyMatch(v -> v.node().equals(STORE.id())
                && v.reasons().get(0).equals("no stock for MILK-1L (atp 1 < 3)")));
    }

    @Test
    void policies() {
        inventory.receive(IdempotencyKey.of("g1"), MILK, STORE.id(), 10);
        inventory.receive(IdempotencyKey.of("g2"), MILK, DC.id(), 100);
        RoutingEngine routing = RoutingEngine.builder(inventory.stockView()).clock(clock).nodes(List.of(DC, STORE, DARK)).build();
        Order order = order(DeliveryMethod.ship(GeoPoint.of(30.2592, 120.1302)), MILK, 2);
        // snippet: routing-policies
        RoutingPolicy cheapest = RoutingPolicy.costOptimal()
                .withCostModel(CostModel.standard(CNY))   // shipping by distance and node type, handling,
                .withMaxShipments(2);                      // split penalty, lateness, store-shelf cost
        RoutingPolicy msiStyle = RoutingPolicy.priorityThenDistance();
        RoutingPolicy chain = RoutingPolicy.rules("keep store shelves for walk-ins",
                PlanRule.FEWEST_SHIPMENTS,
                PlanRule.prefer("not from stores", n -> n.type() != NodeType.STORE),
                PlanRule.SHORTEST_DISTANCE);
        RoutingResult viaChain = routing.route(order, chain);      // DC-XS, though ST-WL is nearer
        // end-snippet
        assertEquals(DC.id(), viaChain.plan().orElseThrow().shipments().get(0).node());
        assertTrue(routing.route(order, cheapest).fulfillable());
        assertTrue(routing.route(order, msiStyle).fulfillable());
    }

    @Test
    void pickupAndSameDay() {
        inventory.receive(IdempotencyKey.of("g1"), MILK, DARK.id(), 10);
        inventory.receive(IdempotencyKey.of("g2"), BREAD, DC.id(), 10);
        RoutingEngine routing = RoutingEngine.builder(inventory.stockView()).clock(clock).nodes(List.of(DC, STORE, DARK)).build();
        // snippet: routing-pickup-same-day
        RoutingResult sameDay = routing.route(order(DeliveryMethod.sameDay(GeoPoint.of(30.2592, 120.1302)), MILK, 1));
        // DS-HB: 2.6 km, inside its 3 km radius
        RoutingResult pickup = routing.route(order(DeliveryMethod.pickup(STORE.id()), BREAD, 2));
        // ST-WL has no bread: DC-XS transfers it there; plan.readyBy() says when it can be collected
        Shipment transfer = pickup.plan().orElseThrow().shipments().get(0);   // from DC-XS, to ST-WL
        // end-snippet
        assertEquals(DARK.id(), sameDay.plan().orElseThrow().shipments().get(0).node());
        assertEquals(Optional.of(STORE.id()), transfer.transferTo());
    }

    @Test
    void reserve() {
        inventory.receive(IdempotencyKey.of("g1"), MILK, DARK.id(), 10);
        RoutingEngine routing = RoutingEngine.builder(inventory.stockView()).clock(clock).nodes(List.of(DC, STORE, DARK)).build();
        Order order = order(DeliveryMethod.sameDay(GeoPoint.of(30.2592, 120.1302)), MILK, 2);
        // snippet: routing-reserve
        FulfillmentPlan plan = routing.route(order).plan().orElseThrow();        // DS-HB, same day
        IdempotencyKey key = IdempotencyKey.of("checkout-7781").derive("capacity-1");
        boolean taken = routing.takeCapacity(key, plan);   // one of DS-HB's 900 orders today; false if it filled up
        // ... hold the plan's stock (the checkout does this), and if the order is cancelled:
        routing.releaseCapacity(key);
        // end-snippet
        assertTrue(taken);
        assertEquals(900, routing.capacityLeft(DARK.id(), java.time.LocalDate.of(2026, 11, 22)));
        assertEquals(0, inventory.position(MILK, DARK.id()).held());
    }

    @Test
    void customStrategy() {
        inventory.receive(IdempotencyKey.of("g1"), MILK, DC.id(), 10);
        RoutingEngine routing = RoutingEngine.builder(inventory.stockView()).clock(clock).nodes(List.of(DC, STORE, DARK)).build();
        // snippet: routing-custom-strategy
        RoutingStrategy dcFirst = problem -> {
            for (Candidate c : problem.candidates()) {
                boolean all = c.node().type() == NodeType.DISTRIBUTION_CENTER && c.capacityLeft() > 0;
                for (int l = 0; all && l < problem.lines().size(); l++) {
                    all = c.covers(l, problem.lines().get(l).quantity());
                }
                if (all) {
                    int[] node = new int[problem.lines().size()];
                    java.util.Arrays.fill(node, c.index());
                    return Optional.of(Assignment.wholeLines(node,
                            problem.lines().stream().mapToInt(l -> l.quantity()).toArray()));
                }
            }
            return Optional.empty();   // the engine then reports what is missing
        };
        RoutingResult result = routing.route(order(DeliveryMethod.ship(GeoPoint.of(30.2592, 120.1302)), MILK, 1),
                RoutingPolicy.custom("DC first", dcFirst));
        // end-snippet
        assertEquals(DC.id(), result.plan().orElseThrow().shipments().get(0).node());
    }

    @Test
    void index() {
        // snippet: routing-index
        SpatialIndex index = SpatialIndex.of(List.of(DC, STORE, DARK));
        List<SpatialIndex.Neighbour> nearest = index.nearest(GeoPoint.of(30.2592, 120.1302), 2,
                n -> n.can(NodeCapability.SHIP));   // DS-HB (2.6 km), ST-WL (3.1 km)
        // end-snippet
        assertEquals(List.of(DARK, STORE), nearest.stream().map(SpatialIndex.Neighbour::node).toList());
        assertFalse(nearest.isEmpty());
    }
}

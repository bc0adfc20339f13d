package io.github.omniretail.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldLineState;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.Position;
import io.github.omniretail.core.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many threads route, take capacity and hold against scarce stock and scarce capacity: nothing is oversold, no node
 * takes more orders than its capacity, and every reserved plan is held exactly.
 */
class CapacityConcurrencyTest {

    @Test
    void scarceStockIsNeverOversoldAndEveryReservedPlanIsFullyHeld() throws Exception {
        MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T02:00:00Z"));
        InventoryEngine inventory = InventoryEngine.builder().clock(clock).autoRegister(true).build();
        List<FulfillmentNode> nodes = new ArrayList<>();
        List<Sku> skus = List.of(Sku.of("A"), Sku.of("B"));
        for (int n = 0; n < 6; n++) {
            FulfillmentNode node = FulfillmentNode.builder(NodeId.of("N" + n), n == 0 ? NodeType.DISTRIBUTION_CENTER
                    : NodeType.STORE, GeoPoint.of(30.2 + n * 0.02, 120.1 + n * 0.02), ZoneId.of("Asia/Shanghai"))
                    .capabilities(NodeCapability.SHIP).dailyOrderCapacity(n == 0 ? 1_000 : 25).build();
            nodes.add(node);
            for (Sku sku : skus) {
                inventory.receive(IdempotencyKey.of("r" + n + sku), sku, node.id(), 10 + n);
            }
        }
        RoutingEngine routing = RoutingEngine.builder(inventory.stockView()).clock(clock).nodes(nodes).build();
        Channel app = Channel.of("app", ChannelKind.APP);
        ConcurrentLinkedQueue<Reserving.Reserved> reserved = new ConcurrentLinkedQueue<>();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                SplittableRandom r = new SplittableRandom(thread);
                start.await();
                for (int i = 0; i < 150; i++) {
                    Order.Builder o = Order.builder(OrderId.of("O" + thread + "-" + i), app, clock.instant(),
                            DeliveryMethod.ship(GeoPoint.of(30.15 + r.nextDouble() * 0.2, 120.05 + r.nextDouble() * 0.2)));
                    o.line(skus.get(r.nextInt(2)), 1 + r.nextInt(2), Money.parse("1.00", Currency.getInstance("CNY")));
                    if (r.nextBoolean()) {
                        o.line(skus.get(r.nextInt(2)), 1, Money.parse("1.00", Currency.getInstance("CNY")));
                    }
                    RoutingPolicy policy = r.nextBoolean() ? RoutingPolicy.nearestWithStock() : RoutingPolicy.costOptimal();
                    Reserving.reserve(routing, inventory, "k" + thread + "-" + i, o.build(), policy,
                            Duration.ofHours(1)).ifPresent(reserved::add);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertTrue(reserved.size() > 20, "some orders were reserved: " + reserved.size());
        Map<String, Long> planned = new HashMap<>();
        Map<NodeId, Integer> ordersPerNode = new HashMap<>();
        for (Reserving.Reserved res : reserved) {
            Hold hold = inventory.hold(res.hold().id()).orElseThrow();
            assertEquals(HoldStatus.HELD, hold.status());
            List<String> held = new ArrayList<>();
            for (HoldLineState line : hold.lines()) {
                held.add(line.sku() + "@" + line.node().orElseThrow() + "x" + line.open());
            }
            List<String> plan = new ArrayList<>();
            for (Shipment s : res.plan().shipments()) {
                ordersPerNode.merge(s.node(), 1, Integer::sum);
                for (Shipment.Line l : s.lines()) {
                    plan.add(l.sku() + "@" + s.node() + "x" + l.quantity());
                    planned.merge(l.sku() + "@" + s.node(), (long) l.quantity(), Long::sum);
                }
            }
            assertEquals(plan, held, "the hold has exactly the plan's lines");
        }
        for (FulfillmentNode node : nodes) {
            for (Sku sku : skus) {
                Position p = inventory.position(sku, node.id());
                assertTrue(p.held() <= p.onHand(), "oversold at " + node.id() + ": " + p);
                assertEquals(planned.getOrDefault(sku + "@" + node.id(), 0L).longValue(), p.held());
            }
            int cap = node.dailyOrderCapacity().getAsInt();
            assertTrue(ordersPerNode.getOrDefault(node.id(), 0) <= cap, "capacity exceeded at " + node.id());
            assertEquals(cap - ordersPerNode.getOrDefault(node.id(), 0),
                    routing.capacityLeft(node.id(), LocalDate.of(2026, 11, 22)));
        }
    }
}

package io.github.omniretail.benchmarks.routing;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeCapability;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.core.Order;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.OrderLine;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.routing.RoutingEngine;
import io.github.omniretail.routing.RoutingPolicy;
import io.github.omniretail.routing.RoutingResult;
import io.github.omniretail.core.MutableClock;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Routing 3-line orders to random destinations over {@code nodes} nodes spread over eastern China, 50 SKUs,
 * each node stocking each SKU with probability 0.8 (stores carry most of the assortment). Ours: nearest-with-stock over a spatial index (20 nearest
 * candidates, stock read lazily). The peer, in the same run: what Magento MSI's distance-based source selection
 * does — the distance from the destination to every node, sort, greedy fill in that order. One thread each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Threads(1)
public class RoutingBenchmark {

    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final Currency CNY = Currency.getInstance("CNY");

    @Param({"100", "1000", "10000", "100000"})
    public int nodes;

    InventoryEngine inventory;
    RoutingEngine routing;
    List<FulfillmentNode> network;
    Order[] orders;
    Order[] fiveLineOrders;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(7);
        MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T02:00:00Z"));
        inventory = InventoryEngine.builder().clock(clock).build();
        network = new ArrayList<>();
        Sku[] skus = new Sku[50];
        for (int s = 0; s < skus.length; s++) {
            skus[s] = Sku.of("SKU-" + s);
            inventory.registerSku(skus[s]);
        }
        for (int n = 0; n < nodes; n++) {
            FulfillmentNode node = FulfillmentNode.builder(NodeId.of("N" + n),
                    n % 10 == 0 ? NodeType.DISTRIBUTION_CENTER : NodeType.STORE,
                    GeoPoint.of(22 + r.nextDouble() * 18, 105 + r.nextDouble() * 17), ZoneOffset.UTC)
                    .capabilities(NodeCapability.SHIP).build();
            network.add(node);
            inventory.registerNode(node.id());
            for (Sku sku : skus) {
                if (r.nextInt(10) < 8) {
                    inventory.loadOnHand(sku, node.id(), 1 + r.nextInt(10));
                }
            }
        }
        routing = RoutingEngine.builder(inventory.stockView()).clock(clock).nodes(network).build();
        orders = new Order[1024];
        fiveLineOrders = new Order[1024];
        for (int i = 0; i < orders.length; i++) {
            orders[i] = order(r, skus, i, 3);
            fiveLineOrders[i] = order(r, skus, i, 5);
        }
    }

    private static Order order(SplittableRandom r, Sku[] skus, int i, int lines) {
        Order.Builder b = Order.builder(OrderId.of("O" + i), APP, Instant.parse("2026-11-22T02:00:00Z"),
                DeliveryMethod.ship(GeoPoint.of(22 + r.nextDouble() * 18, 105 + r.nextDouble() * 17)));
        int first = r.nextInt(skus.length);
        for (int l = 0; l < lines; l++) {
            b.line(skus[(first + l * 7) % skus.length], 1 + r.nextInt(2), Money.parse("9.90", CNY));
        }
        return b.build();
    }

    /** Ours: nearest-with-stock. Target: >= 200,000 orders/s per thread at 10,000 nodes. */
    @Benchmark
    public RoutingResult nearestWithStock() {
        return routing.route(orders[next++ & 1023], RoutingPolicy.nearestWithStock());
    }

    /** Ours: cost-optimal (exact branch and bound) on 5-line orders. */
    @Benchmark
    public RoutingResult costOptimalFiveLines() {
        return routing.route(fiveLineOrders[next++ & 1023], RoutingPolicy.costOptimal());
    }

    /** The MSI-style peer: distance to every node, sort, greedy fill. */
    @Benchmark
    public int msiDistanceSortGreedy() {
        Order order = orders[next++ & 1023];
        GeoPoint destination = ((DeliveryMethod.Ship) order.delivery()).destination();
        int n = network.size();
        double[] distance = new double[n];
        Integer[] byDistance = new Integer[n];
        for (int i = 0; i < n; i++) {
            distance[i] = destination.distanceMetres(network.get(i).location());
            byDistance[i] = i;
        }
        Arrays.sort(byDistance, (a, b) -> Double.compare(distance[a], distance[b]));
        int shipments = 0;
        for (OrderLine line : order.lines()) {
            int need = line.quantity();
            for (int i = 0; i < n && need > 0; i++) {
                FulfillmentNode node = network.get(byDistance[i]);
                int take = Math.min(need, inventory.atp(line.sku(), node.id(), APP));
                if (take > 0) {
                    need -= take;
                    shipments++;
                }
            }
        }
        return shipments;
    }
}

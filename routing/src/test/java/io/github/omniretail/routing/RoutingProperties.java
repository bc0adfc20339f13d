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
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.routing.spi.Assignment;
import io.github.omniretail.routing.spi.Candidate;
import io.github.omniretail.routing.spi.RoutingProblem;
import io.github.omniretail.core.MutableClock;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Cost-optimal against a brute-force oracle; plan invariants for every strategy. */
class RoutingProperties {

    static final Currency CNY = Currency.getInstance("CNY");
    static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");

    /** A small instance: node locations/types/stock and order lines. */
    record Instance(List<GeoPoint> nodes, List<Integer> types, int[][] stock, int[] quantities, GeoPoint destination,
            boolean split, int maxShipments, boolean promise) { }

    @Provide
    Arbitrary<Instance> instances() {
        Arbitrary<GeoPoint> city = Combinators.combine(Arbitraries.doubles().between(30.1, 30.4),
                Arbitraries.doubles().between(120.0, 120.4)).as(GeoPoint::of);
        return Combinators.combine(city.list().ofMinSize(1).ofMaxSize(8), Arbitraries.integers().between(1, 4),
                city, Arbitraries.integers().between(0, 999_999), Arbitraries.of(true, false),
                Arbitraries.integers().between(1, 4), Arbitraries.of(true, false))
                .as((points, lines, dest, seed, split, maxShipments, promise) -> {
                    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
                    List<Integer> types = new ArrayList<>();
                    int[][] stock = new int[points.size()][lines];
                    for (int n = 0; n < points.size(); n++) {
                        types.add(r.nextInt(3));
                        for (int l = 0; l < lines; l++) {
                            stock[n][l] = r.nextInt(4) == 0 ? 0 : r.nextInt(6);
                        }
                    }
                    int[] q = new int[lines];
                    for (int l = 0; l < lines; l++) {
                        q[l] = 1 + r.nextInt(3);
                    }
                    return new Instance(points, types, stock, q, dest, split, maxShipments, promise);
                });
    }

    static RoutingProblem problem(Instance in) {
        List<RoutingProblem.Line> lines = new ArrayList<>();
        for (int l = 0; l < in.quantities().length; l++) {
            lines.add(new RoutingProblem.Line(Sku.of("S" + l), in.quantities()[l]));
        }
        NodeType[] kinds = {NodeType.DISTRIBUTION_CENTER, NodeType.STORE, NodeType.DARK_STORE};
        List<Candidate> cs = new ArrayList<>();
        for (int n = 0; n < in.nodes().size(); n++) {
            int node = n;
            FulfillmentNode f = FulfillmentNode.builder(NodeId.of("N" + n), kinds[in.types().get(n)], in.nodes().get(n),
                    ZoneOffset.UTC)
                    .capabilities(NodeCapability.SHIP).build();
            cs.add(new Candidate(n, f, in.destination().distanceMetres(f.location()), lines.size(),
                    line -> in.stock()[node][line], n == 0 ? 0 : Integer.MAX_VALUE)); // node 0 has no capacity
        }
        return new RoutingProblem(lines, cs, in.split(), in.maxShipments(), CostModel.standard(CNY), NOW,
                in.promise() ? Optional.of(NOW.plusSeconds(3_600 + 600)) : Optional.empty());
    }

    /** Every whole-line assignment (nodes^lines), the cheapest feasible one's cost. */
    static Optional<Money> bruteForce(RoutingProblem p) {
        int lines = p.lines().size();
        int n = p.candidates().size();
        int[] choice = new int[lines];
        Money best = null;
        while (true) {
            boolean ok = true;
            for (int l = 0; l < lines && ok; l++) {
                Candidate c = p.candidates().get(choice[l]);
                ok = c.capacityLeft() > 0 && c.covers(l, p.lines().get(l).quantity());
            }
            if (ok) {
                Assignment a = Assignment.wholeLines(choice, p.lines().stream().mapToInt(RoutingProblem.Line::quantity)
                        .toArray());
                if (a.shipments() <= p.maxShipments()) {
                    Money cost = p.cost(a);
                    if (best == null || cost.isLessThan(best)) {
                        best = cost;
                    }
                }
            }
            int i = 0;
            while (i < lines && ++choice[i] == n) {
                choice[i++] = 0;
            }
            if (i == lines) {
                return Optional.ofNullable(best);
            }
        }
    }

    static boolean everyLineCoverableWhole(RoutingProblem p) {
        for (int l = 0; l < p.lines().size(); l++) {
            boolean any = false;
            for (Candidate c : p.candidates()) {
                any |= c.capacityLeft() > 0 && c.covers(l, p.lines().get(l).quantity());
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    @Property(tries = 600)
    void costOptimalEqualsTheBruteForceMinimum(@ForAll("instances") Instance in) {
        RoutingProblem p = problem(in);
        if (!everyLineCoverableWhole(p)) {
            return; // splits are pre-assigned; the oracle is over whole-line assignments
        }
        Optional<Money> oracle = bruteForce(p);
        Optional<Assignment> exact = new CostOptimalStrategy().choose(problem(in));
        assertEquals(oracle.isPresent(), exact.isPresent(), "feasibility");
        oracle.ifPresent(best -> assertEquals(best, p.cost(exact.get())));
    }

    @Property(tries = 300)
    void greedyIsNeverInfeasibleWhereTheExactSearchIsFeasible(@ForAll("instances") Instance in) {
        RoutingProblem p = problem(in);
        Optional<Assignment> exact = new CostOptimalStrategy().choose(p);
        Optional<Assignment> greedy = new CostOptimalStrategy(0).choose(problem(in));
        if (exact.isPresent()) {
            assertTrue(greedy.isPresent(), "greedy found no plan where the exact search did");
            assertTrue(!p.cost(greedy.get()).isLessThan(p.cost(exact.get())), "greedy beat the optimum?");
        }
    }

    @Property(tries = 300)
    void plansNeverExceedAtpCapacityOrShipmentLimits(@ForAll("instances") Instance in) {
        for (RoutingPolicy policy : List.of(RoutingPolicy.nearestWithStock(), RoutingPolicy.priorityThenDistance(),
                RoutingPolicy.costOptimal())) {
            RoutingProblem p = problem(in);
            Optional<Assignment> a = policy.withSplitLines(in.split()).withMaxShipments(in.maxShipments())
                    .strategy().choose(new RoutingProblem(p.lines(), p.candidates(), in.split(), in.maxShipments(),
                            p.costs(), NOW, Optional.empty()));
            if (a.isEmpty()) {
                continue;
            }
            long[][] used = new long[p.candidates().size()][p.lines().size()];
            long[] covered = new long[p.lines().size()];
            for (Assignment.Allocation al : a.get().allocations()) {
                used[al.candidate()][al.line()] += al.quantity();
                covered[al.line()] += al.quantity();
                assertTrue(p.candidates().get(al.candidate()).capacityLeft() > 0, policy.name() + " used a full node");
            }
            for (int c = 0; c < used.length; c++) {
                for (int l = 0; l < covered.length; l++) {
                    assertTrue(used[c][l] <= in.stock()[c][l], policy.name() + " exceeded ATP");
                }
            }
            for (int l = 0; l < covered.length; l++) {
                assertEquals(in.quantities()[l], covered[l], policy.name() + " missed units");
            }
            assertTrue(a.get().shipments() <= in.maxShipments(), policy.name() + " exceeded the shipment limit");
        }
    }

    @Property(tries = 100)
    void theEngineNeverUsesANodeLackingTheCapability(@ForAll("instances") Instance in) {
        MutableClock clock = MutableClock.at(NOW);
        InventoryEngine inventory = InventoryEngine.builder().clock(clock).autoRegister(true).build();
        List<FulfillmentNode> nodes = new ArrayList<>();
        for (int n = 0; n < in.nodes().size(); n++) {
            FulfillmentNode.Builder b = FulfillmentNode.builder(NodeId.of("N" + n), NodeType.STORE, in.nodes().get(n),
                    ZoneId.of("Asia/Shanghai"));
            b.capabilities(n % 2 == 0 ? List.of(NodeCapability.SHIP) : List.of(NodeCapability.PICKUP));
            nodes.add(b.build());
            for (int l = 0; l < in.quantities().length; l++) {
                if (in.stock()[n][l] > 0) {
                    inventory.receive(IdempotencyKey.of("r" + n + "-" + l), Sku.of("S" + l), NodeId.of("N" + n),
                            in.stock()[n][l]);
                }
            }
        }
        RoutingEngine routing = RoutingEngine.builder(inventory.stockView()).clock(clock).nodes(nodes).build();
        Order.Builder o = Order.builder(OrderId.of("O"), Channel.of("app", ChannelKind.APP), NOW,
                DeliveryMethod.ship(in.destination()));
        for (int l = 0; l < in.quantities().length; l++) {
            o.line(Sku.of("S" + l), in.quantities()[l], Money.parse("1.00", CNY));
        }
        RoutingResult r = routing.route(o.build(), RoutingPolicy.costOptimal().withSplitLines(in.split()));
        r.plan().ifPresent(plan -> plan.shipments().forEach(s -> assertTrue(
                routing.index().node(s.node()).orElseThrow().can(NodeCapability.SHIP), s.node() + " cannot ship")));
        assertEquals(r.plan().isPresent(), r.missing().isEmpty());
    }
}

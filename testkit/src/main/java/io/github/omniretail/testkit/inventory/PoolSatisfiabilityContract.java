package io.github.omniretail.testkit.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.PoolId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

/**
 * Overlapping pools: the engine accepts a pool-level hold exactly when a brute-force search finds a way to give
 * every accepted pool line (and the new one) its units from the nodes of its pool.
 */
@PropertyDefaults(tries = 500)
public abstract class PoolSatisfiabilityContract extends InventoryStoreFixture {

    /** For subclasses. */
    protected PoolSatisfiabilityContract() {
    }

    static final Sku SKU = Sku.of("S");
    static final Channel APP = Channel.of("app", ChannelKind.APP);

    record Case(int[] stock, List<Set<Integer>> pools, List<int[]> requests, int[] nodeTakes) { }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<int[]> stock = Arbitraries.integers().between(0, 3).array(int[].class).ofSize(4);
        Arbitrary<Set<Integer>> pool = Arbitraries.integers().between(0, 3).set().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<Set<Integer>>> pools = pool.list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<int[]> request = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(1, 3)).as((p, q) -> new int[] {p, q});
        Arbitrary<int[]> takes = Arbitraries.integers().between(0, 2).array(int[].class).ofSize(4);
        return Combinators.combine(stock, pools, request.list().ofMinSize(1).ofMaxSize(6), takes).as(Case::new);
    }

    /** Can each demand (pool, units) get its units from its pool's nodes within {@code capacity}? */
    static boolean assignable(List<int[]> demands, List<Set<Integer>> pools, int[] capacity, int from) {
        if (from == demands.size()) {
            return true;
        }
        int[] d = demands.get(from);
        if (d[1] == 0) {
            return assignable(demands, pools, capacity, from + 1);
        }
        for (int node : pools.get(d[0])) {
            if (capacity[node] > 0) {
                capacity[node]--;
                d[1]--;
                boolean ok = assignable(demands, pools, capacity, from);
                d[1]++;
                capacity[node]++;
                if (ok) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean feasible(List<int[]> demands, List<Set<Integer>> pools, int[] capacity) {
        List<int[]> copy = demands.stream().map(int[]::clone).collect(Collectors.toList());
        return assignable(copy, pools, capacity.clone(), 0);
    }

    @Property
    void poolHoldsAreAcceptedExactlyWhenJointlySatisfiable(@ForAll("cases") Case c) {
        InventoryEngine engine = builder().autoRegister(true).build();
        List<NodeId> nodes = List.of(NodeId.of("N0"), NodeId.of("N1"), NodeId.of("N2"), NodeId.of("N3"));
        nodes.forEach(engine::registerNode);
        engine.registerSku(SKU);
        int[] capacity = c.stock().clone();
        for (int n = 0; n < 4; n++) {
            if (c.stock()[n] > 0) {
                engine.receive(IdempotencyKey.of("r" + n), SKU, nodes.get(n), c.stock()[n]);
            }
        }
        List<PoolId> poolIds = new ArrayList<>();
        for (int p = 0; p < c.pools().size(); p++) {
            PoolId id = PoolId.of("P" + p);
            engine.definePool(id, c.pools().get(p).stream().map(nodes::get).collect(Collectors.toSet()));
            poolIds.add(id);
        }
        List<int[]> accepted = new ArrayList<>();
        int key = 0;
        for (int[] request : c.requests()) {
            int pool = request[0] % c.pools().size();
            List<int[]> candidate = new ArrayList<>(accepted);
            candidate.add(new int[] {pool, request[1]});
            boolean expected = feasible(candidate, c.pools(), capacity);
            boolean actual;
            try {
                engine.hold(HoldRequest.builder(IdempotencyKey.of("h" + (key++)), APP, Duration.ofHours(1))
                        .line(HoldLine.inPool(SKU, poolIds.get(pool), request[1])).build());
                actual = true;
            } catch (InsufficientStockException e) {
                actual = false;
            }
            assertEquals(expected, actual, "pool hold " + request[1] + " in pool " + c.pools().get(pool)
                    + " with stock " + java.util.Arrays.toString(capacity) + " and accepted " + describe(accepted));
            if (actual) {
                accepted.add(new int[] {pool, request[1]});
            }
        }
        // Node-level holds then never break the pool holds: each is accepted exactly when the pools stay assignable.
        for (int n = 0; n < 4; n++) {
            int take = c.nodeTakes()[n];
            if (take == 0) {
                continue;
            }
            int[] reduced = capacity.clone();
            reduced[n] -= take;
            boolean expected = reduced[n] >= 0 && feasible(accepted, c.pools(), reduced);
            boolean actual;
            try {
                engine.hold(HoldRequest.builder(IdempotencyKey.of("n" + n), APP, Duration.ofHours(1))
                        .line(HoldLine.atNode(SKU, nodes.get(n), take)).build());
                actual = true;
            } catch (InsufficientStockException e) {
                actual = false;
            }
            assertEquals(expected, actual, "node hold " + take + " at N" + n);
            if (actual) {
                capacity = reduced;
            }
            assertEquals(maxExtra(accepted, c.pools(), capacity, n), engine.atp(SKU, nodes.get(n), APP),
                    "node ATP at N" + n);
        }
    }

    /** Largest x that can still be taken at {@code node} with the pool demands assignable. */
    static int maxExtra(List<int[]> accepted, List<Set<Integer>> pools, int[] capacity, int node) {
        int x = 0;
        while (x < capacity[node]) {
            int[] reduced = capacity.clone();
            reduced[node] -= x + 1;
            if (!feasible(accepted, pools, reduced)) {
                break;
            }
            x++;
        }
        return x;
    }

    private static String describe(List<int[]> accepted) {
        return accepted.stream().map(a -> "P" + a[0] + "x" + a[1]).collect(Collectors.joining(","));
    }
}

package io.github.omniretail.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The pool max-flow against the min-cut of the same network computed by brute force: for pools with demands,
 * member nodes with capacities and infinite pool → node edges, the maximum flow equals the minimum over every set S
 * of pools of (demand of the pools outside S) + (capacity of the nodes S reaches).
 */
class PoolFlowProperties {

    @Property(tries = 500)
    void maxFlowEqualsTheBruteForceMinCut(@ForAll @Size(min = 1, max = 5) List<@IntRange(min = 0, max = 40) Integer>
            demands, @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 0, max = 40) Integer> capacities,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int edges) {
        int pools = demands.size();
        int nodes = capacities.size();
        boolean[][] member = new boolean[pools][nodes];
        int bit = 0;
        for (int p = 0; p < pools; p++) {
            for (int n = 0; n < nodes; n++) {
                member[p][n] = ((edges >>> (bit++ % 31)) & 1) == 1;
            }
        }
        PoolFlow flow = new PoolFlow(pools + nodes + 2);
        for (int p = 0; p < pools; p++) {
            flow.addEdge(flow.source(), 1 + p, demands.get(p));
            for (int n = 0; n < nodes; n++) {
                if (member[p][n]) {
                    flow.addEdge(1 + p, 1 + pools + n, PoolFlow.INFINITE);
                }
            }
        }
        for (int n = 0; n < nodes; n++) {
            flow.addEdge(1 + pools + n, flow.sink(), capacities.get(n));
        }
        long best = Long.MAX_VALUE;
        for (int s = 0; s < 1 << pools; s++) {
            long cut = 0;
            boolean[] reached = new boolean[nodes];
            for (int p = 0; p < pools; p++) {
                if ((s & (1 << p)) == 0) {
                    cut += demands.get(p);
                } else {
                    for (int n = 0; n < nodes; n++) {
                        reached[n] |= member[p][n];
                    }
                }
            }
            for (int n = 0; n < nodes; n++) {
                if (reached[n]) {
                    cut += capacities.get(n);
                }
            }
            best = Math.min(best, cut);
        }
        assertEquals(best, flow.maximise());
    }

    @Property(tries = 200)
    void addingDemandAfterwardsMeasuresOnlyWhatMoreFits(@ForAll @IntRange(min = 0, max = 30) int first,
            @ForAll @IntRange(min = 0, max = 30) int second, @ForAll @IntRange(min = 0, max = 40) int capacity) {
        // two pools sharing one node: the second's extra flow is what is left of the node
        PoolFlow flow = new PoolFlow(5);
        flow.addEdge(0, 1, first);
        flow.addEdge(1, 3, PoolFlow.INFINITE);
        flow.addEdge(3, 4, capacity);
        long before = flow.maximise();
        assertEquals(Math.min(first, capacity), before);
        flow.addEdge(0, 2, second);
        flow.addEdge(2, 3, PoolFlow.INFINITE);
        assertEquals(Math.min(first + second, capacity), flow.maximise(), "the total after the second demand");
    }
}

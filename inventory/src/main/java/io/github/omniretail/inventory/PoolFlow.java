package io.github.omniretail.inventory;

import java.util.Arrays;

/**
 * Max-flow for the pool-level holds of one SKU: source → pools (their unpinned demand) → member nodes → sink
 * (each node's capacity). The demands are jointly satisfiable (Hall's condition holds for every family of
 * pools) exactly when the maximum flow saturates every demand. Edmonds–Karp on a dense matrix; graphs are small.
 * Augmenting paths never reduce flow on source edges, so after {@link #maximise()} saturated the existing
 * demands, adding a new source edge and maximising again measures how much more fits. Not thread-safe.
 */
final class PoolFlow {

    static final long INFINITE = Long.MAX_VALUE / 4;

    private final int size;
    private final long[][] capacity;
    private final long[][] flow;
    private long total;

    /** A network of {@code vertices} vertices: 0 is the source, {@code vertices − 1} the sink. */
    PoolFlow(int vertices) {
        size = vertices;
        capacity = new long[vertices][vertices];
        flow = new long[vertices][vertices];
    }

    int source() {
        return 0;
    }

    int sink() {
        return size - 1;
    }

    void addEdge(int from, int to, long units) {
        if (units > 0) {
            capacity[from][to] = Math.min(INFINITE, capacity[from][to] + units);
        }
    }

    /** Augments along shortest paths until none remains; returns the total flow. */
    long maximise() {
        int[] parent = new int[size];
        int[] queue = new int[size];
        while (true) {
            Arrays.fill(parent, -1);
            parent[0] = 0;
            int head = 0;
            int tail = 0;
            queue[tail++] = 0;
            while (head < tail && parent[size - 1] < 0) {
                int u = queue[head++];
                for (int v = 0; v < size; v++) {
                    if (parent[v] < 0 && capacity[u][v] - flow[u][v] > 0) {
                        parent[v] = u;
                        queue[tail++] = v;
                    }
                }
            }
            if (parent[size - 1] < 0) {
                return total;
            }
            long push = INFINITE;
            for (int v = size - 1; v != 0; v = parent[v]) {
                push = Math.min(push, capacity[parent[v]][v] - flow[parent[v]][v]);
            }
            for (int v = size - 1; v != 0; v = parent[v]) {
                flow[parent[v]][v] += push;
                flow[v][parent[v]] -= push;
            }
            total += push;
        }
    }
}

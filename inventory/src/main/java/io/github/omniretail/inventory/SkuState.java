package io.github.omniretail.inventory;

import io.github.omniretail.core.Sku;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every position of one SKU, in parallel primitive arrays sorted by node index (about 17 bytes a position), plus
 * sparse extras, the SKU's unpinned pool demand and its expiry heap. All fields are guarded by {@link #lock};
 * SKUs are locked in {@link #index} order.
 */
final class SkuState {

    static final byte LOW_STOCK = 1;
    private static final int[] NO_INTS = new int[0];
    private static final byte[] NO_BYTES = new byte[0];

    /** Sparse per-position settings: safety policy, sales history, reorder point. */
    static final class Extras {
        SafetyStockPolicy policy = SafetyStockPolicy.fixed(0);
        TreeMap<LocalDate, Integer> sales;
        int reorderPoint;
        int hysteresis;
    }

    final Sku sku;
    final int index;
    final ReentrantLock lock = new ReentrantLock();

    int size;
    int[] nodes = NO_INTS;
    int[] onHand = NO_INTS;
    int[] held = NO_INTS;
    int[] safety = NO_INTS;
    byte[] flags = NO_BYTES;

    /** node index → extras; null until a position gets a policy, sales or a reorder point. */
    HashMap<Integer, Extras> extras;
    /** node index → units held per rule of that node (same order as the node's rules); only at nodes with rules. */
    HashMap<Integer, int[]> ruleHeld;
    /** pool index → unpinned pool-level units held. */
    HashMap<Integer, Long> poolDemand;

    long[] heapTimes = new long[0];
    HoldState[] heapHolds = new HoldState[0];
    int heapSize;

    SkuState(Sku sku, int index) {
        this.sku = sku;
        this.index = index;
    }

    /** Slot of {@code node}, or {@code -(insertion point) − 1}. */
    int find(int node) {
        int lo = 0;
        int hi = size - 1;
        if (hi >= 0 && nodes[hi] < node) {
            return -(size + 1);
        }
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int v = nodes[mid];
            if (v < node) {
                lo = mid + 1;
            } else if (v > node) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** Slot of {@code node}, creating an empty position if needed. */
    int slot(int node) {
        int at = find(node);
        if (at >= 0) {
            return at;
        }
        at = -at - 1;
        if (size == nodes.length) {
            int capacity = Math.max(4, size + (size >> 1));
            nodes = java.util.Arrays.copyOf(nodes, capacity);
            onHand = java.util.Arrays.copyOf(onHand, capacity);
            held = java.util.Arrays.copyOf(held, capacity);
            safety = java.util.Arrays.copyOf(safety, capacity);
            flags = java.util.Arrays.copyOf(flags, capacity);
        }
        int tail = size - at;
        if (tail > 0) {
            System.arraycopy(nodes, at, nodes, at + 1, tail);
            System.arraycopy(onHand, at, onHand, at + 1, tail);
            System.arraycopy(held, at, held, at + 1, tail);
            System.arraycopy(safety, at, safety, at + 1, tail);
            System.arraycopy(flags, at, flags, at + 1, tail);
        }
        nodes[at] = node;
        onHand[at] = 0;
        held[at] = 0;
        safety[at] = 0;
        flags[at] = 0;
        size++;
        return at;
    }

    /** Trims the arrays to their size (after bulk loading). */
    void trim() {
        if (nodes.length != size) {
            nodes = java.util.Arrays.copyOf(nodes, size);
            onHand = java.util.Arrays.copyOf(onHand, size);
            held = java.util.Arrays.copyOf(held, size);
            safety = java.util.Arrays.copyOf(safety, size);
            flags = java.util.Arrays.copyOf(flags, size);
        }
    }

    Extras extras(int node) {
        if (extras == null) {
            extras = new HashMap<>();
        }
        return extras.computeIfAbsent(node, n -> new Extras());
    }

    Extras extrasOrNull(int node) {
        return extras == null ? null : extras.get(node);
    }

    int[] ruleHeld(int node) {
        return ruleHeld == null ? null : ruleHeld.get(node);
    }

    long poolDemand(int pool) {
        if (poolDemand == null) {
            return 0;
        }
        Long d = poolDemand.get(pool);
        return d == null ? 0 : d;
    }

    void addPoolDemand(int pool, long delta) {
        if (poolDemand == null) {
            poolDemand = new HashMap<>();
        }
        long next = poolDemand(pool) + delta;
        if (next == 0) {
            poolDemand.remove(pool);
        } else {
            poolDemand.put(pool, next);
        }
    }

    boolean hasPoolDemand() {
        return poolDemand != null && !poolDemand.isEmpty();
    }

    // ---- expiry heap (min-heap on time)

    void push(long time, HoldState hold) {
        if (heapSize == heapTimes.length) {
            int capacity = Math.max(4, heapSize * 2);
            heapTimes = java.util.Arrays.copyOf(heapTimes, capacity);
            heapHolds = java.util.Arrays.copyOf(heapHolds, capacity);
        }
        int i = heapSize++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heapTimes[parent] <= time) {
                break;
            }
            heapTimes[i] = heapTimes[parent];
            heapHolds[i] = heapHolds[parent];
            i = parent;
        }
        heapTimes[i] = time;
        heapHolds[i] = hold;
    }

    long peekTime() {
        return heapSize == 0 ? Long.MAX_VALUE : heapTimes[0];
    }

    HoldState pop() {
        HoldState top = heapHolds[0];
        int last = --heapSize;
        long time = heapTimes[last];
        HoldState hold = heapHolds[last];
        heapHolds[last] = null;
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= last) {
                break;
            }
            if (child + 1 < last && heapTimes[child + 1] < heapTimes[child]) {
                child++;
            }
            if (heapTimes[child] >= time) {
                break;
            }
            heapTimes[i] = heapTimes[child];
            heapHolds[i] = heapHolds[child];
            i = child;
        }
        if (last > 0) {
            heapTimes[i] = time;
            heapHolds[i] = hold;
        }
        if (heapSize == 0 && heapTimes.length > 64) {
            heapTimes = new long[0];
            heapHolds = new HoldState[0];
        }
        return top;
    }
}

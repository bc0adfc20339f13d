package io.github.omniretail.inventory;

import io.github.omniretail.core.Sku;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * Every position of one SKU, plus sparse extras, the SKU's unpinned pool demand and its expiry heap.
 *
 * <p>Positions are sorted by node index in one {@code int[]} with four ints a position — node (and flags in the
 * top byte), on-hand, held, safety — so one position is 16 bytes in one cache line. When a SKU is stocked at every
 * node, position {@code i} is node {@code i} and is found without searching.
 *
 * <p>The object is its own lock (a non-reentrant mutex, so the lock word shares the object's cache line); every
 * field is guarded by it. SKUs are locked in {@link #index} order.
 */
final class SkuState extends AbstractQueuedSynchronizer {

    private static final long serialVersionUID = 1L;
    private static final int STRIDE = 4;
    private static final int NODE_MASK = 0x00FF_FFFF;
    private static final int LOW_STOCK = 1 << 24;
    private static final int[] NO_INTS = new int[0];
    private static final long[] NO_LONGS = new long[0];

    /** Sparse per-position settings: safety policy, sales history, reorder point. */
    static final class Extras {
        SafetyStockPolicy policy = SafetyStockPolicy.fixed(0);
        TreeMap<LocalDate, Integer> sales;
        int reorderPoint;
        int hysteresis;
        /** Returned units kept here, not for sale, until inspected. */
        int quarantined;
    }

    final transient Sku sku;
    final int index;

    int size;
    private int[] data = NO_INTS;

    /** node index → extras; null until a position gets a policy, sales or a reorder point. */
    transient HashMap<Integer, Extras> extras;
    /** node index → units held per rule of that node (same order as the node's rules); only at nodes with rules. */
    transient HashMap<Integer, int[]> ruleHeld;
    /** pool index → unpinned pool-level units held. */
    transient HashMap<Integer, Long> poolDemand;
    /** node index → the position's lots; null until the SKU receives a lot (the lot-less fast path). */
    transient HashMap<Integer, LotTable> lots;
    /** node index → expected receipts and waiting pre-sale lines; null when there are none (the fast path). */
    transient HashMap<Integer, InboundTable> inbound;
    /** channel → units that may be backordered beyond every known receipt; null when none may. */
    transient HashMap<io.github.omniretail.core.ChannelId, Integer> backorderLimits;

    /** Min-heap of (expiry millis, hold id) pairs. */
    private long[] heap = NO_LONGS;
    private int heapSize;

    SkuState(Sku sku, int index) {
        this.sku = sku;
        this.index = index;
    }

    // ---- lock

    void lock() {
        if (!compareAndSetState(0, 1)) {
            acquire(1);
        }
    }

    void unlock() {
        release(1);
    }

    @Override
    protected boolean tryAcquire(int ignored) {
        return compareAndSetState(0, 1);
    }

    @Override
    protected boolean tryRelease(int ignored) {
        setState(0);
        return true;
    }

    // ---- positions

    int node(int slot) {
        return data[slot * STRIDE] & NODE_MASK;
    }

    int onHand(int slot) {
        return data[slot * STRIDE + 1];
    }

    int held(int slot) {
        return data[slot * STRIDE + 2];
    }

    int safety(int slot) {
        return data[slot * STRIDE + 3];
    }

    void setOnHand(int slot, int value) {
        data[slot * STRIDE + 1] = value;
    }

    void setHeld(int slot, int value) {
        data[slot * STRIDE + 2] = value;
    }

    void setSafety(int slot, int value) {
        data[slot * STRIDE + 3] = value;
    }

    boolean lowStock(int slot) {
        return (data[slot * STRIDE] & LOW_STOCK) != 0;
    }

    void setLowStock(int slot, boolean low) {
        int i = slot * STRIDE;
        data[i] = low ? data[i] | LOW_STOCK : data[i] & ~LOW_STOCK;
    }

    /** Slot of {@code node}, or {@code -(insertion point) − 1}. */
    int find(int node) {
        if (node < size && (data[node * STRIDE] & NODE_MASK) == node) {
            return node; // dense: position i is node i
        }
        int lo = 0;
        int hi = size - 1;
        if (size > 16) {
            // Interpolate from the node range, then gallop to bracket: a few probes near one spot instead of a
            // binary search's cache misses across the whole array.
            int last = data[hi * STRIDE] & NODE_MASK;
            if (node > last) {
                return -(size + 1);
            }
            int guess = (int) Math.min(hi, (long) node * size / (last + 1L));
            int v = data[guess * STRIDE] & NODE_MASK;
            if (v == node) {
                return guess;
            }
            int step = 1;
            if (v < node) {
                lo = guess + 1;
                while (lo + step - 1 <= hi && (data[(lo + step - 1) * STRIDE] & NODE_MASK) < node) {
                    lo += step;
                    step <<= 1;
                }
                hi = Math.min(hi, lo + step - 1);
            } else {
                hi = guess - 1;
                while (hi - step + 1 >= lo && (data[(hi - step + 1) * STRIDE] & NODE_MASK) > node) {
                    hi -= step;
                    step <<= 1;
                }
                lo = Math.max(lo, hi - step + 1);
            }
        }
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int v = data[mid * STRIDE] & NODE_MASK;
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
        if (node > NODE_MASK) {
            throw new IllegalStateException("more than " + NODE_MASK + " nodes");
        }
        at = -at - 1;
        if ((size + 1) * STRIDE > data.length) {
            data = Arrays.copyOf(data, Math.max(4, size + (size >> 1) + 1) * STRIDE);
        }
        System.arraycopy(data, at * STRIDE, data, (at + 1) * STRIDE, (size - at) * STRIDE);
        int i = at * STRIDE;
        data[i] = node;
        data[i + 1] = 0;
        data[i + 2] = 0;
        data[i + 3] = 0;
        size++;
        return at;
    }

    /** The positions in the stored form: five ints each — node, on-hand, held, safety, flags (1 = low stock). */
    int[] storedPositions() {
        int[] out = new int[size * 5];
        for (int slot = 0; slot < size; slot++) {
            int i = slot * STRIDE;
            int o = slot * 5;
            out[o] = data[i] & NODE_MASK;
            out[o + 1] = data[i + 1];
            out[o + 2] = data[i + 2];
            out[o + 3] = data[i + 3];
            out[o + 4] = (data[i] & LOW_STOCK) != 0 ? 1 : 0;
        }
        return out;
    }

    /** Replaces the positions with a stored form (nodes ascending), as {@link #storedPositions()} writes it. */
    void loadPositions(int[] stored) {
        int count = stored.length / 5;
        data = count == 0 ? NO_INTS : new int[count * STRIDE];
        size = count;
        for (int slot = 0; slot < count; slot++) {
            int i = slot * STRIDE;
            int o = slot * 5;
            if (slot > 0 && stored[o] <= stored[o - 5]) {
                throw new IllegalStateException("stored positions of " + sku + " are not in node order");
            }
            data[i] = stored[o] | ((stored[o + 4] & 1) != 0 ? LOW_STOCK : 0);
            data[i + 1] = stored[o + 1];
            data[i + 2] = stored[o + 2];
            data[i + 3] = stored[o + 3];
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

    /** @return units in quarantine at node index {@code node} */
    int quarantined(int node) {
        Extras x = extras == null ? null : extras.get(node);
        return x == null ? 0 : x.quarantined;
    }

    /** @return the lots at node index {@code node}, or null if it has none */
    LotTable lotsOrNull(int node) {
        return lots == null ? null : lots.get(node);
    }

    LotTable lots(int node) {
        if (lots == null) {
            lots = new HashMap<>();
        }
        return lots.computeIfAbsent(node, n -> new LotTable());
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

    // ---- expiry heap: (time, hold id) pairs, min on time

    void push(long time, long holdId) {
        if ((heapSize + 1) * 2 > heap.length) {
            heap = Arrays.copyOf(heap, Math.max(8, heap.length * 2));
        }
        int i = heapSize++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent * 2] <= time) {
                break;
            }
            heap[i * 2] = heap[parent * 2];
            heap[i * 2 + 1] = heap[parent * 2 + 1];
            i = parent;
        }
        heap[i * 2] = time;
        heap[i * 2 + 1] = holdId;
    }

    long peekTime() {
        return heapSize == 0 ? Long.MAX_VALUE : heap[0];
    }

    /** Removes the earliest entry and returns its hold id. */
    long pop() {
        long top = heap[1];
        int last = --heapSize;
        long time = heap[last * 2];
        long id = heap[last * 2 + 1];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= last) {
                break;
            }
            if (child + 1 < last && heap[(child + 1) * 2] < heap[child * 2]) {
                child++;
            }
            if (heap[child * 2] >= time) {
                break;
            }
            heap[i * 2] = heap[child * 2];
            heap[i * 2 + 1] = heap[child * 2 + 1];
            i = child;
        }
        if (last > 0) {
            heap[i * 2] = time;
            heap[i * 2 + 1] = id;
        }
        if (heapSize == 0 && heap.length > 128) {
            heap = NO_LONGS;
        }
        return top;
    }
}

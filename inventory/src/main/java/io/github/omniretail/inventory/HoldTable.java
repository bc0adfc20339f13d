package io.github.omniretail.inventory;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Holds by id. Ids are handed out in sequence here, so a two-level array (pages of 4,096) replaces a hash map:
 * 8 bytes a hold instead of a map node and a boxed key. Pages whose holds have all been forgotten are dropped.
 * Thread-safe: slots are read and written with volatile semantics.
 */
final class HoldTable {

    private static final int PAGE_BITS = 12;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int DIRECTORY = 1 << 19; // 2^31 ids

    private final AtomicReferenceArray<AtomicReferenceArray<HoldState>> pages = new AtomicReferenceArray<>(DIRECTORY);
    private final AtomicLong ids = new AtomicLong();
    private volatile long lowestPage;

    private static final int BLOCK = 256;
    /** Per thread: the next id of its block and the end of the block, so threads do not contend on {@link #ids}. */
    private final ThreadLocal<long[]> blocks = ThreadLocal.withInitial(() -> new long[2]);

    long nextId() {
        long[] block = blocks.get();
        if (block[0] == block[1]) {
            long start = ids.getAndAdd(BLOCK);
            block[0] = start + 1;
            block[1] = start + 1 + BLOCK;
        }
        return block[0]++;
    }

    long lastId() {
        return ids.get();
    }

    void restoreLastId(long last) {
        ids.set(last);
    }

    /** The highest id any hold can have now (ids are handed out to threads in blocks). */
    long bound() {
        return ids.get();
    }

    private AtomicReferenceArray<HoldState> page(long id, boolean create) {
        long index = id >>> PAGE_BITS;
        if (index >= DIRECTORY) {
            throw new IllegalStateException("hold ids exhausted at " + id);
        }
        AtomicReferenceArray<HoldState> page = pages.get((int) index);
        if (page == null && create) {
            pages.compareAndSet((int) index, null, new AtomicReferenceArray<>(PAGE_SIZE));
            page = pages.get((int) index);
        }
        return page;
    }

    void put(HoldState hold) {
        page(hold.id, true).set((int) (hold.id & (PAGE_SIZE - 1)), hold);
    }

    HoldState get(long id) {
        if (id <= 0 || (id >>> PAGE_BITS) >= DIRECTORY) {
            return null;
        }
        AtomicReferenceArray<HoldState> page = page(id, false);
        return page == null ? null : page.get((int) (id & (PAGE_SIZE - 1)));
    }

    void forEach(Consumer<HoldState> action) {
        long top = ids.get() >>> PAGE_BITS;
        for (long p = lowestPage; p <= top; p++) {
            AtomicReferenceArray<HoldState> page = pages.get((int) p);
            if (page != null) {
                for (int i = 0; i < PAGE_SIZE; i++) {
                    HoldState h = page.get(i);
                    if (h != null) {
                        action.accept(h);
                    }
                }
            }
        }
    }

    /** Whether every line is closed: expired holds give their lines back SKU by SKU, lazily. */
    private static boolean closed(HoldState h) {
        for (HoldState.Line line : h.lines) {
            if (line.open() > 0) {
                return false;
            }
        }
        return true;
    }

    /** Forgets final holds finalised before {@code cutoff}; drops emptied pages. Returns how many. */
    synchronized int prune(long cutoff) {
        int pruned = 0;
        long top = ids.get() >>> PAGE_BITS;
        boolean emptySoFar = true;
        for (long p = lowestPage; p <= top; p++) {
            AtomicReferenceArray<HoldState> page = pages.get((int) p);
            int live = 0;
            if (page != null) {
                for (int i = 0; i < PAGE_SIZE; i++) {
                    HoldState h = page.get(i);
                    if (h == null) {
                        continue;
                    }
                    if (h.finalizedAt >= 0 && h.finalizedAt < cutoff && closed(h)) {
                        page.compareAndSet(i, h, null);
                        pruned++;
                    } else {
                        live++;
                    }
                }
                if (live == 0 && p < top) {
                    pages.compareAndSet((int) p, page, null);
                }
            }
            if (live > 0 || p == top) {
                emptySoFar = false;
            } else if (emptySoFar) {
                lowestPage = p + 1;
            }
        }
        return pruned;
    }
}

package io.github.omniretail.inventory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The lots of one position (SKU × node), kept in first-expiry-first-out order: expiry (lots without one last), then
 * receipt time, then id. Each lot has its own on-hand and held units; they are part of the position's, and what the
 * position has beyond the lots' sums is stock without a lot, taken after every lot. Guarded by the SKU's lock, like
 * every other part of a {@link SkuState}.
 *
 * <p>A lot is available to a channel while its expiry is later than now plus the channel's minimum shelf life; its
 * units are written off as waste when the sweep ({@link InventoryEngine#expireLots()}) finds it past expiry. A lot is
 * forgotten once it has no units on hand or held.
 */
final class LotTable {

    /** Expiry of a lot that has none: after every other. */
    static final long NEVER = Long.MAX_VALUE;

    /**
     * A hold line's lot preference and the lots it holds, in the order it took them (fulfilment ships from the
     * first, a release gives back from the last). Null on a line with neither.
     */
    private static final String[] NO_IDS = new String[0];
    private static final int[] NO_UNITS = new int[0];

    static final class Take {
        final boolean fifo;
        /** The lot asked for, or null. */
        final String named;
        String[] ids = NO_IDS;
        /** Per lot, three ints: units open, units shipped, and units taken when the line was placed (or pinned). */
        int[] units = NO_UNITS;

        Take(boolean fifo, String named) {
            this.fifo = fifo;
            this.named = named;
        }

        int open(int k) {
            return units[3 * k];
        }

        int shipped(int k) {
            return units[3 * k + 1];
        }

        /** @return units taken from lot {@code k} when the line was placed: the hold as placed */
        int taken(int k) {
            return units[3 * k + 2];
        }

        /** Moves {@code u} open units of lot {@code k} to shipped ({@code ship}) or gives them back. */
        void close(int k, int u, boolean ship) {
            units[3 * k] -= u;
            if (ship) {
                units[3 * k + 1] += u;
            }
        }

        /** Sets lot {@code k}'s counts (a stored or restored line). */
        void set(int k, int open, int shipped, int taken) {
            units[3 * k] = open;
            units[3 * k + 1] = shipped;
            units[3 * k + 2] = taken;
        }

        void add(String id, int units) {
            int at = ids.length - 1;
            while (at >= 0 && !ids[at].equals(id)) {
                at--;
            }
            if (at < 0) {
                at = ids.length;
                ids = Arrays.copyOf(ids, at + 1);
                this.units = Arrays.copyOf(this.units, 3 * (at + 1));
                ids[at] = id;
            }
            this.units[3 * at] += units;
            this.units[3 * at + 2] += units;
        }

        int openInLots() {
            int sum = 0;
            for (int k = 0; k < ids.length; k++) {
                sum += units[3 * k];
            }
            return sum;
        }
    }

    private String[] ids = new String[0];
    private long[] expires = new long[0];
    private long[] received = new long[0];
    private int[] onHand = new int[0];
    private int[] held = new int[0];
    private int size;

    int size() {
        return size;
    }

    String id(int i) {
        return ids[i];
    }

    long expires(int i) {
        return expires[i];
    }

    long received(int i) {
        return received[i];
    }

    int onHand(int i) {
        return onHand[i];
    }

    int held(int i) {
        return held[i];
    }

    int free(int i) {
        return Math.max(0, onHand[i] - held[i]);
    }

    int find(String id) {
        for (int i = 0; i < size; i++) {
            if (ids[i].equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** The lot's index, adding it (empty) in expiry order if new. */
    int lot(String id, long expiresAt, long receivedAt) {
        int at = find(id);
        if (at >= 0) {
            return at;
        }
        int i = 0;
        while (i < size && (expires[i] < expiresAt || expires[i] == expiresAt && (received[i] < receivedAt
                || received[i] == receivedAt && ids[i].compareTo(id) < 0))) {
            i++;
        }
        if (size == ids.length) {
            int cap = Math.max(2, size * 2);
            ids = Arrays.copyOf(ids, cap);
            expires = Arrays.copyOf(expires, cap);
            received = Arrays.copyOf(received, cap);
            onHand = Arrays.copyOf(onHand, cap);
            held = Arrays.copyOf(held, cap);
        }
        int move = size - i;
        System.arraycopy(ids, i, ids, i + 1, move);
        System.arraycopy(expires, i, expires, i + 1, move);
        System.arraycopy(received, i, received, i + 1, move);
        System.arraycopy(onHand, i, onHand, i + 1, move);
        System.arraycopy(held, i, held, i + 1, move);
        ids[i] = id;
        expires[i] = expiresAt;
        received[i] = receivedAt;
        onHand[i] = 0;
        held[i] = 0;
        size++;
        return i;
    }

    void addOnHand(int i, int delta) {
        onHand[i] = Math.addExact(onHand[i], delta);
    }

    void addHeld(int i, int delta) {
        held[i] = Math.addExact(held[i], delta);
    }

    /** Forgets lots with nothing on hand or held. */
    void compact() {
        int to = 0;
        for (int i = 0; i < size; i++) {
            if (onHand[i] != 0 || held[i] != 0) {
                ids[to] = ids[i];
                expires[to] = expires[i];
                received[to] = received[i];
                onHand[to] = onHand[i];
                held[to] = held[i];
                to++;
            }
        }
        Arrays.fill(ids, to, size, null);
        size = to;
    }

    long onHandInLots() {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            sum += onHand[i];
        }
        return sum;
    }

    long heldInLots() {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            sum += held[i];
        }
        return sum;
    }

    /** Free units in lots a channel may not take: expiring at or before {@code cutoff}. */
    long unavailableFree(long cutoff) {
        long sum = 0;
        for (int i = 0; i < size && expires[i] <= cutoff; i++) {
            sum += free(i);
        }
        return sum;
    }

    /** Lot indexes in the order a line takes them: expiry order (the table's), or receipt order for FIFO. */
    int[] order(boolean fifo) {
        int[] idx = new int[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        if (fifo) { // a handful of lots: insertion sort on receipt time, then id
            for (int i = 1; i < size; i++) {
                int v = idx[i];
                int j = i - 1;
                while (j >= 0 && (received[idx[j]] > received[v]
                        || received[idx[j]] == received[v] && ids[idx[j]].compareTo(ids[v]) > 0)) {
                    idx[j + 1] = idx[j];
                    j--;
                }
                idx[j + 1] = v;
            }
        }
        return idx;
    }

    /** The lots as the API shows them. */
    List<LotPosition> view() {
        List<LotPosition> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new LotPosition(ids[i], expires[i] == NEVER ? Optional.empty()
                    : Optional.of(java.time.Instant.ofEpochMilli(expires[i])), java.time.Instant.ofEpochMilli(
                    received[i]), onHand[i], held[i]));
        }
        return out;
    }
}

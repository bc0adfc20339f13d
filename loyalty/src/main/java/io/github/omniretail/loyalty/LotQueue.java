package io.github.omniretail.loyalty;

import io.github.omniretail.loyalty.LedgerState.LotState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A member's spendable lots in consumption order: a sorted array with a moving head. New lots almost always
 * sort last (rolling and calendar expiry grow with time) and debits take from the head, so both are O(1)
 * amortised without tree nodes; a lot given back into the middle costs a short array shift.
 *
 * <p>A stored ledger may load only a prefix: then the queue knows a <em>horizon</em> (the last lot it was given
 * in storage order) and a {@link Loader}; a lot beyond the horizon is never handed out before the loader has
 * brought in every stored lot that comes before it. So a debit reads as many lots as it consumes, not the
 * member's whole history. Not thread-safe: used under the member's lock.
 */
final class LotQueue {

    /** Brings in stored lots after the horizon. */
    @FunctionalInterface
    interface Loader {
        /**
         * Adds the next stored lots after {@code horizon} in consumption order to {@code queue} (lots with points
         * left that are not pending; lots the caller already holds as objects are passed as those objects).
         *
         * @return the new horizon: the last lot read, or null if storage holds no more
         */
        LotState loadAfter(LotState horizon, LotQueue queue);
    }

    private final boolean fifo;
    private LotState horizon;
    private Loader loader;
    private LotState[] lots = new LotState[4];
    private int head;
    private int size;

    LotQueue(boolean fifo) {
        this.fifo = fifo;
    }

    /** The sort key of a lot in this order: its earn instant (FIFO) or its expiry. */
    long key(LotState l) {
        return fifo ? l.earnedAt : l.expiresAt;
    }

    /** Negative if {@code a} is consumed before {@code b}: by key, then creation order in the member, then id. */
    int compare(LotState a, LotState b) {
        int c = Long.compare(key(a), key(b));
        if (c == 0) {
            c = Long.compare(a.seq, b.seq);
        }
        return c != 0 ? c : a.id.value().compareTo(b.id.value());
    }

    /**
     * Declares that storage holds more lots after {@code horizon}; {@code loader} brings them in on demand.
     *
     * @param horizon the last stored lot handed to this queue, or null if it was given every stored lot
     * @param loader non-null when {@code horizon} is
     */
    void partial(LotState horizon, Loader loader) {
        this.horizon = horizon;
        this.loader = loader;
    }

    /** Loads until the head is a lot no stored lot precedes, or storage has no more. */
    private void ensure() {
        while (horizon != null && (size == 0 || compare(lots[head], horizon) > 0)) {
            horizon = loader.loadAfter(horizon, this);
        }
    }

    boolean isEmpty() {
        ensure();
        return size == 0;
    }

    /** Lots in the queue now (loaded ones only). */
    int size() {
        return size;
    }

    /** The lot consumed next; the queue must not be empty. */
    LotState first() {
        ensure();
        return lots[head];
    }

    /** Removes the first lot. */
    void removeFirst() {
        LotState l = lots[head];
        l.queued = false;
        lots[head++] = null;
        size--;
        if (size == 0) {
            head = 0;
        }
    }

    /** Adds a lot unless it is already queued. */
    void add(LotState lot) {
        if (lot.queued) {
            return;
        }
        if (head + size == lots.length) {
            if (size * 2 <= lots.length && head > 0) {
                System.arraycopy(lots, head, lots, 0, size);
                Arrays.fill(lots, size, head + size, null);
            } else {
                LotState[] grown = new LotState[Math.max(4, size * 2)];
                System.arraycopy(lots, head, grown, 0, size);
                lots = grown;
            }
            head = 0;
        }
        int end = head + size;
        int i = end;
        while (i > head && compare(lots[i - 1], lot) > 0) { // nearly always zero steps
            i--;
        }
        System.arraycopy(lots, i, lots, i + 1, end - i);
        lots[i] = lot;
        size++;
        lot.queued = true;
    }

    /** Removes a lot if queued. */
    void remove(LotState lot) {
        if (!lot.queued) {
            return;
        }
        int end = head + size;
        for (int i = head; i < end; i++) {
            if (lots[i] == lot) {
                System.arraycopy(lots, i + 1, lots, i, end - i - 1);
                lots[end - 1] = null;
                size--;
                lot.queued = false;
                if (size == 0) {
                    head = 0;
                }
                return;
            }
        }
        throw new IllegalStateException("lot " + lot.id + " marked queued but not found");
    }

    /** Removes every lot (loaded or not: call {@link #toList()} first). */
    void clear() {
        horizon = null;
        for (int i = head; i < head + size; i++) {
            lots[i].queued = false;
            lots[i] = null;
        }
        head = 0;
        size = 0;
    }

    /** Every lot in consumption order (a copy), loading what storage still holds. */
    List<LotState> toList() {
        while (horizon != null) {
            horizon = loader.loadAfter(horizon, this);
        }
        List<LotState> out = new ArrayList<>(size);
        for (int i = head; i < head + size; i++) {
            out.add(lots[i]);
        }
        return out;
    }
}

package io.github.omniretail.loyalty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A member's spendable lots in consumption order: a sorted array with a moving head. New lots almost always
 * sort last (rolling and calendar expiry grow with time) and debits take from the head, so both are O(1)
 * amortised without tree nodes; a lot given back into the middle costs a short array shift. Not thread-safe:
 * used under the member's lock.
 */
final class LotQueue {

    private final boolean fifo;
    private MemoryPointsLedger.LotState[] lots = new MemoryPointsLedger.LotState[4];
    private int head;
    private int size;

    LotQueue(boolean fifo) {
        this.fifo = fifo;
    }

    private long key(MemoryPointsLedger.LotState l) {
        return fifo ? l.earnedAt : l.expiresAt;
    }

    /** Negative if {@code a} is consumed before {@code b}. */
    private int compare(MemoryPointsLedger.LotState a, MemoryPointsLedger.LotState b) {
        int c = Long.compare(key(a), key(b));
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The lot consumed next; the queue must not be empty. */
    MemoryPointsLedger.LotState first() {
        return lots[head];
    }

    /** Removes the first lot. */
    void removeFirst() {
        MemoryPointsLedger.LotState l = lots[head];
        l.queued = false;
        lots[head++] = null;
        size--;
        if (size == 0) {
            head = 0;
        }
    }

    /** Adds a lot unless it is already queued. */
    void add(MemoryPointsLedger.LotState lot) {
        if (lot.queued) {
            return;
        }
        if (head + size == lots.length) {
            if (size * 2 <= lots.length && head > 0) {
                System.arraycopy(lots, head, lots, 0, size);
                Arrays.fill(lots, size, head + size, null);
            } else {
                MemoryPointsLedger.LotState[] grown = new MemoryPointsLedger.LotState[Math.max(4, size * 2)];
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
    void remove(MemoryPointsLedger.LotState lot) {
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

    /** Removes every lot. */
    void clear() {
        for (int i = head; i < head + size; i++) {
            lots[i].queued = false;
            lots[i] = null;
        }
        head = 0;
        size = 0;
    }

    /** The queued lots in consumption order (a copy). */
    List<MemoryPointsLedger.LotState> toList() {
        List<MemoryPointsLedger.LotState> out = new ArrayList<>(size);
        for (int i = head; i < head + size; i++) {
            out.add(lots[i]);
        }
        return out;
    }
}

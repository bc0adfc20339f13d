package io.github.omniretail.loyalty;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The mutable state {@link LedgerKernel} decides over, one member at a time. The in-memory ledger keeps every
 * member's state for the life of the ledger; a stored ledger decodes the state of the members a batch touches from
 * rows, possibly only in part (the lots a decision needs: see {@link LotQueue}), and writes back what changed. Not
 * thread-safe: used by one thread at a time (under the member's lock, or inside a batch).
 */
final class LedgerState {

    private LedgerState() {
    }

    /** A lot: the points one earn credited, what is left of them, and the earn's refund and tier bookkeeping. */
    static final class LotState {
        final IdempotencyKey id;
        /**
         * Creation order within the owning member, unique per member: breaks ties between lots with the same key.
         * A merge renumbers the moved lots after the target's own (see {@link LedgerKernel#merge}).
         */
        long seq;
        final long points;
        long remaining;
        final long earnedAt;
        final long availableAt;
        final long expiresAt;
        boolean pending;
        /** True while in the member's {@link LotQueue}. */
        boolean queued;
        /** The amount the earn paid for; null for a lot that is not an earn's. */
        final Money amount;
        /** Points of the earn already reversed by refunds. */
        long reversed;
        /** Points of the earn still counting towards the tier window (net of refunds); zero once rolled off. */
        long qualifying;

        LotState(IdempotencyKey id, long seq, long points, long earnedAt, long availableAt, long expiresAt,
                boolean pending, Money amount) {
            this.id = id;
            this.seq = seq;
            this.points = points;
            this.remaining = points;
            this.earnedAt = earnedAt;
            this.availableAt = availableAt;
            this.expiresAt = expiresAt;
            this.pending = pending;
            this.amount = amount;
        }
    }

    /** Points taken from one lot by a debit, to give back on void or cancel. */
    record Taken(LotState lot, long points) {
    }

    /** A hold on a member's points. */
    static final class HoldRec {
        final IdempotencyKey id;
        final long points;
        final long expiresAt;
        final List<Taken> taken;
        boolean settled;

        HoldRec(IdempotencyKey id, long points, long expiresAt, List<Taken> taken) {
            this.id = id;
            this.points = points;
            this.expiresAt = expiresAt;
            this.taken = taken;
        }
    }

    /** A redemption (a one-step redeem or a posted hold) and the lots it consumed. */
    static final class Redemption {
        final IdempotencyKey id;
        final long points;
        /** The lots it consumed and still holds (fewer after a partial cancellation). */
        List<Taken> taken;
        boolean cancelled;
        /** Partly given back since it was loaded (a stored ledger then rewrites its row). */
        boolean changed;

        Redemption(IdempotencyKey id, long points, List<Taken> taken) {
            this.id = id;
            this.points = points;
            this.taken = taken;
        }

        /** @return points not yet given back */
        long left() {
            long sum = 0;
            for (Taken t : taken) {
                sum += t.points();
            }
            return sum;
        }
    }

    /**
     * A member's lots: those inside the return window by activation time, the available ones in consumption order
     * and by expiry, and every earn's lot by the earn's key.
     */
    static final class Lots {
        /** Lots inside the return window, by activation time. */
        final PriorityQueue<LotState> pending = new PriorityQueue<>(Comparator.comparingLong(l -> l.availableAt));
        /** Available lots with points left, in consumption order. */
        final LotQueue active;
        /** Available lots by expiry (may hold stale entries: lots since emptied or re-added). */
        final PriorityQueue<LotState> expiring = new PriorityQueue<>(Comparator.comparingLong(l -> l.expiresAt));
        /** Earns by id (the earn's lot). */
        final Map<IdempotencyKey, LotState> earns = new HashMap<>();
        /** The next lot's {@link LotState#seq}. */
        long seq;

        Lots(boolean fifo) {
            this.active = new LotQueue(fifo);
        }
    }

    /**
     * A member's tier standing: the tier, since when, the next review and whether it is a grace period, and the
     * earns still inside the tier window with the sum of their qualifying points.
     */
    static final class Standing {
        Tier tier;
        long since;
        long reviewAt;
        boolean inGrace;
        /** Earns still in the tier window with qualifying points, oldest first (a stored state: those to roll off). */
        final ArrayDeque<LotState> qualifying = new ArrayDeque<>();
        long qualifyingSum;
        /** Earns at or before this instant have rolled out of the tier window. */
        long qualifyingFrom = Long.MIN_VALUE;
    }

    /** What a member has committed to spend: open holds by key and by time-out, and redemptions by key. */
    static final class Spending {
        final Map<IdempotencyKey, HoldRec> holds = new HashMap<>();
        /** Open holds by time-out (may hold settled ones). */
        final PriorityQueue<HoldRec> holdTimeouts = new PriorityQueue<>(Comparator.comparingLong(h -> h.expiresAt));
        final Map<IdempotencyKey, Redemption> redemptions = new HashMap<>();
    }

    /**
     * A member's entries since {@link #base} (all of them in memory; a batch's new ones in a stored ledger) and the
     * balances after each, four longs an entry: {at, available, pending, held}.
     */
    static final class Journal {
        /** Entries written before {@code log.get(0)}. */
        long base;
        /** When the latest entry was stamped; meaningless while there is none. */
        long lastEntryAt;
        final List<LedgerEntry> log = new ArrayList<>();
        long[] history = new long[16];
        int size;

        /** Appends an entry stamped {@code at} and the balances after it. */
        void append(LedgerEntry e, long at, long available, long pending, long held) {
            log.add(e);
            lastEntryAt = at;
            if (size + 4 > history.length) {
                history = java.util.Arrays.copyOf(history, history.length * 2);
            }
            history[size++] = at;
            history[size++] = available;
            history[size++] = pending;
            history[size++] = held;
        }

        /** @return the balances after the {@code i}-th entry of {@link #log} */
        Balance after(int i) {
            return new Balance(history[i * 4 + 1], history[i * 4 + 2], history[i * 4 + 3]);
        }

        /** @return the balances after the last entry stamped at or before {@code at}, or zero before the first */
        Balance asOf(long at) {
            int lo = 0;
            int hi = size / 4 - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (history[mid * 4] <= at) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found < 0 ? Balance.ZERO : after(found);
        }
    }

    /**
     * One member: balances and activity, and four parts each with one concern — {@link Lots}, {@link Standing},
     * {@link Spending} and the {@link Journal}. Events written while deciding are published (or stored) afterwards.
     */
    static final class MemberState {
        final MemberId id;
        /** The member as a posting's account owner, shared by every posting. */
        final Optional<MemberId> owner;
        final ReentrantLock lock = new ReentrantLock();
        long available;
        long pending;
        long held;
        /** Last earn, hold or redemption, for inactivity-based expiry. */
        long lastActivity;
        boolean closed;
        final Lots lots;
        final Standing standing = new Standing();
        final Spending spending = new Spending();
        final Journal journal = new Journal();
        /** Events written while deciding, published (or stored) afterwards. */
        final List<PointsEvent> events = new ArrayList<>();

        MemberState(MemberId id, boolean fifo) {
            this.id = id;
            this.owner = Optional.of(id);
            this.lots = new Lots(fifo);
        }

        /** Entries written for this member, ever. */
        long entries() {
            return journal.base + journal.log.size();
        }
    }
}

package io.github.omniretail.loyalty;

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
        final TransactionId id;
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

        LotState(TransactionId id, long seq, long points, long earnedAt, long availableAt, long expiresAt,
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
        final TransactionId id;
        final long points;
        final long expiresAt;
        final List<Taken> taken;
        boolean settled;

        HoldRec(TransactionId id, long points, long expiresAt, List<Taken> taken) {
            this.id = id;
            this.points = points;
            this.expiresAt = expiresAt;
            this.taken = taken;
        }
    }

    /** A redemption (a one-step redeem or a posted hold) and the lots it consumed. */
    static final class Redemption {
        final TransactionId id;
        final long points;
        final List<Taken> taken;
        boolean cancelled;

        Redemption(TransactionId id, long points, List<Taken> taken) {
            this.id = id;
            this.points = points;
            this.taken = taken;
        }
    }

    /**
     * One member's balances, lots, holds, redemptions, tier window and new entries.
     *
     * <p>{@code log} holds the entries since {@code entryBase} (all of them in memory; a batch's new ones in a
     * stored ledger), {@code history} the balances after each of them.
     */
    static final class MemberState {
        final MemberId id;
        /** The member as a posting's account owner, shared by every posting. */
        final Optional<MemberId> owner;
        final ReentrantLock lock = new ReentrantLock();
        long available;
        long pending;
        long held;
        /** Lots inside the return window, by activation time. */
        final PriorityQueue<LotState> pendingLots = new PriorityQueue<>(Comparator.comparingLong(l -> l.availableAt));
        /** Available lots with points left, in consumption order. */
        final LotQueue activeLots;
        /** Available lots by expiry (may hold stale entries: lots since emptied or re-added). */
        final PriorityQueue<LotState> expiring = new PriorityQueue<>(Comparator.comparingLong(l -> l.expiresAt));
        final Map<TransactionId, HoldRec> holds = new HashMap<>();
        /** Open holds by time-out (may hold settled ones). */
        final PriorityQueue<HoldRec> holdTimeouts = new PriorityQueue<>(Comparator.comparingLong(h -> h.expiresAt));
        final Map<TransactionId, Redemption> redemptions = new HashMap<>();
        /** Earns by id (the earn's lot). */
        final Map<TransactionId, LotState> earns = new HashMap<>();
        /** Earns still in the tier window with qualifying points, oldest first (a stored state: those to roll off). */
        final ArrayDeque<LotState> qualifying = new ArrayDeque<>();
        long qualifyingSum;
        /** Earns at or before this instant have rolled out of the tier window. */
        long qualifyingFrom = Long.MIN_VALUE;
        Tier tier;
        long tierSince;
        /** Last earn, hold or redemption, for inactivity-based expiry. */
        long lastActivity;
        boolean closed;
        long reviewAt;
        boolean inGrace;
        /** The next lot's {@link LotState#seq}. */
        long lotSeq;
        /** Entries written before {@code log.get(0)}. */
        long entryBase;
        /** When the latest entry was stamped; meaningless while there is none. */
        long lastEntryAt;
        final List<LedgerEntry> log = new ArrayList<>();
        /** {at, available, pending, held} after each entry of {@code log}, four longs an entry. */
        long[] history = new long[16];
        int historySize;
        /** Events written while deciding, published (or stored) afterwards. */
        final List<PointsEvent> events = new ArrayList<>();

        MemberState(MemberId id, boolean fifo) {
            this.id = id;
            this.owner = Optional.of(id);
            this.activeLots = new LotQueue(fifo);
        }

        /** Entries written for this member, ever. */
        long entries() {
            return entryBase + log.size();
        }
    }
}

package io.github.omniretail.loyalty;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.core.IdempotencyConflictException;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.event.EventSink;
import io.github.omniretail.core.event.LoyaltyEvent;
import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.loyalty.spi.LedgerStoreContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An integer, double-entry, idempotent points ledger with lots, pending points, expiry, two-phase redemption and
 * refund reversal.
 *
 * <p><b>Double entry.</b> Every {@link LedgerEntry} moves points between accounts ({@link AccountKind}) and its
 * postings sum to zero; entries are immutable and append-only, corrections are new entries referencing the
 * original. <b>Idempotency</b> follows TigerBeetle: the caller's {@link IdempotencyKey} is the key — the same id and
 * request return the original entry, the same id with another request throws {@link IdempotencyConflictException}, a
 * failed id stays failed. One order earns once, whatever channel reports it.
 *
 * <p><b>Lots and time.</b> Every earn is a lot with an expiry; points are pending for the return window, then
 * available; debits consume lots earliest-expiry first (or FIFO). Activation, expiry and hold time-outs follow
 * the injected clock: {@link #expireDue()} sweeps, and every call on a member first applies what is due for that
 * member (stamped at the instant it fell due), so an expired point is never spendable even if no sweep ran.
 *
 * <p><b>Thread-safety.</b> Thread-safe and linearizable per member: calls on one member are serialised by that
 * member's lock; there is no global lock.
 */
public interface PointsLedger {

    /**
     * A builder of the in-memory ledger.
     *
     * @return a new builder; not thread-safe
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * The default store: everything in this JVM's heap.
     *
     * @return the in-memory store
     */
    static LedgerStore inMemoryStore() {
        return MemoryLedgerStore.INSTANCE;
    }

    /**
     * A store on rows kept in {@code storage} (such as PostgreSQL), shared by every ledger on the same rows in any
     * JVM: the same rules kernel as the in-memory ledger decides each call from the rows of exactly the members it
     * touches (no replay: a call's cost is flat in the member's history), and concurrent calls on one ledger are
     * committed together as {@code groupCommit} says. Storage adapters (such as {@code PostgresLedgerStore}) call
     * this; applications use the adapter.
     *
     * @param storage non-null storage
     * @param groupCommit non-null batching settings, such as {@link GroupCommit#DEFAULTS}
     * @return a store whose ledgers are thread-safe
     */
    static LedgerStore storedIn(io.github.omniretail.loyalty.spi.LedgerStorage storage, GroupCommit groupCommit) {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(groupCommit, "groupCommit");
        return new LedgerStore() {
            @Override
            public PointsLedger open(LedgerStoreContext context) {
                return new StoredPointsLedger(storage, groupCommit, Objects.requireNonNull(context, "context"));
            }

            @Override
            public String toString() {
                return "LedgerStore[stored in " + storage + "]";
            }
        };
    }

    /**
     * Enrols a member. Idempotent.
     *
     * @param member non-null member
     */
    void enrol(MemberId member);

    /**
     * Awards points for a purchase: {@code amount × pointsPerUnit × channel multiplier}, rounded by the rules;
     * pending for the return window, then available. An order earns once: a second report of the same order (any id)
     * returns the first entry.
     *
     * @param id non-null transaction id
     * @param member non-null enrolled member
     * @param order non-null order id
     * @param channel non-null channel the purchase came through
     * @param amount non-null, positive amount paid
     * @return the EARN entry
     * @throws UnknownMemberException if the member is not enrolled
     * @throws IllegalArgumentException if the amount is not positive or earns zero points
     */
    LedgerEntry earn(IdempotencyKey id, MemberId member, OrderId order, Channel channel, Money amount);

    /**
     * Awards points for an order: as {@link #earn(IdempotencyKey, MemberId, OrderId, Channel, Money)} on the order's
     * {@linkplain io.github.omniretail.core.Order#net() net amount} (its lines after their discounts) and channel,
     * plus the rules' SKU and category bonuses for its lines. A refund of the earn reverses points in proportion to
     * the net amount refunded.
     *
     * @param id non-null transaction id
     * @param member non-null enrolled member
     * @param order non-null order
     * @return the EARN entry
     */
    LedgerEntry earn(IdempotencyKey id, MemberId member, io.github.omniretail.core.Order order);

    /**
     * Holds points for a checkout (available → held), consuming lots; they return if the hold times out.
     *
     * @param id non-null transaction id; also the hold's id
     * @param member non-null member
     * @param points positive points
     * @param ttl positive time-to-live
     * @return the HOLD entry
     * @throws InsufficientPointsException if fewer points are available
     */
    LedgerEntry hold(IdempotencyKey id, MemberId member, long points, Duration ttl);

    /**
     * Posts a hold, fully or partly (held → redemption); the unposted rest returns to its lots.
     *
     * @param id non-null transaction id
     * @param hold non-null id of an open hold
     * @param points points to post, {@code 1..held}
     * @return the REDEEM entry
     * @throws LedgerStateException if the hold is unknown, settled or timed out, or points exceed it
     */
    LedgerEntry post(IdempotencyKey id, IdempotencyKey hold, long points);

    /**
     * Voids a hold: its points return to their lots with their original expiry.
     *
     * @param id non-null transaction id
     * @param hold non-null id of an open hold
     * @return the VOID entry
     * @throws LedgerStateException if the hold is unknown, settled or timed out
     */
    LedgerEntry voidHold(IdempotencyKey id, IdempotencyKey hold);

    /**
     * Redeems points in one step (available → redemption).
     *
     * @param id non-null transaction id
     * @param member non-null member
     * @param points positive points
     * @return the REDEEM entry
     * @throws InsufficientPointsException if fewer points are available
     */
    LedgerEntry redeem(IdempotencyKey id, MemberId member, long points);

    /**
     * Reverses the points of an earn in proportion to the refunded amount (rounded down, never more than earned
     * and not yet reversed). Points still in the earn's lot come back from it (pending or available); points already
     * spent follow {@link LoyaltyRules#refundShortfall()}.
     *
     * @param id non-null transaction id
     * @param earn non-null id of an EARN entry
     * @param refunded non-null, positive refunded amount in the earn's currency
     * @return the REFUND entry
     * @throws LedgerStateException if {@code earn} is not an earn of this ledger or is fully reversed
     */
    LedgerEntry refund(IdempotencyKey id, IdempotencyKey earn, Money refunded);

    /**
     * Cancels what is left of a redemption (redemption → available); the consumed lots are restored with their
     * original expiry.
     *
     * @param id non-null transaction id
     * @param redemption non-null id of a REDEEM entry (from {@link #redeem} or {@link #post})
     * @return the CANCEL_REDEMPTION entry
     * @throws LedgerStateException if it is not a redemption or was already cancelled in full
     */
    LedgerEntry cancelRedemption(IdempotencyKey id, IdempotencyKey redemption);

    /**
     * Gives back part of a redemption (a partial return of an order paid partly in points): {@code points} go
     * from the redemption account back to available, restoring the lots consumed last first, each with its
     * original expiry. Several partial cancellations may follow one another; the one that gives back the last
     * point cancels the redemption.
     *
     * @param id non-null transaction id
     * @param redemption non-null id of a REDEEM entry
     * @param points points to give back, {@code > 0} and at most what is left of the redemption
     * @return the CANCEL_REDEMPTION entry
     * @throws IllegalArgumentException if {@code points <= 0}
     * @throws LedgerStateException if it is not a redemption, was cancelled in full, or has fewer points left
     */
    LedgerEntry cancelRedemption(IdempotencyKey id, IdempotencyKey redemption, long points);

    /**
     * Merges a duplicate member into another: available and pending points move with their lots (original expiry
     * kept), earns, redemptions and qualifying points follow, the tier is re-evaluated, and both logs get a MERGE
     * entry (history stays traceable). The source is closed afterwards: calls naming it fail. Idempotent. Move the
     * member's identities with {@link MemberDirectory#moveAll} as well.
     *
     * @param id non-null transaction id
     * @param source non-null member merged away; must have no open hold
     * @param target non-null member kept, different from the source
     * @return the MERGE entry in the target's log
     * @throws LedgerStateException if the source has open holds or either member is closed
     */
    LedgerEntry merge(IdempotencyKey id, MemberId source, MemberId target);

    /**
     * The periodic sweep: activates pending points, expires lots and times out holds, for every member.
     *
     * @return the number of entries written
     */
    int expireDue();

    /**
     * A member's balance now. O(1) apart from applying what fell due.
     *
     * @param member non-null member
     * @return the balance
     */
    Balance balance(MemberId member);

    /**
     * A member's balance as it was at {@code instant} (after every entry stamped at or before it).
     *
     * @param member non-null member
     * @param instant non-null instant, not in the future
     * @return the balance then
     */
    Balance balanceAsOf(MemberId member, Instant instant);

    /**
     * The member's lots with points remaining, in consumption order.
     *
     * @param member non-null member
     * @return the open lots
     */
    List<Lot> lots(MemberId member);

    /**
     * Points that will expire within {@code window} unless spent.
     *
     * @param member non-null member
     * @param window non-null, non-negative window
     * @return points
     */
    long expiringWithin(MemberId member, Duration window);

    /**
     * A page of the member's entries, oldest first.
     *
     * @param member non-null member
     * @param page page number from 0
     * @param size page size, 1..1,000
     * @return the entries on that page
     */
    List<LedgerEntry> statement(MemberId member, int page, int size);

    /**
     * The member's tier now (reviews that fell due are applied first).
     *
     * @param member non-null member
     * @return the tier and its benefits
     */
    Tier tier(MemberId member);

    /**
     * Points the member earned (net of refunds) within the tier qualification window.
     *
     * @param member non-null member
     * @return qualifying points
     */
    long qualifyingPoints(MemberId member);

    /**
     * The balance of a program account (issuance is negative: the points it has put into circulation).
     *
     * @param account a non-member account kind
     * @return the balance
     */
    long programBalance(AccountKind account);

    /**
     * Rebuilds a member's balance by replaying the member's entries; equals {@link #balance} for a correct ledger.
     *
     * @param member non-null member
     * @return the replayed balance
     */
    Balance rebuild(MemberId member);

    /** Builds the in-memory ledger. Each setting may be set once. Not thread-safe. */
    final class Builder {
        private Clock clock;
        private LoyaltyRules rules;
        private TierPolicy tiers;
        private EventSink<? super LoyaltyEvent> events;
        private LedgerStore store;
        private io.github.omniretail.core.spi.BatchListener batches;
        private io.github.omniretail.loyalty.spi.CategoryLookup categories;

        Builder() {
        }

        /**
         * Where events go ({@link PointsEvent}). Default {@link EventSink#none()}.
         *
         * @param sink non-null sink
         * @return this builder
         */
        public Builder eventSink(EventSink<? super LoyaltyEvent> sink) {
            if (this.events != null) {
                throw new IllegalStateException("eventSink is already set");
            }
            this.events = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * Told the size and duration of every batch a stored ledger commits (metrics: batch sizes, commit
         * latency); ledgers in memory run no batches. Default: none.
         *
         * @param listener non-null listener; fast, and thread-safe
         * @return this builder
         */
        public Builder batchListener(io.github.omniretail.core.spi.BatchListener listener) {
            if (this.batches != null) {
                throw new IllegalStateException("batchListener is already set");
            }
            this.batches = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Where state is kept. Default {@link PointsLedger#inMemoryStore()}.
         *
         * @param store non-null store
         * @return this builder
         */
        public Builder store(LedgerStore store) {
            if (this.store != null) {
                throw new IllegalStateException("store is already set");
            }
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Which categories SKUs are in, for category bonuses. Default: none.
         *
         * @param categories non-null lookup
         * @return this builder
         */
        public Builder categories(io.github.omniretail.loyalty.spi.CategoryLookup categories) {
            if (this.categories != null) {
                throw new IllegalStateException("categories are already set");
            }
            this.categories = Objects.requireNonNull(categories, "categories");
            return this;
        }

        /**
         * The tier policy. Default {@link TierPolicy#single()}.
         *
         * @param tiers non-null policy
         * @return this builder
         */
        public Builder tiers(TierPolicy tiers) {
            if (this.tiers != null) {
                throw new IllegalStateException("tiers are already set");
            }
            this.tiers = Objects.requireNonNull(tiers, "tiers");
            return this;
        }

        /**
         * The clock. Default {@link Clock#systemUTC()}.
         *
         * @param clock non-null clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            if (this.clock != null) {
                throw new IllegalStateException("clock is already set");
            }
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The rules. Default {@link LoyaltyRules#standard()}.
         *
         * @param rules non-null rules
         * @return this builder
         */
        public Builder rules(LoyaltyRules rules) {
            if (this.rules != null) {
                throw new IllegalStateException("rules are already set");
            }
            this.rules = Objects.requireNonNull(rules, "rules");
            return this;
        }

        /**
         * Builds the ledger.
         *
         * @return a thread-safe ledger
         */
        @SuppressWarnings("unchecked")
        public PointsLedger build() {
            LedgerStoreContext context = new LedgerStoreContext(clock != null ? clock : Clock.systemUTC(),
                    events != null ? (EventSink<LoyaltyEvent>) events : EventSink.none(), events == null,
                    rules != null ? rules : LoyaltyRules.standard(), tiers != null ? tiers : TierPolicy.single(),
                    categories != null ? categories : io.github.omniretail.loyalty.spi.CategoryLookup.none(),
                    batches != null ? batches : io.github.omniretail.core.spi.BatchListener.none());
            return (store != null ? store : inMemoryStore()).open(context);
        }
    }
}

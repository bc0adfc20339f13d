package io.github.omniretail.loyalty.spi;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.loyalty.AccountKind;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a stored points ledger keeps its rows — the second kind of loyalty SPI. A storage decides nothing: the
 * ledger's rules kernel decides every operation from the rows a transaction locks and loads, and hands back the
 * rows to write. Another database is another storage, never another ledger. Build a ledger on one with
 * {@link io.github.omniretail.loyalty.PointsLedger#storedIn}.
 *
 * <p>The state is per member: one {@link Member} row (balances, tier window, counters), one {@link Lot} row per
 * earn, {@link Hold} rows for open holds, {@link Redemption} rows, and the append-only {@link Entry} rows with the
 * balances after each. A decision reads only what it needs — the member row, the open holds, the lots that fell
 * due, and as many lots in consumption order as its debits consume — so its cost does not grow with the member's
 * history. Times are epoch milliseconds.
 *
 * <p>The ledger gathers concurrent calls into one transaction and calls {@link Session#lock} once, then possibly
 * {@link Session#lotsAfter} (a debit that outgrew the loaded lots), {@link Session#write} at most once, then the
 * storage commits. Obligations: {@code lock} locks members in one fixed order until the transaction ends (no
 * deadlock between instances) and resolves a referenced transaction's owner to the live member it was merged into;
 * everything in one {@link #transaction} commits or nothing does; a key written twice (another instance's call
 * under the same id or order) fails the transaction with a failure {@link #transaction} retries; {@code write}
 * appends {@link LedgerRows#events()} in the same transaction, ordered after every committed event of the same
 * member. The {@code omniretail-testkit} loyalty contracts, run on a ledger over the storage, are the authority.
 * Implementations are thread-safe.
 */
public interface LedgerStorage {

    /**
     * Runs {@code work} in one transaction and commits it; reruns it on transient failures.
     *
     * @param operation non-null name for logs and errors
     * @param work non-null work; may run more than once
     * @param <T> result type
     * @return what the last run returned, after its commit
     */
    <T> T transaction(String operation, Work<T> work);

    /**
     * Work run inside a transaction.
     *
     * @param <T> result type
     */
    @FunctionalInterface
    interface Work<T> {
        /**
         * @param session non-null session, valid only during the call
         * @return the result
         */
        T run(Session session);
    }

    /** One transaction's access to the rows. Not thread-safe; valid only inside {@link Work#run}. */
    interface Session {

        /**
         * Creates the {@link LockRequest#create()} members that do not exist, resolves the owners of the referenced
         * transactions (to the live member each was merged into, if any), locks in member order the named members
         * and those owners, and loads them.
         *
         * @param request non-null keys
         * @return what was found
         */
        Locked lock(LockRequest request);

        /**
         * The member's next stored lots after {@code after} in consumption order ({@link Lot#consumeKey()}, then
         * {@link Lot#seq()}, then id) that have points left and are not pending; the member is locked.
         *
         * @param member non-null locked member
         * @param after non-null lot to start after
         * @param limit positive bound
         * @return up to {@code limit} lots
         */
        List<Lot> lotsAfter(MemberId member, Lot after, int limit);

        /**
         * Writes rows: members, lots, holds and redemptions inserted or replaced by key, settled holds deleted,
         * entries, idempotency records, earned orders and events inserted, program deltas added, merged members'
         * lots and redemptions moved to their target.
         *
         * @param rows non-null rows
         */
        void write(LedgerRows rows);

        /**
         * A page of a member's entries by sequence, oldest first.
         *
         * @param member non-null member
         * @param from first sequence number (0-based)
         * @param limit positive bound
         * @return entries
         */
        List<Entry> entries(MemberId member, long from, int limit);

        /**
         * The member's latest entry stamped at or before {@code at}.
         *
         * @param member non-null member
         * @param at epoch millis
         * @return the entry, if any
         */
        Optional<Entry> entryAsOf(MemberId member, long at);

        /**
         * The sum of a program account's postings.
         *
         * @param account non-null program account
         * @return points
         */
        long programBalance(AccountKind account);

        /**
         * Live members with something due at {@code now}: a lot expiring or activating, a hold timing out, a tier
         * review, dormancy.
         *
         * @param now epoch millis
         * @param limit positive bound
         * @return members, possibly empty
         */
        List<MemberId> dueMembers(long now, int limit);
    }

    /**
     * The keys a batch locks and loads.
     *
     * @param members non-null members named by the calls
     * @param create non-null rows of members to create if absent (enrolments)
     * @param references non-null transactions whose owner is to be locked (holds, earns, redemptions named)
     * @param idempotency non-null transaction ids whose records to load
     * @param orders non-null orders whose earlier earn to load
     * @param debits non-null points each member's debits in the batch may consume (how many lots to load)
     * @param full non-null members to load completely (every lot, redemption and qualifying earn)
     * @param now epoch millis: lots and holds due at or before it are loaded
     * @param windowStart epoch millis: earns at or before it that still qualify are loaded (to roll off)
     */
    record LockRequest(Set<MemberId> members, List<Member> create, Set<IdempotencyKey> references,
            Set<IdempotencyKey> idempotency, Set<OrderId> orders, Map<MemberId, Long> debits, Set<MemberId> full,
            long now, long windowStart) {

        /** Copies the collections. */
        public LockRequest {
            members = Set.copyOf(members);
            create = List.copyOf(create);
            references = Set.copyOf(references);
            idempotency = Set.copyOf(idempotency);
            orders = Set.copyOf(orders);
            debits = Map.copyOf(debits);
            full = Set.copyOf(full);
        }
    }

    /**
     * What {@link Session#lock} found.
     *
     * @param members non-null locked live members' rows (closed members too, when named)
     * @param owners non-null owner of each referenced transaction found
     * @param lots non-null lots loaded, of any locked member, each once
     * @param more non-null for each locked member whose active lots were not all loaded: the last one loaded in
     *     consumption order (the loader's horizon)
     * @param holds non-null every open hold of the locked members
     * @param redemptions non-null redemptions referenced, and every one of fully loaded members
     * @param outcomes non-null idempotency records found
     * @param orders non-null earlier earn entry (as written by the ledger) per order found
     */
    record Locked(List<Member> members, Map<IdempotencyKey, MemberId> owners, List<Lot> lots, Map<MemberId, Lot> more,
            List<Hold> holds, List<Redemption> redemptions, List<Outcome> outcomes, Map<OrderId, String> orders) {

        /** Copies the collections. */
        public Locked {
            members = List.copyOf(members);
            owners = Map.copyOf(owners);
            lots = List.copyOf(lots);
            more = Map.copyOf(more);
            holds = List.copyOf(holds);
            redemptions = List.copyOf(redemptions);
            outcomes = List.copyOf(outcomes);
            orders = Map.copyOf(orders);
        }
    }

    /**
     * What one batch writes.
     *
     * @param members non-null member rows (inserted or replaced)
     * @param lots non-null lot rows (inserted or replaced: every column may change but {@code id})
     * @param holds non-null open hold rows (inserted or replaced)
     * @param settledHolds non-null ids of holds settled (deleted)
     * @param redemptions non-null redemption rows (inserted or replaced)
     * @param entries non-null new entries
     * @param outcomes non-null new idempotency records
     * @param orders non-null orders earned by this batch, with the earn entry as written by the ledger
     * @param program non-null program account deltas
     * @param merged non-null source → target of each merge (the source's other lots and redemptions move)
     * @param events non-null new events, in order
     */
    record LedgerRows(List<Member> members, List<Lot> lots, List<Hold> holds, List<IdempotencyKey> settledHolds,
            List<Redemption> redemptions, List<Entry> entries, List<Outcome> outcomes, Map<OrderId, String> orders,
            Map<AccountKind, Long> program, Map<MemberId, MemberId> merged, List<Event> events) {

        /** Copies the collections. */
        public LedgerRows {
            members = List.copyOf(members);
            lots = List.copyOf(lots);
            holds = List.copyOf(holds);
            settledHolds = List.copyOf(settledHolds);
            redemptions = List.copyOf(redemptions);
            entries = List.copyOf(entries);
            outcomes = List.copyOf(outcomes);
            orders = Map.copyOf(orders);
            program = Map.copyOf(program);
            merged = Map.copyOf(merged);
            events = List.copyOf(events);
        }
    }

    /**
     * A member's row.
     *
     * @param member non-null id
     * @param mergedInto the member it was merged into, if closed by a merge
     * @param available available points (negative while a refund shortfall is owed)
     * @param pending pending points
     * @param held held points
     * @param tier non-null tier id
     * @param tierSince when the tier was reached
     * @param reviewAt next tier review
     * @param inGrace whether in a grace period
     * @param lastActivity last earn, hold or redemption
     * @param qualifyingSum points qualifying in the tier window
     * @param qualifyingFrom earns at or before it no longer qualify
     * @param lotSeq the next lot's sequence number
     * @param entries entries written
     * @param lastEntryAt when the latest entry was stamped
     * @param dormantAt when the member's points expire for inactivity ({@code Long.MAX_VALUE}: never)
     */
    record Member(MemberId member, Optional<MemberId> mergedInto, long available, long pending, long held, String tier,
            long tierSince, long reviewAt, boolean inGrace, long lastActivity, long qualifyingSum, long qualifyingFrom,
            long lotSeq, long entries, long lastEntryAt, long dormantAt) {

        /** Checks for nulls. */
        public Member {
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(mergedInto, "mergedInto");
            Objects.requireNonNull(tier, "tier");
        }
    }

    /**
     * One earn's lot.
     *
     * @param member non-null owner
     * @param id non-null the earn's transaction id
     * @param seq creation order within the member; a merge gives the moved lots new numbers after the target's
     *     own, so a replaced row may change it
     * @param consumeKey the consumption order's key (expiry, or earn instant under FIFO)
     * @param points points credited
     * @param remaining points left
     * @param earnedAt when earned
     * @param availableAt when the points leave pending
     * @param expiresAt when what remains expires
     * @param pending whether still pending
     * @param amount the earn's amount as JSON {@code {"amount":"12.30","currency":"CNY"}}, or empty
     * @param reversed points reversed by refunds
     * @param qualifying points still qualifying for the tier window
     */
    record Lot(MemberId member, IdempotencyKey id, long seq, long consumeKey, long points, long remaining,
            long earnedAt,
            long availableAt, long expiresAt, boolean pending, Optional<String> amount, long reversed, long qualifying) {

        /** Checks for nulls. */
        public Lot {
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /**
     * Points taken from one lot.
     *
     * @param lot non-null lot id
     * @param points points taken
     */
    record Taken(IdempotencyKey lot, long points) {

        /** Checks for nulls. */
        public Taken {
            Objects.requireNonNull(lot, "lot");
        }
    }

    /**
     * An open hold.
     *
     * @param member non-null owner
     * @param id non-null hold id
     * @param points points held
     * @param expiresAt when it times out
     * @param taken non-null lots it took from
     */
    record Hold(MemberId member, IdempotencyKey id, long points, long expiresAt, List<Taken> taken) {

        /** Checks for nulls; copies. */
        public Hold {
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(id, "id");
            taken = List.copyOf(taken);
        }
    }

    /**
     * A redemption.
     *
     * @param member non-null owner
     * @param id non-null redemption id
     * @param points points redeemed
     * @param cancelled whether cancelled
     * @param taken non-null lots it took from
     */
    record Redemption(MemberId member, IdempotencyKey id, long points, boolean cancelled, List<Taken> taken) {

        /** Checks for nulls; copies. */
        public Redemption {
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(id, "id");
            taken = List.copyOf(taken);
        }
    }

    /**
     * An entry with the member's balances after it.
     *
     * @param member non-null member
     * @param seq the member's entry number from 0
     * @param id non-null the entry's transaction id
     * @param at when stamped
     * @param body non-null the entry as written by the ledger (JSON)
     * @param available available after it
     * @param pending pending after it
     * @param held held after it
     */
    record Entry(MemberId member, long seq, IdempotencyKey id, long at, String body, long available, long pending,
            long held) {

        /** Checks for nulls. */
        public Entry {
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * An idempotency record.
     *
     * @param id non-null transaction id
     * @param owner the member whose hold, earn or redemption it made, if any
     * @param request non-null the request in canonical form
     * @param failed whether the outcome is a failure
     * @param outcome non-null the outcome as written by the ledger (JSON)
     * @param at when recorded
     */
    record Outcome(IdempotencyKey id, Optional<MemberId> owner, String request, boolean failed, String outcome,
            long at) {

        /** Checks for nulls. */
        public Outcome {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * An event for the outbox.
     *
     * @param member non-null member it is about
     * @param type non-null event type
     * @param at when it occurred
     * @param body non-null the event as written by the ledger (JSON)
     */
    record Event(MemberId member, String type, long at, String body) {

        /** Checks for nulls. */
        public Event {
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(body, "body");
        }
    }
}

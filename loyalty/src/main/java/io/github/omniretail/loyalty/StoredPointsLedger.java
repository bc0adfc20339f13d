package io.github.omniretail.loyalty;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.core.IdempotencyConflictException;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.Order;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.event.EventSink;
import io.github.omniretail.core.event.LoyaltyEvent;
import io.github.omniretail.core.internal.GroupCommitter;
import io.github.omniretail.loyalty.LedgerState.MemberState;
import io.github.omniretail.loyalty.spi.LedgerStorage;
import io.github.omniretail.loyalty.spi.LedgerStoreContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The points ledger over rows a {@link LedgerStorage} keeps: {@link LedgerKernel} decides each call from the state of
 * exactly the members it touches (the member row, open holds, and the lots it consumes or that fell due), so a
 * call's cost is flat in the member's history — no replay. Concurrent calls are gathered by a
 * {@link GroupCommitter} into one transaction: lock and load once, decide every call in order on the loaded
 * state, write once, commit, then answer each caller with its own outcome (a refused call does not fail its
 * neighbours; a failure the storage cannot commit fails the whole batch, which the storage retries first). Reads
 * go through the same path, so a read applies and writes what fell due, as the in-memory ledger does. Events go to
 * the storage's outbox in the same transaction, and to the builder's sink after the commit. Thread-safe.
 *
 * <p>Slightly over the usual ~600 lines on purpose: each public operation is a short call naming the members and
 * references it needs beside the one batch runner here, which is what makes the lock-in-member-order rule
 * checkable by reading; the rules themselves are {@link LedgerKernel}'s.
 */
final class StoredPointsLedger implements PointsLedger {

    /** What a call locks: filled by {@link Call#keys}. */
    static final class Keys {
        final Set<MemberId> members = new LinkedHashSet<>();
        final Set<MemberId> create = new HashSet<>();
        final Set<IdempotencyKey> references = new HashSet<>();
        final Set<IdempotencyKey> idempotency = new HashSet<>();
        final Set<OrderId> orders = new HashSet<>();
        final Map<MemberId, Long> debits = new HashMap<>();
        final Set<MemberId> full = new HashSet<>();
    }

    /** One call: its keys, its decision on the batch, and an optional read after the batch's write. */
    abstract static class Call<T> extends GroupCommitter.Call {
        final IdempotencyKey id;
        final String request;
        T result;
        RuntimeException failure;
        /** Set when the call failed before the point where the in-memory ledger records its id. */
        boolean unrecorded;

        Call(IdempotencyKey id, String request) {
            this.id = id;
            this.request = request;
        }

        abstract void keys(Keys keys);

        /** Decides on the batch; throws for a refusal. Returns the member that owns what it made, if any. */
        abstract T decide(StoredLedgerBatch batch);

        /** The member whose hold, earn or redemption the result is, if any (recorded as the id's owner). */
        Optional<MemberId> owner(T result) {
            return Optional.empty();
        }

        /** Reads after the batch's write, in the same transaction. */
        void after(LedgerStorage.Session session) {
        }
    }

    private final LedgerStorage storage;
    private final Clock clock;
    private final LedgerKernel kernel;
    private final TierPolicy tiers;
    private final EventSink<LoyaltyEvent> sink;
    private final boolean silent;
    private final GroupCommitter<Call<?>> committer;

    StoredPointsLedger(LedgerStorage storage, GroupCommit groupCommit, LedgerStoreContext context) {
        this.storage = storage;
        this.clock = context.clock();
        this.tiers = context.tiers();
        this.kernel = new LedgerKernel(context.rules(), tiers, context.categories(), false);
        this.sink = context.events();
        this.silent = context.silent();
        this.committer = new GroupCommitter<>(groupCommit, this::run, context.batches());
    }

    // =====================================================================================================
    // commands

    @Override
    public void enrol(MemberId member) {
        Objects.requireNonNull(member, "member");
        call(new Call<Void>(null, null) {
            @Override
            void keys(Keys k) {
                k.members.add(member);
                k.create.add(member);
            }

            @Override
            Void decide(StoredLedgerBatch b) {
                b.require(member);
                return null;
            }
        });
    }

    @Override
    public LedgerEntry earn(IdempotencyKey id, MemberId member, Order order) {
        Objects.requireNonNull(order, "order");
        long bonus = kernel.bonus(order);
        return earn(id, member, order.id(), order.channel(), order.net(), bonus, "earnOrder " + member + " " + order);
    }

    @Override
    public LedgerEntry earn(IdempotencyKey id, MemberId member, OrderId order, Channel channel, Money amount) {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(amount, "amount");
        return earn(id, member, order, channel, amount, 0,
                "earn " + member + " " + order + " " + channel + " " + amount);
    }

    private LedgerEntry earn(IdempotencyKey id, MemberId member, OrderId order, Channel channel, Money amount,
            long bonus, String request) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(member, "member");
        kernel.checkEarn(amount);
        return call(new EntryCall(id, request, member) {
            @Override
            void keys(Keys k) {
                k.members.add(member);
                k.orders.add(order);
            }

            @Override
            LedgerEntry decide(StoredLedgerBatch b) {
                MemberState m = b.require(member);
                LedgerKernel.requireOpen(m);
                Optional<String> earlier = b.earnedOrder(order);
                if (earlier.isPresent()) {
                    return LedgerCodec.entry(LedgerCodec.parse(earlier.get()));
                }
                LedgerEntry e = kernel.earn(m, id, order, channel, amount, bonus, b.now, b.programSink);
                b.recordOrder(order, LedgerCodec.entry(e));
                return e;
            }
        });
    }

    @Override
    public LedgerEntry hold(IdempotencyKey id, MemberId member, long points, Duration ttl) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(ttl, "ttl");
        positive(points);
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("hold ttl must be positive, was " + ttl);
        }
        return call(new EntryCall(id, "hold " + member + " " + points + " " + ttl, member) {
            @Override
            void keys(Keys k) {
                k.members.add(member);
                k.debits.merge(member, points, Long::sum);
            }

            @Override
            LedgerEntry decide(StoredLedgerBatch b) {
                return kernel.hold(b.require(member), id, points, ttl, b.now, b.programSink);
            }
        });
    }

    @Override
    public LedgerEntry post(IdempotencyKey id, IdempotencyKey hold, long points) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hold, "hold");
        positive(points);
        return call(new ReferenceCall(id, "post " + hold + " " + points, hold, true) {
            @Override
            LedgerEntry decide(StoredLedgerBatch b, MemberState m) {
                return kernel.post(m, id, hold, points, b.now, b.programSink);
            }
        });
    }

    @Override
    public LedgerEntry voidHold(IdempotencyKey id, IdempotencyKey hold) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hold, "hold");
        return call(new ReferenceCall(id, "void " + hold, hold, false) {
            @Override
            LedgerEntry decide(StoredLedgerBatch b, MemberState m) {
                return kernel.voidHold(m, id, hold, b.now, b.programSink);
            }
        });
    }

    @Override
    public LedgerEntry redeem(IdempotencyKey id, MemberId member, long points) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(member, "member");
        positive(points);
        return call(new EntryCall(id, "redeem " + member + " " + points, member) {
            @Override
            void keys(Keys k) {
                k.members.add(member);
                k.debits.merge(member, points, Long::sum);
            }

            @Override
            LedgerEntry decide(StoredLedgerBatch b) {
                return kernel.redeem(b.require(member), id, points, b.now, b.programSink);
            }
        });
    }

    @Override
    public LedgerEntry refund(IdempotencyKey id, IdempotencyKey earn, Money refunded) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(earn, "earn");
        Objects.requireNonNull(refunded, "refunded");
        if (!refunded.isPositive()) {
            throw new IllegalArgumentException("refunded amount must be positive, was " + refunded);
        }
        return call(new ReferenceCall(id, "refund " + earn + " " + refunded, earn, false) {
            @Override
            LedgerEntry decide(StoredLedgerBatch b, MemberState m) {
                return kernel.refund(m, id, earn, refunded, b.now, b.programSink);
            }
        });
    }

    @Override
    public LedgerEntry cancelRedemption(IdempotencyKey id, IdempotencyKey redemption) {
        return cancel(id, redemption, -1);
    }

    @Override
    public LedgerEntry cancelRedemption(IdempotencyKey id, IdempotencyKey redemption, long points) {
        return cancel(id, redemption, LedgerKernel.partPoints(points));
    }

    private LedgerEntry cancel(IdempotencyKey id, IdempotencyKey redemption, long points) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(redemption, "redemption");
        return call(new ReferenceCall(id, points < 0 ? "cancel " + redemption : "cancel " + points + " of "
                + redemption, redemption, false) {
            @Override
            LedgerEntry decide(StoredLedgerBatch b, MemberState m) {
                return kernel.cancelRedemption(m, id, redemption, points, b.now, b.programSink);
            }
        });
    }

    @Override
    public LedgerEntry merge(IdempotencyKey id, MemberId source, MemberId target) {
        Objects.requireNonNull(id, "id");
        if (Objects.requireNonNull(source, "source").equals(Objects.requireNonNull(target, "target"))) {
            throw new IllegalArgumentException("cannot merge member " + source + " into itself");
        }
        return call(new EntryCall(id, "merge " + source + " " + target, target) {
            @Override
            void keys(Keys k) {
                k.members.add(source);
                k.members.add(target);
                k.full.add(source);
                k.full.add(target);
            }

            @Override
            LedgerEntry decide(StoredLedgerBatch b) {
                MemberState s = b.require(source);
                MemberState t = b.require(target);
                LedgerEntry e = kernel.merge(s, t, id, b.now, b.programSink);
                b.recordMerge(s, t);
                return e;
            }
        });
    }

    @Override
    public int expireDue() {
        int written = 0;
        Set<MemberId> seen = new HashSet<>();
        while (true) {
            long now = clock.millis();
            List<MemberId> due = storage.transaction("ledger.dueMembers", s -> s.dueMembers(now, 256));
            List<Call<?>> sweeps = new ArrayList<>();
            int[] entries = new int[1];
            for (MemberId m : due) {
                if (seen.add(m)) {
                    sweeps.add(new Call<Void>(null, null) {
                        @Override
                        void keys(Keys k) {
                            k.members.add(m);
                        }

                        @Override
                        Void decide(StoredLedgerBatch b) {
                            b.member(m).ifPresent(state -> entries[0] += state.journal.log.size());
                            return null;
                        }
                    });
                }
            }
            if (sweeps.isEmpty()) {
                return written;
            }
            run(sweeps);
            written += entries[0];
        }
    }

    // =====================================================================================================
    // reads (through the batch path: what fell due is applied and written first)

    @Override
    public Balance balance(MemberId member) {
        return read(member, false, m -> new Balance(m.available, m.pending, m.held));
    }

    @Override
    public Balance balanceAsOf(MemberId member, Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return afterWrite(member, s -> s.entryAsOf(member, instant.toEpochMilli())
                .map(e -> new Balance(e.available(), e.pending(), e.held())).orElse(Balance.ZERO));
    }

    @Override
    public List<Lot> lots(MemberId member) {
        return read(member, true, kernel::lots);
    }

    @Override
    public long expiringWithin(MemberId member, Duration window) {
        Objects.requireNonNull(window, "window");
        return read(member, true, m -> kernel.expiringWithin(m, clock.millis() + window.toMillis()));
    }

    @Override
    public List<LedgerEntry> statement(MemberId member, int page, int size) {
        if (page < 0 || size < 1 || size > 1_000) {
            throw new IllegalArgumentException("page must be >= 0 and size 1..1000, were " + page + " and " + size);
        }
        return afterWrite(member, s -> entries(s, member, (long) page * size, size));
    }

    @Override
    public Tier tier(MemberId member) {
        return read(member, false, m -> m.standing.tier);
    }

    @Override
    public long qualifyingPoints(MemberId member) {
        return read(member, false, m -> m.standing.qualifyingSum);
    }

    @Override
    public long programBalance(AccountKind account) {
        if (Objects.requireNonNull(account, "account").memberAccount()) {
            throw new IllegalArgumentException(account + " is a member account");
        }
        return storage.transaction("ledger.programBalance", s -> s.programBalance(account));
    }

    @Override
    public Balance rebuild(MemberId member) {
        return afterWrite(member, s -> {
            List<LedgerEntry> all = new ArrayList<>();
            for (long from = 0; ; from += 1_000) {
                List<LedgerEntry> page = entries(s, member, from, 1_000);
                all.addAll(page);
                if (page.size() < 1_000) {
                    return Balance.replayed(all);
                }
            }
        });
    }

    private static List<LedgerEntry> entries(LedgerStorage.Session s, MemberId member, long from, int limit) {
        List<LedgerEntry> out = new ArrayList<>();
        for (LedgerStorage.Entry e : s.entries(member, from, limit)) {
            out.add(LedgerCodec.entry(LedgerCodec.parse(e.body())));
        }
        return out;
    }

    /** A read of one member's state after what fell due was applied. */
    private <T> T read(MemberId member, boolean full, java.util.function.Function<MemberState, T> read) {
        return call(new ReadCall<>(member, full, read, null));
    }

    /** A read of the member's stored history, in the same transaction after the batch's write. */
    private <T> T afterWrite(MemberId member, java.util.function.Function<LedgerStorage.Session, T> query) {
        return call(new ReadCall<>(member, false, m -> null, query));
    }

    /** A read: locks the member (applying what fell due), reads its state or, after the write, its rows. */
    private static final class ReadCall<T> extends Call<T> {
        private final MemberId member;
        private final boolean full;
        private final java.util.function.Function<MemberState, T> read;
        private final java.util.function.Function<LedgerStorage.Session, T> afterWrite;

        ReadCall(MemberId member, boolean full, java.util.function.Function<MemberState, T> read,
                java.util.function.Function<LedgerStorage.Session, T> afterWrite) {
            super(null, null);
            this.member = Objects.requireNonNull(member, "member");
            this.full = full;
            this.read = read;
            this.afterWrite = afterWrite;
        }

        @Override
        void keys(Keys k) {
            k.members.add(member);
            if (full) {
                k.full.add(member);
            }
        }

        @Override
        T decide(StoredLedgerBatch b) {
            return read.apply(b.require(member));
        }

        @Override
        void after(LedgerStorage.Session session) {
            if (afterWrite != null && failure == null) {
                result = afterWrite.apply(session);
            }
        }
    }

    // =====================================================================================================
    // call shapes

    /** A call that makes an entry for one member named up front; the member owns the id. */
    private abstract static class EntryCall extends Call<LedgerEntry> {
        private final MemberId owner;

        EntryCall(IdempotencyKey id, String request, MemberId owner) {
            super(id, request);
            this.owner = owner;
        }

        @Override
        Optional<MemberId> owner(LedgerEntry result) {
            return Optional.of(owner);
        }
    }

    /** A call on a hold, earn or redemption: it locks the referenced id's owner. */
    private abstract static class ReferenceCall extends Call<LedgerEntry> {
        private final IdempotencyKey reference;
        private final boolean ownsResult;
        private MemberId resolved;

        ReferenceCall(IdempotencyKey id, String request, IdempotencyKey reference, boolean ownsResult) {
            super(id, request);
            this.reference = reference;
            this.ownsResult = ownsResult;
        }

        @Override
        void keys(Keys k) {
            k.references.add(reference);
        }

        @Override
        LedgerEntry decide(StoredLedgerBatch b) {
            Optional<MemberState> owner = b.owner(reference);
            if (owner.isEmpty()) {
                unrecorded = true;
                throw new LedgerStateException("no hold, earn or redemption with id " + reference);
            }
            MemberState m = owner.get();
            resolved = m.id;
            return decide(b, m);
        }

        abstract LedgerEntry decide(StoredLedgerBatch b, MemberState m);

        @Override
        Optional<MemberId> owner(LedgerEntry result) {
            return ownsResult ? Optional.of(resolved) : Optional.empty();
        }
    }

    // =====================================================================================================
    // batches

    @SuppressWarnings("unchecked")
    private <T> T call(Call<T> call) {
        committer.submit(call);
        if (call.failure != null) {
            throw call.failure;
        }
        return call.result;
    }

    private void run(List<Call<?>> batch) {
        List<PointsEvent> published = new ArrayList<>();
        try {
            storage.transaction("ledger.batch", session -> {
                published.clear();
                decideAndWrite(session, batch, published);
                return null;
            });
        } catch (RuntimeException e) {
            for (Call<?> c : batch) {
                c.failure = e;
            }
            return;
        }
        if (!silent) {
            for (PointsEvent e : published) {
                try {
                    sink.publish(e);
                } catch (RuntimeException ex) {
                    org.slf4j.LoggerFactory.getLogger(PointsLedger.class)
                            .warn("event sink failed on {}; the change stands", e.type(), ex);
                }
            }
        }
    }

    private void decideAndWrite(LedgerStorage.Session session, List<Call<?>> batch, List<PointsEvent> published) {
        long now = clock.millis();
        Keys keys = new Keys();
        for (Call<?> c : batch) {
            c.result = null;
            c.failure = null;
            c.keys(keys);
            if (c.id != null) {
                keys.idempotency.add(c.id);
            }
        }
        List<LedgerStorage.Member> create = new ArrayList<>();
        for (MemberId m : keys.create) {
            create.add(StoredLedgerBatch.row(kernel, kernel.enrol(m, now), Optional.empty()));
        }
        LedgerStorage.Locked locked = session.lock(new LedgerStorage.LockRequest(keys.members, create,
                keys.references, keys.idempotency, keys.orders, keys.debits, keys.full, now,
                now - tiers.window().toMillis()));
        StoredLedgerBatch b = new StoredLedgerBatch(session, kernel, locked, now);
        for (Call<?> c : batch) {
            decide(b, c);
        }
        b.tierEvents();
        b.rows(published).ifPresent(session::write);
        for (Call<?> c : batch) {
            c.after(session);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void decide(StoredLedgerBatch b, Call c) {
        if (c.id != null) {
            Optional<LedgerStorage.Outcome> prior = b.outcome(c.id);
            if (prior.isPresent()) {
                LedgerStorage.Outcome o = prior.get();
                if (!o.request().equals(c.request)) {
                    c.failure = new IdempotencyConflictException(c.id, o.request(), c.request);
                } else if (o.failed()) {
                    c.failure = LedgerCodec.failure(LedgerCodec.parse(o.outcome()));
                } else {
                    c.result = LedgerCodec.entry(LedgerCodec.parse(o.outcome()));
                }
                return;
            }
        }
        try {
            c.result = c.decide(b);
        } catch (LoyaltyException | IllegalArgumentException | ArithmeticException e) {
            c.failure = e;
        }
        // Unknown members and references are refused before the in-memory ledger records the id: so here.
        if (c.id != null && !c.unrecorded && !(c.failure instanceof UnknownMemberException)) {
            String outcome = c.failure != null ? LedgerCodec.failure(c.failure)
                    : LedgerCodec.entry((LedgerEntry) c.result);
            if (outcome != null) {
                b.recordOutcome(new LedgerStorage.Outcome(c.id, c.failure == null ? c.owner(c.result) : Optional.empty(),
                        c.request, c.failure != null, outcome, b.now));
            }
        }
    }

    private static void positive(long points) {
        if (points <= 0) {
            throw new IllegalArgumentException("points must be > 0, was " + points);
        }
    }
}

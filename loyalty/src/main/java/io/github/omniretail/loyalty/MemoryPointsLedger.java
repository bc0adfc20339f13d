package io.github.omniretail.loyalty;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.IdempotencyConflictException;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.loyalty.LedgerState.MemberState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The in-memory points ledger: {@link LedgerKernel} over one heap state per member, each under its own lock;
 * program accounts as atomic totals; idempotency records and earned orders in concurrent maps.
 */
final class MemoryPointsLedger implements PointsLedger {

    // ---- idempotency payloads
    record EarnOp(MemberId member, OrderId order, Channel channel, Money amount, long bonus) { }
    record HoldOp(MemberId member, long points, Duration ttl) { }
    record PostOp(IdempotencyKey hold, long points) { }
    record VoidOp(IdempotencyKey hold) { }
    record RedeemOp(MemberId member, long points) { }
    record RefundOp(IdempotencyKey earn, Money refunded) { }
    record CancelOp(IdempotencyKey redemption, long points) { }
    record MergeOp(MemberId source, MemberId target) { }

    private static final class Recorded {
        final Object request;
        volatile Object outcome;
        volatile boolean failed;
        volatile boolean done;
        /** The member whose hold, earn or redemption this transaction made (moves on merge); null for others. */
        volatile MemberId owner;

        Recorded(Object request) {
            this.request = request;
        }
    }

    private final Clock clock;
    private final LoyaltyRules rules;
    private final io.github.omniretail.loyalty.spi.CategoryLookup categories;
    private final ConcurrentHashMap<MemberId, MemberState> members = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<IdempotencyKey, Recorded> transactions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<OrderId, LedgerEntry> earnedOrders = new ConcurrentHashMap<>();
    /** Which member an entry id belongs to (holds, earns, redemptions) for calls that name only the entry. */
    private final Map<AccountKind, java.util.concurrent.atomic.LongAdder> program =
            new java.util.EnumMap<>(AccountKind.class);

    private final TierPolicy tiers;
    private final LedgerKernel kernel;
    private final LedgerKernel.Program programSink;

    private final io.github.omniretail.core.event.EventSink<io.github.omniretail.core.event.LoyaltyEvent> sink;
    private final boolean silent;

    MemoryPointsLedger(io.github.omniretail.loyalty.spi.LedgerStoreContext context) {
        this.clock = context.clock();
        this.rules = context.rules();
        this.tiers = context.tiers();
        this.categories = context.categories();
        this.kernel = new LedgerKernel(rules, tiers, categories, context.silent());
        this.sink = context.events();
        this.silent = context.silent();
        for (AccountKind k : AccountKind.values()) {
            if (!k.memberAccount()) {
                program.put(k, new java.util.concurrent.atomic.LongAdder());
            }
        }
        this.programSink = (account, points) -> program.get(account).add(points);
    }

    // =====================================================================================================
    // API

    @Override
    public void enrol(MemberId member) {
        members.computeIfAbsent(Objects.requireNonNull(member, "member"), id -> kernel.enrol(id, clock.millis()));
    }

    @Override
    public LedgerEntry earn(IdempotencyKey id, MemberId member, io.github.omniretail.core.Order order) {
        Objects.requireNonNull(order, "order");
        return earn(id, member, order.id(), order.channel(), order.net(), kernel.bonus(order));
    }

    @Override
    public LedgerEntry earn(IdempotencyKey id, MemberId member, OrderId order, Channel channel, Money amount) {
        return earn(id, member, order, channel, amount, 0);
    }

    private LedgerEntry earn(IdempotencyKey id, MemberId member, OrderId order, Channel channel, Money amount,
            long bonus) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(amount, "amount");
        kernel.checkEarn(amount);
        MemberState m = member(member);
        return idempotent(id, new EarnOp(member, order, channel, amount, bonus), () -> withMember(m, now -> {
            LedgerKernel.requireOpen(m);
            LedgerEntry earlier = earnedOrders.get(order);
            if (earlier != null) {
                return earlier; // one order earns once, whatever channel reports it
            }
            LedgerEntry e = kernel.earn(m, id, order, channel, amount, bonus, now, programSink);
            recordOwner(id, m.id);
            earnedOrders.put(order, e);
            return e;
        }));
    }

    @Override
    public LedgerEntry hold(IdempotencyKey id, MemberId member, long points, Duration ttl) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ttl, "ttl");
        positive(points);
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("hold ttl must be positive, was " + ttl);
        }
        MemberState m = member(member);
        return idempotent(id, new HoldOp(member, points, ttl), () -> withMember(m, now -> {
            LedgerEntry e = kernel.hold(m, id, points, ttl, now, programSink);
            recordOwner(id, m.id);
            return e;
        }));
    }

    @Override
    public LedgerEntry post(IdempotencyKey id, IdempotencyKey holdId, long points) {
        Objects.requireNonNull(id, "id");
        positive(points);
        MemberState m = owner(holdId);
        return idempotent(id, new PostOp(holdId, points), () -> withMember(m, now -> {
            LedgerEntry e = kernel.post(m, id, holdId, points, now, programSink);
            recordOwner(id, m.id);
            return e;
        }));
    }

    @Override
    public LedgerEntry voidHold(IdempotencyKey id, IdempotencyKey holdId) {
        Objects.requireNonNull(id, "id");
        MemberState m = owner(holdId);
        return idempotent(id, new VoidOp(holdId), () -> withMember(m,
                now -> kernel.voidHold(m, id, holdId, now, programSink)));
    }

    @Override
    public LedgerEntry redeem(IdempotencyKey id, MemberId member, long points) {
        Objects.requireNonNull(id, "id");
        positive(points);
        MemberState m = member(member);
        return idempotent(id, new RedeemOp(member, points), () -> withMember(m, now -> {
            LedgerEntry e = kernel.redeem(m, id, points, now, programSink);
            recordOwner(id, m.id);
            return e;
        }));
    }

    @Override
    public LedgerEntry refund(IdempotencyKey id, IdempotencyKey earnId, Money refunded) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(refunded, "refunded");
        if (!refunded.isPositive()) {
            throw new IllegalArgumentException("refunded amount must be positive, was " + refunded);
        }
        MemberState m = owner(earnId);
        return idempotent(id, new RefundOp(earnId, refunded), () -> withMember(m,
                now -> kernel.refund(m, id, earnId, refunded, now, programSink)));
    }

    @Override
    public LedgerEntry cancelRedemption(IdempotencyKey id, IdempotencyKey redemptionId) {
        return cancel(id, redemptionId, -1);
    }

    @Override
    public LedgerEntry cancelRedemption(IdempotencyKey id, IdempotencyKey redemptionId, long points) {
        return cancel(id, redemptionId, LedgerKernel.partPoints(points));
    }

    private LedgerEntry cancel(IdempotencyKey id, IdempotencyKey redemptionId, long points) {
        Objects.requireNonNull(id, "id");
        MemberState m = owner(redemptionId);
        return idempotent(id, new CancelOp(redemptionId, points), () -> withMember(m,
                now -> kernel.cancelRedemption(m, id, redemptionId, points, now, programSink)));
    }

    @Override
    public LedgerEntry merge(IdempotencyKey id, MemberId sourceId, MemberId targetId) {
        Objects.requireNonNull(id, "id");
        if (Objects.requireNonNull(sourceId, "source").equals(Objects.requireNonNull(targetId, "target"))) {
            throw new IllegalArgumentException("cannot merge member " + sourceId + " into itself");
        }
        return idempotent(id, new MergeOp(sourceId, targetId), () -> {
            MemberState source = member(sourceId);
            MemberState target = member(targetId);
            MemberState first = sourceId.value().compareTo(targetId.value()) < 0 ? source : target;
            MemberState second = first == source ? target : source;
            first.lock.lock();
            second.lock.lock();
            try {
                long now = clock.millis();
                Tier sourceBefore = source.standing.tier;
                Tier targetBefore = target.standing.tier;
                kernel.applyDue(source, now, programSink);
                kernel.applyDue(target, now, programSink);
                try {
                    LedgerEntry e = kernel.merge(source, target, id, now, programSink);
                    for (IdempotencyKey moved : source.lots.earns.keySet()) {
                        recordOwner(moved, targetId);
                    }
                    for (IdempotencyKey moved : source.spending.redemptions.keySet()) {
                        recordOwner(moved, targetId);
                    }
                    return e;
                } finally {
                    kernel.tierEvent(source, sourceBefore, now);
                    kernel.tierEvent(target, targetBefore, now);
                }
            } finally {
                List<PointsEvent> out = new ArrayList<>(drain(first));
                out.addAll(drain(second));
                second.lock.unlock();
                first.lock.unlock();
                publish(out);
            }
        });
    }

    @Override
    public int expireDue() {
        int written = 0;
        for (MemberState m : members.values()) {
            List<PointsEvent> out;
            m.lock.lock();
            try {
                int before = m.journal.log.size();
                long now = clock.millis();
                Tier tier = m.standing.tier;
                kernel.applyDue(m, now, programSink);
                kernel.tierEvent(m, tier, now);
                written += m.journal.log.size() - before;
            } finally {
                out = drain(m);
                m.lock.unlock();
            }
            publish(out);
        }
        return written;
    }

    @Override
    public Balance balance(MemberId member) {
        MemberState m = member(member);
        return withMember(m, now -> new Balance(m.available, m.pending, m.held));
    }

    @Override
    public Balance balanceAsOf(MemberId member, Instant instant) {
        Objects.requireNonNull(instant, "instant");
        MemberState m = member(member);
        return withMember(m, now -> m.journal.asOf(instant.toEpochMilli()));
    }

    @Override
    public List<Lot> lots(MemberId member) {
        MemberState m = member(member);
        return withMember(m, now -> kernel.lots(m));
    }

    @Override
    public long expiringWithin(MemberId member, Duration window) {
        Objects.requireNonNull(window, "window");
        MemberState m = member(member);
        return withMember(m, now -> kernel.expiringWithin(m, now + window.toMillis()));
    }

    @Override
    public List<LedgerEntry> statement(MemberId member, int page, int size) {
        if (page < 0 || size < 1 || size > 1_000) {
            throw new IllegalArgumentException("page must be >= 0 and size 1..1000, were " + page + " and " + size);
        }
        MemberState m = member(member);
        return withMember(m, now -> {
            int from = (int) Math.min((long) page * size, m.journal.log.size());
            return List.copyOf(m.journal.log.subList(from, Math.min(m.journal.log.size(), from + size)));
        });
    }

    @Override
    public Tier tier(MemberId member) {
        MemberState m = member(member);
        return withMember(m, now -> m.standing.tier);
    }

    @Override
    public long qualifyingPoints(MemberId member) {
        MemberState m = member(member);
        return withMember(m, now -> m.standing.qualifyingSum);
    }

    @Override
    public long programBalance(AccountKind account) {
        if (account.memberAccount()) {
            throw new IllegalArgumentException(account + " is a member account");
        }
        return program.get(account).sum();
    }

    @Override
    public Balance rebuild(MemberId member) {
        MemberState m = member(member);
        return withMember(m, now -> Balance.replayed(m.journal.log));
    }

    // =====================================================================================================
    // internals

    @FunctionalInterface
    private interface Work<T> {
        T apply(long now);
    }

    /** Runs {@code work} under the member's lock after applying what fell due; publishes events after unlocking. */
    private <T> T withMember(MemberState m, Work<T> work) {
        List<PointsEvent> out;
        T result;
        m.lock.lock();
        try {
            long now = clock.millis();
            Tier before = m.standing.tier;
            kernel.applyDue(m, now, programSink);
            try {
                result = work.apply(now);
            } finally {
                kernel.tierEvent(m, before, now);
            }
        } finally {
            out = drain(m);
            m.lock.unlock();
        }
        publish(out);
        return result;
    }

    private static List<PointsEvent> drain(MemberState m) {
        if (m.events.isEmpty()) {
            return List.of();
        }
        List<PointsEvent> out = new ArrayList<>(m.events);
        m.events.clear();
        return out;
    }

    private void publish(List<PointsEvent> events) {
        for (PointsEvent e : events) {
            try {
                sink.publish(e);
            } catch (RuntimeException ex) {
                org.slf4j.LoggerFactory.getLogger(PointsLedger.class)
                        .warn("event sink failed on {}; the change stands", e.type(), ex);
            }
        }
    }

    private MemberState member(MemberId member) {
        MemberState m = members.get(Objects.requireNonNull(member, "member"));
        if (m == null) {
            throw new UnknownMemberException(member);
        }
        return m;
    }

    /** Records which member owns a hold, earn or redemption (its transaction is recorded: we are inside it). */
    private void recordOwner(IdempotencyKey id, MemberId member) {
        transactions.get(id).owner = member;
    }

    private MemberState owner(IdempotencyKey entry) {
        Recorded r = transactions.get(Objects.requireNonNull(entry, "entry"));
        MemberId member = r == null ? null : r.owner;
        if (member == null) {
            throw new LedgerStateException("no hold, earn or redemption with id " + entry);
        }
        return members.get(member);
    }

    private static void positive(long points) {
        if (points <= 0) {
            throw new IllegalArgumentException("points must be > 0, was " + points);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T idempotent(IdempotencyKey id, Object request, Supplier<T> operation) {
        Recorded mine = new Recorded(request);
        Recorded existing = transactions.putIfAbsent(id, mine);
        if (existing != null) {
            int spins = 0;
            while (!existing.done) {
                if (++spins < 100) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            if (!existing.request.equals(request)) {
                throw new IdempotencyConflictException(id, existing.request, request);
            }
            if (existing.failed) {
                throw (RuntimeException) existing.outcome;
            }
            return (T) existing.outcome;
        }
        try {
            T result = operation.get();
            mine.outcome = result;
            mine.done = true;
            return result;
        } catch (RuntimeException | Error e) {
            mine.outcome = e;
            mine.failed = true;
            mine.done = true;
            throw e;
        }
    }
}

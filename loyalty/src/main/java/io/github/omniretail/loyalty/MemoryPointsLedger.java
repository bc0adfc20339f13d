package io.github.omniretail.loyalty;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.OrderId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** The in-memory points ledger: one lock and one state per member; program accounts as atomic totals. */
final class MemoryPointsLedger implements PointsLedger {

    // ---- idempotency payloads
    record EarnOp(MemberId member, OrderId order, Channel channel, Money amount, long bonus) { }
    record HoldOp(MemberId member, long points, Duration ttl) { }
    record PostOp(TransactionId hold, long points) { }
    record VoidOp(TransactionId hold) { }
    record RedeemOp(MemberId member, long points) { }
    record RefundOp(TransactionId earn, Money refunded) { }
    record CancelOp(TransactionId redemption) { }
    record MergeOp(MemberId source, MemberId target) { }

    /** A lot's mutable state. */
    static final class LotState {
        private static final java.util.concurrent.atomic.AtomicLong SEQUENCE = new java.util.concurrent.atomic.AtomicLong();
        final TransactionId id;
        /** Creation order, unique: breaks ties between lots with the same expiry without comparing strings. */
        final long seq = SEQUENCE.incrementAndGet();
        final long points;
        long remaining;
        final long earnedAt;
        final long availableAt;
        final long expiresAt;
        boolean pending;
        /** True while in the member's {@link LotQueue}. */
        boolean queued;

        LotState(TransactionId id, long points, long earnedAt, long availableAt, long expiresAt, boolean pending) {
            this.id = id;
            this.points = points;
            this.remaining = points;
            this.earnedAt = earnedAt;
            this.availableAt = availableAt;
            this.expiresAt = expiresAt;
            this.pending = pending;
        }
    }

    /** Points taken from one lot by a debit, to give back on void or cancel. */
    record Taken(LotState lot, long points) { }

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

    static final class Redemption {
        final long points;
        final List<Taken> taken;
        boolean cancelled;

        Redemption(long points, List<Taken> taken) {
            this.points = points;
            this.taken = taken;
        }
    }

    static final class EarnRec {
        final LotState lot;
        final Money amount;
        long reversed;

        EarnRec(LotState lot, Money amount) {
            this.lot = lot;
            this.amount = amount;
        }
    }

    static final class MemberState {
        final MemberId id;
        final ReentrantLock lock = new ReentrantLock();
        long available;
        long pending;
        long held;
        /** Lots inside the return window, by activation time. */
        final java.util.PriorityQueue<LotState> pendingLots =
                new java.util.PriorityQueue<>(Comparator.comparingLong((LotState l) -> l.availableAt));
        /** Available lots with points left, in consumption order. */
        final LotQueue activeLots;
        /** Available lots by expiry (may hold stale entries: lots since emptied or re-added). */
        final java.util.PriorityQueue<LotState> expiring =
                new java.util.PriorityQueue<>(Comparator.comparingLong((LotState l) -> l.expiresAt));
        final Map<TransactionId, HoldRec> holds = new HashMap<>();
        /** Open holds by time-out (may hold settled ones). */
        final java.util.PriorityQueue<HoldRec> holdTimeouts =
                new java.util.PriorityQueue<>(Comparator.comparingLong((HoldRec h) -> h.expiresAt));
        final Map<TransactionId, Redemption> redemptions = new HashMap<>();
        final Map<TransactionId, EarnRec> earns = new HashMap<>();
        final List<LedgerEntry> log = new ArrayList<>();
        /** {at, available, pending, held} after each entry, four longs an entry. */
        long[] history = new long[16];
        int historySize;
        /** Points earned (net of refunds) with their times, oldest first, for tier qualification. */
        final java.util.ArrayDeque<long[]> qualifying = new java.util.ArrayDeque<>(); // {at, points}
        final Map<TransactionId, long[]> qualifyingByEarn = new HashMap<>();
        long qualifyingSum;
        Tier tier;
        long tierSince;
        /** Last earn, hold or redemption, for inactivity-based expiry. */
        long lastActivity;
        boolean closed;
        long reviewAt;
        boolean inGrace;
        /** Events written under the lock, published after it is released. */
        final List<PointsEvent> events = new ArrayList<>();
        /** The member as a posting's account owner, shared by every posting. */
        final Optional<MemberId> owner;

        MemberState(MemberId id, boolean fifo) {
            this.id = id;
            this.owner = Optional.of(id);
            this.activeLots = new LotQueue(fifo);
        }
    }

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
    private final ConcurrentHashMap<TransactionId, Recorded> transactions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<OrderId, LedgerEntry> earnedOrders = new ConcurrentHashMap<>();
    /** Which member an entry id belongs to (holds, earns, redemptions) for calls that name only the entry. */
    private final Map<AccountKind, java.util.concurrent.atomic.LongAdder> program =
            new java.util.EnumMap<>(AccountKind.class);

    private final TierPolicy tiers;
    /** Inactivity limit in millis per tier (identity), {@code Long.MAX_VALUE} for none; fixed at build time. */
    private final Map<Tier, Long> inactivityMillis = new java.util.IdentityHashMap<>();

    private final io.github.omniretail.core.event.EventSink<io.github.omniretail.core.event.LoyaltyEvent> sink;
    private final boolean silent;

    MemoryPointsLedger(io.github.omniretail.loyalty.spi.LedgerStoreContext context) {
        this.clock = context.clock();
        this.rules = context.rules();
        this.tiers = context.tiers();
        for (Tier t : tiers.tiers()) {
            inactivityMillis.put(t, rules.expiry().inactivityLimit(t).map(Duration::toMillis).orElse(Long.MAX_VALUE));
        }
        this.categories = context.categories();
        this.sink = context.events();
        this.silent = context.silent();
        for (AccountKind k : AccountKind.values()) {
            if (!k.memberAccount()) {
                program.put(k, new java.util.concurrent.atomic.LongAdder());
            }
        }
    }

    // =====================================================================================================
    // API

    @Override
    public void enrol(MemberId member) {
        members.computeIfAbsent(Objects.requireNonNull(member, "member"), id -> {
            MemberState m = new MemberState(id, rules.consumption() == LoyaltyRules.Consumption.FIFO);
            m.tier = tiers.tiers().get(0);
            m.tierSince = clock.millis();
            m.lastActivity = m.tierSince;
            m.reviewAt = m.tierSince + tiers.window().toMillis();
            return m;
        });
    }

    @Override
    public LedgerEntry earn(TransactionId id, MemberId member, io.github.omniretail.core.Order order) {
        Objects.requireNonNull(order, "order");
        long bonus = 0;
        rules.requireEarningCurrency(order.subtotal());
        for (io.github.omniretail.core.OrderLine line : order.lines()) {
            long perUnit = rules.skuBonusPerUnit().getOrDefault(line.sku(), 0L);
            if (!rules.categoryBonusPerUnit().isEmpty()) {
                for (String category : categories.categoriesOf(line.sku())) {
                    perUnit = Math.addExact(perUnit, rules.categoryBonusPerUnit().getOrDefault(category, 0L));
                }
            }
            bonus = Math.addExact(bonus, Math.multiplyExact(perUnit, line.quantity()));
        }
        return earn(id, member, order.id(), order.channel(), order.subtotal(), bonus);
    }

    @Override
    public LedgerEntry earn(TransactionId id, MemberId member, OrderId order, Channel channel, Money amount) {
        return earn(id, member, order, channel, amount, 0);
    }

    private LedgerEntry earn(TransactionId id, MemberId member, OrderId order, Channel channel, Money amount,
            long bonus) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(amount, "amount");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("earn amount must be positive, was " + amount);
        }
        rules.requireEarningCurrency(amount);
        MemberState m = member(member);
        return idempotent(id, new EarnOp(member, order, channel, amount, bonus), () -> withMember(m, now -> {
            requireOpen(m);
            LedgerEntry earlier = earnedOrders.get(order);
            if (earlier != null) {
                return earlier; // one order earns once, whatever channel reports it
            }
            BasisPoints multiplier = rules.channelMultipliers().getOrDefault(channel.kind(), BasisPoints.HUNDRED_PERCENT);
            BigDecimal exact = amount.toBigDecimal().multiply(rules.pointsPerUnit()).multiply(multiplier.toRate())
                    .multiply(m.tier.earnMultiplier().toRate());
            Instant at = Instant.ofEpochMilli(now);
            for (Campaign c : rules.campaigns()) {
                if (c.applies(at, channel.kind())) {
                    exact = exact.multiply(c.multiplier().toRate());
                }
            }
            long points = Math.addExact(exact.setScale(0, rules.rounding()).longValueExact(), bonus);
            if (points <= 0) {
                throw new IllegalArgumentException("amount " + amount + " earns no points");
            }
            boolean pending = !rules.pendingFor().isZero();
            long availableAt = now + rules.pendingFor().toMillis();
            LotState lot = new LotState(id, points, now, availableAt, rules.expiry().expiresAt(at, m.tier).toEpochMilli(), pending);
            if (pending) {
                m.pendingLots.add(lot);
            } else {
                activateLot(m, lot);
            }
            m.earns.put(id, new EarnRec(lot, amount));
            m.lastActivity = now;
            recordOwner(id, m.id);
            LedgerEntry e = entry(m, id, EntryType.EARN, now, Optional.of(order.value()), Optional.empty(),
                    Posting.program(AccountKind.ISSUANCE, -points),
                    Posting.member(pending ? AccountKind.PENDING : AccountKind.AVAILABLE, m.id, points));
            earnedOrders.put(order, e);
            long[] q = {now, points};
            m.qualifying.addLast(q);
            m.qualifyingByEarn.put(id, q);
            m.qualifyingSum += points;
            Tier reached = tiers.tierFor(m.qualifyingSum);
            if (tiers.rank(reached) > tiers.rank(m.tier)) { // upgrades happen at once
                m.tier = reached;
                m.tierSince = now;
                m.reviewAt = now + tiers.window().toMillis();
                m.inGrace = false;
            }
            return e;
        }));
    }

    @Override
    public LedgerEntry hold(TransactionId id, MemberId member, long points, Duration ttl) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ttl, "ttl");
        positive(points);
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("hold ttl must be positive, was " + ttl);
        }
        MemberState m = member(member);
        return idempotent(id, new HoldOp(member, points, ttl), () -> withMember(m, now -> {
            requireOpen(m);
            List<Taken> taken = take(m, points);
            HoldRec hold = new HoldRec(id, points, now + ttl.toMillis(), taken);
            m.lastActivity = now;
            m.holds.put(id, hold);
            m.holdTimeouts.add(hold);
            recordOwner(id, m.id);
            return entry(m, id, EntryType.HOLD, now, Optional.empty(), Optional.empty(),
                    member(m, AccountKind.AVAILABLE, m.id, -points), member(m, AccountKind.HELD, m.id, points));
        }));
    }

    @Override
    public LedgerEntry post(TransactionId id, TransactionId holdId, long points) {
        Objects.requireNonNull(id, "id");
        positive(points);
        MemberState m = owner(holdId);
        return idempotent(id, new PostOp(holdId, points), () -> withMember(m, now -> {
            HoldRec hold = openHold(m, holdId, "post");
            if (points > hold.points) {
                throw new LedgerStateException("hold " + holdId + " holds " + hold.points + " points, cannot post "
                        + points);
            }
            hold.settled = true;
            m.holds.remove(holdId);
            long rest = hold.points - points;
            List<Taken> kept = giveBack(m, hold.taken, rest);
            m.redemptions.put(id, new Redemption(points, kept));
            recordOwner(id, m.id);
            List<Posting> postings = new ArrayList<>();
            postings.add(member(m, AccountKind.HELD, m.id, -hold.points));
            postings.add(Posting.program(AccountKind.REDEMPTION, points));
            if (rest > 0) {
                postings.add(member(m, AccountKind.AVAILABLE, m.id, rest));
            }
            return entry(m, id, EntryType.POST, now, Optional.empty(), Optional.of(holdId),
                    postings.toArray(new Posting[0]));
        }));
    }

    @Override
    public LedgerEntry voidHold(TransactionId id, TransactionId holdId) {
        Objects.requireNonNull(id, "id");
        MemberState m = owner(holdId);
        return idempotent(id, new VoidOp(holdId), () -> withMember(m, now -> {
            HoldRec hold = openHold(m, holdId, "void");
            return voidLocked(m, hold, id, now);
        }));
    }

    @Override
    public LedgerEntry redeem(TransactionId id, MemberId member, long points) {
        Objects.requireNonNull(id, "id");
        positive(points);
        MemberState m = member(member);
        return idempotent(id, new RedeemOp(member, points), () -> withMember(m, now -> {
            requireOpen(m);
            List<Taken> taken = take(m, points);
            m.redemptions.put(id, new Redemption(points, taken));
            m.lastActivity = now;
            recordOwner(id, m.id);
            return entry(m, id, EntryType.POST, now, Optional.empty(), Optional.empty(),
                    member(m, AccountKind.AVAILABLE, m.id, -points), Posting.program(AccountKind.REDEMPTION, points));
        }));
    }

    @Override
    public LedgerEntry refund(TransactionId id, TransactionId earnId, Money refunded) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(refunded, "refunded");
        if (!refunded.isPositive()) {
            throw new IllegalArgumentException("refunded amount must be positive, was " + refunded);
        }
        MemberState m = owner(earnId);
        return idempotent(id, new RefundOp(earnId, refunded), () -> withMember(m, now -> {
            EarnRec earn = m.earns.get(earnId);
            if (earn == null) {
                throw new LedgerStateException(earnId + " is not an earn");
            }
            earn.amount.requireSameCurrency(refunded);
            LotState lot = earn.lot;
            long due = Math.min(lot.points - earn.reversed, new BigDecimal(lot.points)
                    .multiply(refunded.toBigDecimal()).divide(earn.amount.toBigDecimal(), 0, java.math.RoundingMode.FLOOR)
                    .longValueExact());
            if (due <= 0) {
                throw new LedgerStateException("earn " + earnId + " has no points left to reverse for " + refunded);
            }
            earn.reversed += due;
            long[] q = m.qualifyingByEarn.get(earnId);
            if (q != null && q[1] > 0) {
                long less = Math.min(q[1], due);
                q[1] -= less;
                m.qualifyingSum -= less;
                Tier qualified = tiers.tierFor(m.qualifyingSum);
                // A refund of a purchase the current tier was reached with undoes the upgrade at once.
                if (q[0] <= m.tierSince && tiers.rank(qualified) < tiers.rank(m.tier)) {
                    m.tier = qualified;
                }
            }
            List<Posting> postings = new ArrayList<>();
            long fromLot = Math.min(due, lot.remaining);
            lot.remaining -= fromLot;
            if (lot.remaining == 0) {
                m.activeLots.remove(lot);
            }
            long fromPending = lot.pending ? fromLot : 0;
            long fromAvailable = lot.pending ? 0 : fromLot;
            long shortfall = due - fromLot;
            if (shortfall > 0 && rules.refundShortfall() == LoyaltyRules.RefundShortfall.CLAW_BACK) {
                long clawed = Math.min(shortfall, m.available - fromAvailable);
                if (clawed > 0) {
                    takeFromLots(m, clawed);
                    fromAvailable += clawed;
                    shortfall -= clawed;
                }
            }
            fromAvailable += shortfall; // the rest goes negative: future earning repays it
            if (fromPending > 0) {
                postings.add(member(m, AccountKind.PENDING, m.id, -fromPending));
            }
            if (fromAvailable > 0) {
                postings.add(member(m, AccountKind.AVAILABLE, m.id, -fromAvailable));
            }
            postings.add(Posting.program(AccountKind.ISSUANCE, due));
            return entry(m, id, EntryType.REFUND, now, Optional.empty(), Optional.of(earnId),
                    postings.toArray(new Posting[0]));
        }));
    }

    @Override
    public LedgerEntry cancelRedemption(TransactionId id, TransactionId redemptionId) {
        Objects.requireNonNull(id, "id");
        MemberState m = owner(redemptionId);
        return idempotent(id, new CancelOp(redemptionId), () -> withMember(m, now -> {
            Redemption r = m.redemptions.get(redemptionId);
            if (r == null || r.cancelled) {
                throw new LedgerStateException(redemptionId + " is not a redemption that can be cancelled");
            }
            r.cancelled = true;
            giveBack(m, r.taken, r.points);
            LedgerEntry e = entry(m, id, EntryType.CANCEL_REDEMPTION, now, Optional.empty(), Optional.of(redemptionId),
                    Posting.program(AccountKind.REDEMPTION, -r.points), member(m, AccountKind.AVAILABLE, m.id, r.points));
            applyDue(m, now); // restored points whose lot already expired expire now
            return e;
        }));
    }

    @Override
    public LedgerEntry merge(TransactionId id, MemberId sourceId, MemberId targetId) {
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
                applyDue(source, now);
                applyDue(target, now);
                if (source.closed || target.closed) {
                    throw new LedgerStateException("member " + (source.closed ? sourceId : targetId) + " is closed");
                }
                if (!source.holds.isEmpty()) {
                    throw new LedgerStateException("member " + sourceId + " has open holds: settle them before merging");
                }
                target.lastActivity = Math.max(target.lastActivity, source.lastActivity);
                long available = source.available;
                long pending = source.pending;
                List<Posting> postings = new ArrayList<>();
                if (available != 0) {
                    postings.add(new Posting(AccountKind.AVAILABLE, source.owner, -available));
                    postings.add(new Posting(AccountKind.AVAILABLE, target.owner, available));
                }
                if (pending != 0) {
                    postings.add(new Posting(AccountKind.PENDING, source.owner, -pending));
                    postings.add(new Posting(AccountKind.PENDING, target.owner, pending));
                }
                // Lots, earns, redemptions and qualifying points follow the points; expiry dates are kept.
                List<LotState> movedLots = source.activeLots.toList();
                source.activeLots.clear();
                for (LotState l : movedLots) {
                    target.activeLots.add(l);
                    target.expiring.add(l);
                }
                target.pendingLots.addAll(source.pendingLots);
                source.expiring.clear();
                source.pendingLots.clear();
                target.earns.putAll(source.earns);
                target.redemptions.putAll(source.redemptions);
                for (TransactionId moved : source.earns.keySet()) {
                    recordOwner(moved, targetId);
                }
                for (TransactionId moved : source.redemptions.keySet()) {
                    recordOwner(moved, targetId);
                }
                List<long[]> recs = new ArrayList<>(target.qualifying);
                recs.addAll(source.qualifying);
                recs.sort(Comparator.comparingLong(r -> r[0]));
                target.qualifying.clear();
                target.qualifying.addAll(recs);
                target.qualifyingByEarn.putAll(source.qualifyingByEarn);
                target.qualifyingSum += source.qualifyingSum;
                Tier reached = tiers.tierFor(target.qualifyingSum);
                if (tiers.rank(reached) > tiers.rank(target.tier)) {
                    target.tier = reached;
                    target.tierSince = now;
                    target.reviewAt = now + tiers.window().toMillis();
                    target.inGrace = false;
                }
                source.closed = true;
                Posting[] legs = postings.toArray(new Posting[0]);
                entry(source, TransactionId.of(id + ":out"), EntryType.MERGE, now, Optional.of(targetId.value()),
                        Optional.empty(), legs);
                return entry(target, id, EntryType.MERGE, now, Optional.of(sourceId.value()), Optional.empty(), legs);
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
                int before = m.log.size();
                applyDue(m, clock.millis());
                written += m.log.size() - before;
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
        return withMember(m, now -> {
            long t = instant.toEpochMilli();
            int lo = 0;
            int hi = m.historySize / 4 - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (m.history[mid * 4] <= t) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            if (found < 0) {
                return Balance.ZERO;
            }
            return new Balance(m.history[found * 4 + 1], m.history[found * 4 + 2], m.history[found * 4 + 3]);
        });
    }

    @Override
    public List<Lot> lots(MemberId member) {
        MemberState m = member(member);
        return withMember(m, now -> {
            List<Lot> out = new ArrayList<>();
            long dormant = inactivityDeadline(m);
            List<LotState> open = m.activeLots.toList();
            open.addAll(m.pendingLots);
            for (LotState l : open) {
                if (l.remaining > 0) {
                    out.add(new Lot(l.id, l.points, l.remaining, Instant.ofEpochMilli(l.earnedAt),
                            Instant.ofEpochMilli(l.availableAt), Instant.ofEpochMilli(Math.min(l.expiresAt, dormant))));
                }
            }
            return out;
        });
    }

    @Override
    public long expiringWithin(MemberId member, Duration window) {
        Objects.requireNonNull(window, "window");
        MemberState m = member(member);
        return withMember(m, now -> {
            long until = now + window.toMillis();
            long sum = 0;
            long dormant = inactivityDeadline(m);
            List<LotState> open = m.activeLots.toList();
            open.addAll(m.pendingLots);
            for (LotState l : open) {
                if (l.remaining > 0 && Math.min(l.expiresAt, dormant) <= until) {
                    sum += l.remaining;
                }
            }
            return sum;
        });
    }

    @Override
    public List<LedgerEntry> statement(MemberId member, int page, int size) {
        if (page < 0 || size < 1 || size > 1_000) {
            throw new IllegalArgumentException("page must be >= 0 and size 1..1000, were " + page + " and " + size);
        }
        MemberState m = member(member);
        return withMember(m, now -> {
            int from = (int) Math.min((long) page * size, m.log.size());
            return List.copyOf(m.log.subList(from, Math.min(m.log.size(), from + size)));
        });
    }

    @Override
    public Tier tier(MemberId member) {
        MemberState m = member(member);
        return withMember(m, now -> m.tier);
    }

    @Override
    public long qualifyingPoints(MemberId member) {
        MemberState m = member(member);
        return withMember(m, now -> m.qualifyingSum);
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
        return withMember(m, now -> {
            long available = 0;
            long pending = 0;
            long held = 0;
            for (LedgerEntry e : m.log) {
                available += e.change(AccountKind.AVAILABLE);
                pending += e.change(AccountKind.PENDING);
                held += e.change(AccountKind.HELD);
            }
            return new Balance(available, pending, held);
        });
    }

    // =====================================================================================================
    // internals (caller holds the member's lock)

    @FunctionalInterface
    private interface Work<T> {
        T apply(long now);
    }

    private <T> T withMember(MemberState m, Work<T> work) {
        List<PointsEvent> out;
        T result;
        m.lock.lock();
        try {
            long now = clock.millis();
            Tier before = m.tier;
            applyDue(m, now);
            try {
                result = work.apply(now);
            } finally {
                tierEvent(m, before, now);
            }
        } finally {
            out = drain(m);
            m.lock.unlock();
        }
        publish(out);
        return result;
    }

    private void tierEvent(MemberState m, Tier before, long now) {
        if (!silent && before != m.tier) {
            m.events.add(new PointsEvent.TierChanged(Instant.ofEpochMilli(now), m.id, before.id(), m.tier.id()));
        }
    }

    private List<PointsEvent> drain(MemberState m) {
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

    /** Applies, in time order, what fell due by {@code now}: hold time-outs, activations, expiries, tier reviews. */
    private void applyDue(MemberState m, long now) {
        applyLedgerDue(m, now);
        review(m, now);
    }

    /** Tier reviews: renew if still qualified, else grace, then downgrade to what the window's points reach. */
    private void review(MemberState m, long now) {
        while (m.reviewAt <= now) {
            long at = m.reviewAt;
            long windowStart = at - tiers.window().toMillis();
            while (!m.qualifying.isEmpty() && m.qualifying.peekFirst()[0] <= windowStart) {
                m.qualifyingSum -= m.qualifying.pollFirst()[1];
            }
            Tier qualified = tiers.tierFor(m.qualifyingSum);
            if (tiers.rank(qualified) >= tiers.rank(m.tier)) {
                m.inGrace = false;
                m.reviewAt = at + tiers.window().toMillis();
            } else if (!m.inGrace && !tiers.grace().isZero()) {
                m.inGrace = true;
                m.reviewAt = at + tiers.grace().toMillis();
            } else {
                m.tier = qualified;
                m.inGrace = false;
                m.reviewAt = at + tiers.window().toMillis();
            }
        }
        long windowStart = now - tiers.window().toMillis();
        while (!m.qualifying.isEmpty() && m.qualifying.peekFirst()[0] <= windowStart) {
            m.qualifyingSum -= m.qualifying.pollFirst()[1];
        }
    }

    private void applyLedgerDue(MemberState m, long now) {
        while (true) {
            while (!m.holdTimeouts.isEmpty() && m.holdTimeouts.peek().settled) {
                m.holdTimeouts.poll();
            }
            while (!m.expiring.isEmpty() && (m.expiring.peek().remaining == 0 || m.expiring.peek().pending)) {
                m.expiring.poll();
            }
            long hold = m.holdTimeouts.isEmpty() ? Long.MAX_VALUE : m.holdTimeouts.peek().expiresAt;
            long activation = m.pendingLots.isEmpty() ? Long.MAX_VALUE : m.pendingLots.peek().availableAt;
            long expiry = m.expiring.isEmpty() ? Long.MAX_VALUE : m.expiring.peek().expiresAt;
            long dormant = dormantAt(m);
            long next = Math.min(Math.min(hold, dormant), Math.min(activation, expiry));
            if (next > now) {
                return;
            }
            if (dormant == next && hold != next && activation != next && expiry != next) {
                for (LotState l : m.activeLots.toList()) {
                    if (l.remaining > 0) {
                        expire(m, l, dormant);
                    }
                }
                m.activeLots.clear();
            } else if (hold == next) {
                HoldRec h = m.holdTimeouts.poll();
                voidLocked(m, h, TransactionId.of("timeout:" + h.id), h.expiresAt);
            } else if (activation == next) {
                activate(m, m.pendingLots.poll());
            } else {
                expire(m, m.expiring.poll());
            }
        }
    }

    /** Makes a lot spendable: in consumption order and in the expiry queue. */
    private static void activateLot(MemberState m, LotState l) {
        l.pending = false;
        if (l.remaining > 0) {
            m.activeLots.add(l);
            m.expiring.add(l);
        }
    }

    private void activate(MemberState m, LotState l) {
        activateLot(m, l);
        if (l.remaining > 0) {
            entry(m, TransactionId.of("activate:" + l.id), EntryType.ACTIVATE, l.availableAt, Optional.empty(),
                    Optional.of(l.id), member(m, AccountKind.PENDING, m.id, -l.remaining),
                    member(m, AccountKind.AVAILABLE, m.id, l.remaining));
        }
    }

    /** When all the member's points expire for inactivity; {@code Long.MAX_VALUE} if never / nothing to expire. */
    private long dormantAt(MemberState m) {
        return m.activeLots.isEmpty() ? Long.MAX_VALUE : inactivityDeadline(m);
    }

    /** The inactivity deadline for every open lot, {@code Long.MAX_VALUE} if none. */
    private long inactivityDeadline(MemberState m) {
        long limit = inactivityMillis.get(m.tier);
        return limit == Long.MAX_VALUE ? Long.MAX_VALUE : m.lastActivity + limit;
    }

    private void expire(MemberState m, LotState l) {
        expire(m, l, l.expiresAt);
    }

    private void expire(MemberState m, LotState l, long expiresAt) {
        long points = l.remaining;
        l.remaining = 0;
        m.activeLots.remove(l);
        // Points given back to a lot after it expired (a void or cancellation) expire when given back.
        long at = m.historySize == 0 ? expiresAt : Math.max(expiresAt, m.history[m.historySize - 4]);
        entry(m, TransactionId.of("expire:" + l.id + ":" + m.log.size()), EntryType.EXPIRE, at,
                Optional.empty(), Optional.of(l.id), member(m, AccountKind.AVAILABLE, m.id, -points),
                Posting.program(AccountKind.BREAKAGE, points));
    }

    private LedgerEntry voidLocked(MemberState m, HoldRec hold, TransactionId id, long at) {
        hold.settled = true;
        m.holds.remove(hold.id);
        giveBack(m, hold.taken, hold.points);
        return entry(m, id, EntryType.VOID, at, Optional.empty(), Optional.of(hold.id),
                member(m, AccountKind.HELD, m.id, -hold.points), member(m, AccountKind.AVAILABLE, m.id, hold.points));
    }

    /** Takes {@code points} from available lots in consumption order; fails if fewer are available. */
    private List<Taken> take(MemberState m, long points) {
        // available = points left in active lots − points owed after a refund shortfall, so it bounds spending.
        if (points > m.available) {
            throw new InsufficientPointsException(m.id, points, Math.max(0, m.available));
        }
        return takeFromLots(m, points);
    }

    private List<Taken> takeFromLots(MemberState m, long points) {
        List<Taken> taken = new ArrayList<>();
        long need = points;
        while (need > 0 && !m.activeLots.isEmpty()) {
            LotState l = m.activeLots.first();
            long t = Math.min(need, l.remaining);
            l.remaining -= t;
            need -= t;
            taken.add(new Taken(l, t));
            if (l.remaining == 0) {
                m.activeLots.removeFirst();
            }
        }
        return taken;
    }

    /** Gives {@code points} back to the lots they came from, last taken first; returns what stays taken. */
    private static List<Taken> giveBack(MemberState m, List<Taken> taken, long points) {
        List<Taken> kept = new ArrayList<>(taken);
        long rest = points;
        for (int i = kept.size() - 1; i >= 0 && rest > 0; i--) {
            Taken t = kept.get(i);
            long back = Math.min(rest, t.points());
            LotState lot = t.lot();
            lot.remaining += back;
            if (!lot.pending) {
                m.activeLots.add(lot);
                m.expiring.add(lot); // re-queued: expires now if its time has passed
            }
            rest -= back;
            if (back == t.points()) {
                kept.remove(i);
            } else {
                kept.set(i, new Taken(lot, t.points() - back));
            }
        }
        return kept;
    }

    private static Posting member(MemberState m, AccountKind account, MemberId ignored, long points) {
        return new Posting(account, m.owner, points);
    }

    private LedgerEntry entry(MemberState m, TransactionId id, EntryType type, long at, Optional<String> reference,
            Optional<TransactionId> reverses, Posting... postings) {
        LedgerEntry e = new LedgerEntry(id, type, m.id, Instant.ofEpochMilli(at), List.of(postings), reference,
                reverses);
        for (Posting p : postings) {
            if (p.member().isPresent()) {
                if (!p.member().get().equals(m.id)) {
                    continue; // the other member's legs of a merge are applied by its own entry
                }
                switch (p.account()) {
                    case AVAILABLE:
                        m.available += p.points();
                        break;
                    case PENDING:
                        m.pending += p.points();
                        break;
                    default:
                        m.held += p.points();
                }
            } else {
                program.get(p.account()).add(p.points());
            }
        }
        m.log.add(e);
        if (!silent) {
            m.events.add(new PointsEvent.EntryWritten(e.at(), e));
        }
        if (m.historySize + 4 > m.history.length) {
            m.history = java.util.Arrays.copyOf(m.history, m.history.length * 2);
        }
        m.history[m.historySize++] = at;
        m.history[m.historySize++] = m.available;
        m.history[m.historySize++] = m.pending;
        m.history[m.historySize++] = m.held;
        return e;
    }

    private MemberState member(MemberId member) {
        MemberState m = members.get(Objects.requireNonNull(member, "member"));
        if (m == null) {
            throw new UnknownMemberException(member);
        }
        return m;
    }

    /** Records which member owns a hold, earn or redemption (its transaction is recorded: we are inside it). */
    private void recordOwner(TransactionId id, MemberId member) {
        transactions.get(id).owner = member;
    }

    private MemberState owner(TransactionId entry) {
        Recorded r = transactions.get(Objects.requireNonNull(entry, "entry"));
        MemberId member = r == null ? null : r.owner;
        if (member == null) {
            throw new LedgerStateException("no hold, earn or redemption with id " + entry);
        }
        return members.get(member);
    }

    private static void requireOpen(MemberState m) {
        if (m.closed) {
            throw new LedgerStateException("member " + m.id + " was merged into another member and is closed");
        }
    }

    private static HoldRec openHold(MemberState m, TransactionId id, String operation) {
        HoldRec hold = m.holds.get(id);
        if (hold == null || hold.settled) {
            throw new LedgerStateException("cannot " + operation + " " + id + ": not an open hold (settled, voided or "
                    + "timed out)");
        }
        return hold;
    }

    private static void positive(long points) {
        if (points <= 0) {
            throw new IllegalArgumentException("points must be > 0, was " + points);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T idempotent(TransactionId id, Object request, Supplier<T> operation) {
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
                throw new LedgerConflictException(id, existing.request, request);
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

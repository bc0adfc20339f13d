package io.github.omniretail.loyalty;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.loyalty.LedgerState.HoldRec;
import io.github.omniretail.loyalty.LedgerState.LotState;
import io.github.omniretail.loyalty.LedgerState.MemberState;
import io.github.omniretail.loyalty.LedgerState.Redemption;
import io.github.omniretail.loyalty.LedgerState.Taken;
import io.github.omniretail.loyalty.spi.CategoryLookup;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ledger's rules, once for every ledger: given the state of exactly the members an operation touches, decide
 * it and change that state (balances, lots, holds, redemptions, tier window, new entries, events). The in-memory
 * ledger runs it over heap state under each member's lock; a stored ledger runs it over the rows a batch locked
 * and writes back what changed. Every operation checks its arguments against the state before it changes
 * anything, so a refused operation leaves the state as it found it (apart from what fell due, which
 * {@link #applyDue} applies first either way). Program account totals go to a {@link Program}. Stateless apart
 * from its settings; thread-safe.
 *
 * <p>One class on purpose, slightly over the usual size: the operations, what falls due and the lot moves they
 * share (take, give back, expire, entry) are one rule set whose invariants (balances equal the lots, postings sum
 * to zero) hold only together; splitting them would spread one invariant over several files.
 */
final class LedgerKernel {

    /** Receives the program accounts' side of every posting. */
    @FunctionalInterface
    interface Program {
        void add(AccountKind account, long points);
    }

    private final LoyaltyRules rules;
    private final TierPolicy tiers;
    private final CategoryLookup categories;
    private final boolean silent;
    /** Inactivity limit in millis per tier (identity), {@code Long.MAX_VALUE} for none. */
    private final Map<Tier, Long> inactivityMillis = new IdentityHashMap<>();

    LedgerKernel(LoyaltyRules rules, TierPolicy tiers, CategoryLookup categories, boolean silent) {
        this.rules = rules;
        this.tiers = tiers;
        this.categories = categories;
        this.silent = silent;
        for (Tier t : tiers.tiers()) {
            inactivityMillis.put(t, rules.expiry().inactivityLimit(t).map(Duration::toMillis).orElse(Long.MAX_VALUE));
        }
    }

    LoyaltyRules rules() {
        return rules;
    }

    TierPolicy tiers() {
        return tiers;
    }

    boolean fifo() {
        return rules.consumption() == LoyaltyRules.Consumption.FIFO;
    }

    /** A new member at {@code now}: lowest tier, first review one window later. */
    MemberState enrol(MemberId id, long now) {
        MemberState m = new MemberState(id, fifo());
        m.standing.tier = tiers.tiers().get(0);
        m.standing.since = now;
        m.lastActivity = now;
        m.standing.reviewAt = now + tiers.window().toMillis();
        return m;
    }

    /** The SKU and category bonus of an order's lines, in points. */
    long bonus(io.github.omniretail.core.Order order) {
        rules.requireEarningCurrency(order.net());
        long bonus = 0;
        for (io.github.omniretail.core.OrderLine line : order.lines()) {
            long perUnit = rules.skuBonusPerUnit().getOrDefault(line.sku(), 0L);
            if (!rules.categoryBonusPerUnit().isEmpty()) {
                for (String category : categories.categoriesOf(line.sku())) {
                    perUnit = Math.addExact(perUnit, rules.categoryBonusPerUnit().getOrDefault(category, 0L));
                }
            }
            bonus = Math.addExact(bonus, Math.multiplyExact(perUnit, line.quantity()));
        }
        return bonus;
    }

    /** Checks an earn's arguments (before any state is read). */
    void checkEarn(Money amount) {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("earn amount must be positive, was " + amount);
        }
        rules.requireEarningCurrency(amount);
    }

    // =====================================================================================================
    // operations (the caller has applied what fell due by now)

    LedgerEntry earn(MemberState m, IdempotencyKey id, OrderId order, Channel channel, Money amount, long bonus,
            long now, Program program) {
        requireOpen(m);
        BasisPoints multiplier = rules.channelMultipliers().getOrDefault(channel.kind(), BasisPoints.HUNDRED_PERCENT);
        BigDecimal exact = amount.toBigDecimal().multiply(rules.pointsPerUnit()).multiply(multiplier.toRate())
                .multiply(m.standing.tier.earnMultiplier().toRate());
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
        LotState lot = new LotState(id, m.lots.seq++, points, now, availableAt,
                rules.expiry().expiresAt(at, m.standing.tier).toEpochMilli(), pending, amount);
        if (pending) {
            m.lots.pending.add(lot);
        } else {
            activateLot(m, lot);
        }
        m.lots.earns.put(id, lot);
        m.lastActivity = now;
        LedgerEntry e = entry(m, id, EntryType.EARN, now, Optional.of(order.value()), Optional.empty(), program,
                Posting.program(AccountKind.ISSUANCE, -points),
                Posting.member(pending ? AccountKind.PENDING : AccountKind.AVAILABLE, m.id, points));
        lot.qualifying = points;
        m.standing.qualifying.addLast(lot);
        m.standing.qualifyingSum += points;
        Tier reached = tiers.tierFor(m.standing.qualifyingSum);
        if (tiers.rank(reached) > tiers.rank(m.standing.tier)) { // upgrades happen at once
            m.standing.tier = reached;
            m.standing.since = now;
            m.standing.reviewAt = now + tiers.window().toMillis();
            m.standing.inGrace = false;
        }
        return e;
    }

    LedgerEntry hold(MemberState m, IdempotencyKey id, long points, Duration ttl, long now, Program program) {
        requireOpen(m);
        List<Taken> taken = take(m, points);
        HoldRec hold = new HoldRec(id, points, now + ttl.toMillis(), taken);
        m.lastActivity = now;
        m.spending.holds.put(id, hold);
        m.spending.holdTimeouts.add(hold);
        return entry(m, id, EntryType.HOLD, now, Optional.empty(), Optional.empty(), program,
                member(m, AccountKind.AVAILABLE, -points), member(m, AccountKind.HELD, points));
    }

    LedgerEntry post(MemberState m, IdempotencyKey id, IdempotencyKey holdId, long points, long now, Program program) {
        HoldRec hold = openHold(m, holdId, "post");
        if (points > hold.points) {
            throw new LedgerStateException("hold " + holdId + " holds " + hold.points + " points, cannot post " + points);
        }
        hold.settled = true;
        m.spending.holds.remove(holdId);
        long rest = hold.points - points;
        List<Taken> kept = giveBack(m, hold.taken, rest);
        m.spending.redemptions.put(id, new Redemption(id, points, kept));
        List<Posting> postings = new ArrayList<>();
        postings.add(member(m, AccountKind.HELD, -hold.points));
        postings.add(Posting.program(AccountKind.REDEMPTION, points));
        if (rest > 0) {
            postings.add(member(m, AccountKind.AVAILABLE, rest));
        }
        return entry(m, id, EntryType.REDEEM, now, Optional.empty(), Optional.of(holdId), program,
                postings.toArray(new Posting[0]));
    }

    LedgerEntry voidHold(MemberState m, IdempotencyKey id, IdempotencyKey holdId, long now, Program program) {
        return voidLocked(m, openHold(m, holdId, "void"), id, now, program);
    }

    LedgerEntry redeem(MemberState m, IdempotencyKey id, long points, long now, Program program) {
        requireOpen(m);
        List<Taken> taken = take(m, points);
        m.spending.redemptions.put(id, new Redemption(id, points, taken));
        m.lastActivity = now;
        return entry(m, id, EntryType.REDEEM, now, Optional.empty(), Optional.empty(), program,
                member(m, AccountKind.AVAILABLE, -points), Posting.program(AccountKind.REDEMPTION, points));
    }

    LedgerEntry refund(MemberState m, IdempotencyKey id, IdempotencyKey earnId, Money refunded, long now,
            Program program) {
        LotState lot = m.lots.earns.get(earnId);
        if (lot == null || lot.amount == null) {
            throw new LedgerStateException(earnId + " is not an earn");
        }
        lot.amount.requireSameCurrency(refunded);
        long due = Math.min(lot.points - lot.reversed, new BigDecimal(lot.points).multiply(refunded.toBigDecimal())
                .divide(lot.amount.toBigDecimal(), 0, RoundingMode.FLOOR).longValueExact());
        if (due <= 0) {
            throw new LedgerStateException("earn " + earnId + " has no points left to reverse for " + refunded);
        }
        lot.reversed += due;
        if (lot.qualifying > 0 && lot.earnedAt > m.standing.qualifyingFrom) {
            long less = Math.min(lot.qualifying, due);
            lot.qualifying -= less;
            m.standing.qualifyingSum -= less;
            Tier qualified = tiers.tierFor(m.standing.qualifyingSum);
            // A refund of a purchase the current tier was reached with undoes the upgrade at once.
            if (lot.earnedAt <= m.standing.since && tiers.rank(qualified) < tiers.rank(m.standing.tier)) {
                m.standing.tier = qualified;
            }
        }
        List<Posting> postings = new ArrayList<>();
        long fromLot = Math.min(due, lot.remaining);
        lot.remaining -= fromLot;
        if (lot.remaining == 0) {
            m.lots.active.remove(lot);
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
            postings.add(member(m, AccountKind.PENDING, -fromPending));
        }
        if (fromAvailable > 0) {
            postings.add(member(m, AccountKind.AVAILABLE, -fromAvailable));
        }
        postings.add(Posting.program(AccountKind.ISSUANCE, due));
        return entry(m, id, EntryType.REFUND, now, Optional.empty(), Optional.of(earnId), program,
                postings.toArray(new Posting[0]));
    }

    /**
     * Checks the points of a partial cancellation (every ledger's argument check, before its call is queued).
     *
     * @throws IllegalArgumentException if {@code points <= 0}
     */
    static long partPoints(long points) {
        if (points <= 0) {
            throw new IllegalArgumentException("points to give back must be > 0, was " + points);
        }
        return points;
    }

    /** Gives back {@code points} of a redemption, or all that is left when {@code points} is negative. */
    LedgerEntry cancelRedemption(MemberState m, IdempotencyKey id, IdempotencyKey redemptionId, long points,
            long now, Program program) {
        Redemption r = m.spending.redemptions.get(redemptionId);
        if (r == null || r.cancelled) {
            throw new LedgerStateException(redemptionId + " is not a redemption that can be cancelled");
        }
        long left = r.left();
        long back = points < 0 ? left : points;
        if (back > left) {
            throw new LedgerStateException("redemption " + redemptionId + " has " + left + " points left to give "
                    + "back, not " + back);
        }
        r.taken = giveBack(m, r.taken, back);
        r.changed = true;
        r.cancelled = r.taken.isEmpty();
        LedgerEntry e = entry(m, id, EntryType.CANCEL_REDEMPTION, now, Optional.empty(), Optional.of(redemptionId),
                program, Posting.program(AccountKind.REDEMPTION, -back), member(m, AccountKind.AVAILABLE, back));
        applyDue(m, now, program); // restored points whose lot already expired expire now
        return e;
    }

    /**
     * Checks a merge against both members' states (each fully loaded, what fell due applied).
     *
     * @throws LedgerStateException if either is closed or the source has open holds
     */
    void checkMerge(MemberState source, MemberState target) {
        if (source.closed || target.closed) {
            throw new LedgerStateException("member " + (source.closed ? source.id : target.id) + " is closed");
        }
        if (!source.spending.holds.isEmpty()) {
            throw new LedgerStateException("member " + source.id + " has open holds: settle them before merging");
        }
    }

    /** Merges {@code source} into {@code target} (checked by {@link #checkMerge}); returns the target's entry. */
    LedgerEntry merge(MemberState source, MemberState target, IdempotencyKey id, long now, Program program) {
        checkMerge(source, target);
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
        // Lots, earns, redemptions and qualifying points follow the points; expiry dates are kept. The moved lots
        // are renumbered after the target's own, in their creation order, so a tie between two lots with the same
        // consumption key is broken the same way in every store: the target's lots first, then the moved ones.
        renumber(source, target);
        List<LotState> movedLots = source.lots.active.toList();
        source.lots.active.clear();
        for (LotState l : movedLots) {
            target.lots.active.add(l);
            target.lots.expiring.add(l);
        }
        target.lots.pending.addAll(source.lots.pending);
        source.lots.expiring.clear();
        source.lots.pending.clear();
        target.lots.earns.putAll(source.lots.earns);
        target.spending.redemptions.putAll(source.spending.redemptions);
        List<LotState> recs = new ArrayList<>(target.standing.qualifying);
        recs.addAll(source.standing.qualifying);
        recs.sort(Comparator.comparingLong(r -> r.earnedAt));
        target.standing.qualifying.clear();
        target.standing.qualifying.addAll(recs);
        target.standing.qualifyingSum += source.standing.qualifyingSum;
        Tier reached = tiers.tierFor(target.standing.qualifyingSum);
        if (tiers.rank(reached) > tiers.rank(target.standing.tier)) {
            target.standing.tier = reached;
            target.standing.since = now;
            target.standing.reviewAt = now + tiers.window().toMillis();
            target.standing.inGrace = false;
        }
        source.closed = true;
        Posting[] legs = postings.toArray(new Posting[0]);
        entry(source, IdempotencyKey.of(id + ":out"), EntryType.MERGE, now, Optional.of(target.id.value()),
                Optional.empty(), program, legs);
        return entry(target, id, EntryType.MERGE, now, Optional.of(source.id.value()), Optional.empty(), program, legs);
    }

    /** Gives every lot of {@code source} that can still hold points a new sequence number of {@code target}. */
    private static void renumber(MemberState source, MemberState target) {
        Set<LotState> lots = new HashSet<>(source.lots.earns.values());
        lots.addAll(source.lots.active.toList());
        lots.addAll(source.lots.pending);
        for (Redemption r : source.spending.redemptions.values()) {
            for (Taken t : r.taken) {
                lots.add(t.lot());
            }
        }
        List<LotState> ordered = new ArrayList<>(lots);
        ordered.sort(Comparator.comparingLong((LotState l) -> l.seq).thenComparing(l -> l.id.value()));
        for (LotState l : ordered) {
            l.seq = target.lots.seq++;
        }
    }

    // =====================================================================================================
    // what falls due

    /** Applies, in time order, what fell due by {@code now}: hold time-outs, activations, expiries, tier reviews. */
    void applyDue(MemberState m, long now, Program program) {
        applyLedgerDue(m, now, program);
        review(m, now);
    }

    /** Adds a TierChanged event if the tier is not {@code before}. */
    void tierEvent(MemberState m, Tier before, long now) {
        if (!silent && before != m.standing.tier) {
            m.events.add(new PointsEvent.TierChanged(Instant.ofEpochMilli(now), m.id, before.id(), m.standing.tier.id()));
        }
    }

    /**
     * The earliest instant something falls due for the member (a hold time-out, an activation, an expiry, a tier
     * review, dormancy), over the loaded state; {@code Long.MAX_VALUE} if nothing will.
     */
    long nextDue(MemberState m) {
        long next = m.closed ? Long.MAX_VALUE : m.standing.reviewAt;
        for (HoldRec h : m.spending.holdTimeouts) {
            if (!h.settled) {
                next = Math.min(next, h.expiresAt);
            }
        }
        LotState p = m.lots.pending.peek();
        if (p != null) {
            next = Math.min(next, p.availableAt);
        }
        return Math.min(next, dormantAt(m));
    }

    /** Tier reviews: renew if still qualified, else grace, then downgrade to what the window's points reach. */
    private void review(MemberState m, long now) {
        while (m.standing.reviewAt <= now) {
            long at = m.standing.reviewAt;
            rollOff(m, at - tiers.window().toMillis());
            Tier qualified = tiers.tierFor(m.standing.qualifyingSum);
            if (tiers.rank(qualified) >= tiers.rank(m.standing.tier)) {
                m.standing.inGrace = false;
                m.standing.reviewAt = at + tiers.window().toMillis();
            } else if (!m.standing.inGrace && !tiers.grace().isZero()) {
                m.standing.inGrace = true;
                m.standing.reviewAt = at + tiers.grace().toMillis();
            } else {
                m.standing.tier = qualified;
                m.standing.inGrace = false;
                m.standing.reviewAt = at + tiers.window().toMillis();
            }
        }
        rollOff(m, now - tiers.window().toMillis());
    }

    /** Earns at or before {@code windowStart} stop qualifying. */
    private static void rollOff(MemberState m, long windowStart) {
        while (!m.standing.qualifying.isEmpty() && m.standing.qualifying.peekFirst().earnedAt <= windowStart) {
            LotState l = m.standing.qualifying.pollFirst();
            m.standing.qualifyingSum -= l.qualifying;
            l.qualifying = 0;
        }
        m.standing.qualifyingFrom = Math.max(m.standing.qualifyingFrom, windowStart);
    }

    private void applyLedgerDue(MemberState m, long now, Program program) {
        while (true) {
            while (!m.spending.holdTimeouts.isEmpty() && m.spending.holdTimeouts.peek().settled) {
                m.spending.holdTimeouts.poll();
            }
            while (!m.lots.expiring.isEmpty() && (m.lots.expiring.peek().remaining == 0 || m.lots.expiring.peek().pending)) {
                m.lots.expiring.poll();
            }
            long hold = m.spending.holdTimeouts.isEmpty() ? Long.MAX_VALUE : m.spending.holdTimeouts.peek().expiresAt;
            long activation = m.lots.pending.isEmpty() ? Long.MAX_VALUE : m.lots.pending.peek().availableAt;
            long expiry = m.lots.expiring.isEmpty() ? Long.MAX_VALUE : m.lots.expiring.peek().expiresAt;
            long dormant = dormantAt(m);
            long next = Math.min(Math.min(hold, dormant), Math.min(activation, expiry));
            if (next > now) {
                return;
            }
            if (dormant == next && hold != next && activation != next && expiry != next) {
                for (LotState l : m.lots.active.toList()) {
                    if (l.remaining > 0) {
                        expire(m, l, dormant, program);
                    }
                }
                m.lots.active.clear();
            } else if (hold == next) {
                HoldRec h = m.spending.holdTimeouts.poll();
                voidLocked(m, h, IdempotencyKey.of("timeout:" + h.id), h.expiresAt, program);
            } else if (activation == next) {
                activate(m, m.lots.pending.poll(), program);
            } else {
                LotState l = m.lots.expiring.poll();
                expire(m, l, l.expiresAt, program);
            }
        }
    }

    /** Makes a lot spendable: in consumption order and in the expiry queue. */
    private static void activateLot(MemberState m, LotState l) {
        l.pending = false;
        if (l.remaining > 0) {
            m.lots.active.add(l);
            m.lots.expiring.add(l);
        }
    }

    private void activate(MemberState m, LotState l, Program program) {
        activateLot(m, l);
        if (l.remaining > 0) {
            entry(m, IdempotencyKey.of("activate:" + l.id), EntryType.ACTIVATE, l.availableAt, Optional.empty(),
                    Optional.of(l.id), program, member(m, AccountKind.PENDING, -l.remaining),
                    member(m, AccountKind.AVAILABLE, l.remaining));
        }
    }

    /** When all the member's points expire for inactivity; {@code Long.MAX_VALUE} if never / nothing to expire. */
    private long dormantAt(MemberState m) {
        return m.lots.active.isEmpty() ? Long.MAX_VALUE : inactivityDeadline(m);
    }

    /** The inactivity deadline for every open lot, {@code Long.MAX_VALUE} if none. */
    long inactivityDeadline(MemberState m) {
        long limit = inactivityMillis.get(m.standing.tier);
        return limit == Long.MAX_VALUE ? Long.MAX_VALUE : m.lastActivity + limit;
    }

    private void expire(MemberState m, LotState l, long expiresAt, Program program) {
        long points = l.remaining;
        l.remaining = 0;
        m.lots.active.remove(l);
        // Points given back to a lot after it expired (a void or cancellation) expire when given back.
        long at = m.entries() == 0 ? expiresAt : Math.max(expiresAt, m.journal.lastEntryAt);
        entry(m, IdempotencyKey.of("expire:" + l.id + ":" + m.entries()), EntryType.EXPIRE, at, Optional.empty(),
                Optional.of(l.id), program, member(m, AccountKind.AVAILABLE, -points),
                Posting.program(AccountKind.BREAKAGE, points));
    }

    private LedgerEntry voidLocked(MemberState m, HoldRec hold, IdempotencyKey id, long at, Program program) {
        hold.settled = true;
        m.spending.holds.remove(hold.id);
        giveBack(m, hold.taken, hold.points);
        return entry(m, id, EntryType.VOID, at, Optional.empty(), Optional.of(hold.id), program,
                member(m, AccountKind.HELD, -hold.points), member(m, AccountKind.AVAILABLE, hold.points));
    }

    /** Takes {@code points} from available lots in consumption order; fails if fewer are available. */
    private List<Taken> take(MemberState m, long points) {
        // available = points left in active lots − points owed after a refund shortfall, so it bounds spending.
        if (points > m.available) {
            throw new InsufficientPointsException(m.id, points, Math.max(0, m.available));
        }
        return takeFromLots(m, points);
    }

    private static List<Taken> takeFromLots(MemberState m, long points) {
        List<Taken> taken = new ArrayList<>();
        long need = points;
        while (need > 0 && !m.lots.active.isEmpty()) {
            LotState l = m.lots.active.first();
            long t = Math.min(need, l.remaining);
            l.remaining -= t;
            need -= t;
            taken.add(new Taken(l, t));
            if (l.remaining == 0) {
                m.lots.active.removeFirst();
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
                m.lots.active.add(lot);
                m.lots.expiring.add(lot); // re-queued: expires now if its time has passed
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

    private static Posting member(MemberState m, AccountKind account, long points) {
        return new Posting(account, m.owner, points);
    }

    private LedgerEntry entry(MemberState m, IdempotencyKey id, EntryType type, long at, Optional<String> reference,
            Optional<IdempotencyKey> reverses, Program program, Posting... postings) {
        LedgerEntry e = new LedgerEntry(id, type, m.id, Instant.ofEpochMilli(at), List.of(postings), reference,
                reverses);
        for (Posting p : postings) {
            if (p.member().isPresent()) {
                if (!p.member().get().equals(m.id)) {
                    continue; // the other member's legs of a merge are applied by its own entry
                }
                switch (p.account()) {
                    case AVAILABLE -> m.available += p.points();
                    case PENDING -> m.pending += p.points();
                    default -> m.held += p.points();
                }
            } else {
                program.add(p.account(), p.points());
            }
        }
        m.journal.append(e, at, m.available, m.pending, m.held);
        if (!silent) {
            m.events.add(new PointsEvent.EntryWritten(e.at(), e));
        }
        return e;
    }

    static void requireOpen(MemberState m) {
        if (m.closed) {
            throw new LedgerStateException("member " + m.id + " was merged into another member and is closed");
        }
    }

    private static HoldRec openHold(MemberState m, IdempotencyKey id, String operation) {
        HoldRec hold = m.spending.holds.get(id);
        if (hold == null || hold.settled) {
            throw new LedgerStateException("cannot " + operation + " " + id + ": not an open hold (settled, voided or "
                    + "timed out)");
        }
        return hold;
    }

    // =====================================================================================================
    // reads over a member's state

    /** Every open lot (points left), in consumption order, then pending ones by activation. */
    List<Lot> lots(MemberState m) {
        List<Lot> out = new ArrayList<>();
        long dormant = inactivityDeadline(m);
        for (LotState l : openLots(m)) {
            out.add(new Lot(l.id, l.points, l.remaining, Instant.ofEpochMilli(l.earnedAt),
                    Instant.ofEpochMilli(l.availableAt), Instant.ofEpochMilli(Math.min(l.expiresAt, dormant))));
        }
        return out;
    }

    long expiringWithin(MemberState m, long until) {
        long sum = 0;
        long dormant = inactivityDeadline(m);
        for (LotState l : openLots(m)) {
            if (Math.min(l.expiresAt, dormant) <= until) {
                sum += l.remaining;
            }
        }
        return sum;
    }

    private static List<LotState> openLots(MemberState m) {
        List<LotState> open = m.lots.active.toList();
        List<LotState> pending = new ArrayList<>(m.lots.pending);
        pending.sort(Comparator.comparingLong((LotState l) -> l.availableAt).thenComparingLong(l -> l.seq));
        open.addAll(pending);
        open.removeIf(l -> l.remaining <= 0);
        return open;
    }
}

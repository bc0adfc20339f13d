package io.github.omniretail.loyalty;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.loyalty.LedgerState.HoldRec;
import io.github.omniretail.loyalty.LedgerState.LotState;
import io.github.omniretail.loyalty.LedgerState.MemberState;
import io.github.omniretail.loyalty.LedgerState.Redemption;
import io.github.omniretail.loyalty.LedgerState.Taken;
import io.github.omniretail.loyalty.spi.LedgerStorage;
import io.github.omniretail.loyalty.spi.LedgerStorage.Locked;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One batch's view of the rows a {@link LedgerStorage.Session} locked: members decoded into the kernel's
 * {@link MemberState} on first use (what fell due applied at once), lots loaded lazily past the horizon, and at the
 * end the rows that changed. Not thread-safe: one batch, one thread.
 */
final class StoredLedgerBatch {

    /** Lots read per {@link LedgerStorage.Session#lotsAfter} round trip. */
    private static final int LOAD = 64;

    private final LedgerStorage.Session session;
    private final LedgerKernel kernel;
    private final Map<String, Tier> tiersById = new HashMap<>();
    final long now;
    private final Map<MemberId, LedgerStorage.Member> rows = new HashMap<>();
    private final Map<MemberId, List<LedgerStorage.Lot>> lotRows = new HashMap<>();
    private final Map<MemberId, List<LedgerStorage.Hold>> holdRows = new HashMap<>();
    private final Map<MemberId, List<LedgerStorage.Redemption>> redemptionRows = new HashMap<>();
    private final Map<MemberId, LedgerStorage.Lot> horizons;
    private final Map<IdempotencyKey, MemberId> owners;
    private final Map<IdempotencyKey, LedgerStorage.Outcome> outcomes = new HashMap<>();
    private final Map<OrderId, String> earnedOrders;

    /** Decoded members in decoding order, with what they were when loaded. */
    private final Map<MemberId, MemberState> states = new LinkedHashMap<>();
    private final Map<MemberId, Tier> tierBefore = new HashMap<>();
    private final Map<MemberState, Map<IdempotencyKey, LotState>> lotsById = new HashMap<>();
    private final Map<LotState, long[]> lotsAsLoaded = new HashMap<>();
    private final Map<MemberState, Set<IdempotencyKey>> holdsAsLoaded = new HashMap<>();
    private final Map<Redemption, Boolean> redemptionsAsLoaded = new HashMap<>();

    private final long[] program = new long[AccountKind.values().length];
    final LedgerKernel.Program programSink = (account, points) -> program[account.ordinal()] += points;
    private final List<LedgerStorage.Outcome> newOutcomes = new ArrayList<>();
    private final Map<OrderId, String> newOrders = new HashMap<>();
    private final Map<MemberId, MemberId> merged = new HashMap<>();

    StoredLedgerBatch(LedgerStorage.Session session, LedgerKernel kernel, Locked locked, long now) {
        this.session = session;
        this.kernel = kernel;
        this.now = now;
        for (Tier t : kernel.tiers().tiers()) {
            tiersById.put(t.id(), t);
        }
        for (LedgerStorage.Member m : locked.members()) {
            rows.put(m.member(), m);
        }
        for (LedgerStorage.Lot l : locked.lots()) {
            lotRows.computeIfAbsent(l.member(), k -> new ArrayList<>()).add(l);
        }
        for (LedgerStorage.Hold h : locked.holds()) {
            holdRows.computeIfAbsent(h.member(), k -> new ArrayList<>()).add(h);
        }
        for (LedgerStorage.Redemption r : locked.redemptions()) {
            redemptionRows.computeIfAbsent(r.member(), k -> new ArrayList<>()).add(r);
        }
        for (LedgerStorage.Outcome o : locked.outcomes()) {
            outcomes.put(o.id(), o);
        }
        this.horizons = locked.more();
        this.owners = new HashMap<>(locked.owners());
        this.earnedOrders = new HashMap<>(locked.orders());
    }

    // =====================================================================================================
    // what the calls read

    /** The member's state, decoded and brought up to now on first use; empty if the member is not enrolled. */
    Optional<MemberState> member(MemberId id) {
        MemberState m = states.get(id);
        if (m != null) {
            return Optional.of(m);
        }
        LedgerStorage.Member row = rows.get(id);
        if (row == null) {
            return Optional.empty();
        }
        m = decode(row);
        states.put(id, m);
        tierBefore.put(id, m.standing.tier);
        kernel.applyDue(m, now, programSink);
        return Optional.of(m);
    }

    MemberState require(MemberId id) {
        return member(id).orElseThrow(() -> new UnknownMemberException(id));
    }

    /** The live member that owns a hold, earn or redemption, if the id is one. */
    Optional<MemberState> owner(IdempotencyKey entry) {
        MemberId owner = owners.get(entry);
        return owner == null ? Optional.empty() : Optional.of(require(owner));
    }

    Optional<LedgerStorage.Outcome> outcome(IdempotencyKey id) {
        return Optional.ofNullable(outcomes.get(id));
    }

    Optional<String> earnedOrder(OrderId order) {
        return Optional.ofNullable(earnedOrders.get(order));
    }

    // =====================================================================================================
    // what the calls record

    void recordOutcome(LedgerStorage.Outcome o) {
        outcomes.put(o.id(), o);
        newOutcomes.add(o);
        o.owner().ifPresent(owner -> owners.put(o.id(), owner));
    }

    void recordOrder(OrderId order, String entry) {
        earnedOrders.put(order, entry);
        newOrders.put(order, entry);
    }

    void recordMerge(MemberState source, MemberState target) {
        merged.put(source.id, target.id);
        // The source's loaded objects now belong to the target.
        Map<IdempotencyKey, LotState> moved = lotsById.remove(source);
        lotsById.get(target).putAll(moved);
        for (Map.Entry<IdempotencyKey, MemberId> e : owners.entrySet()) {
            if (e.getValue().equals(source.id)) {
                e.setValue(target.id);
            }
        }
    }

    // =====================================================================================================
    // decoding

    private MemberState decode(LedgerStorage.Member row) {
        MemberState m = new MemberState(row.member(), kernel.fifo());
        m.available = row.available();
        m.pending = row.pending();
        m.held = row.held();
        m.standing.tier = tiersById.get(row.tier());
        if (m.standing.tier == null) {
            throw new IllegalStateException("member " + row.member() + " is in tier " + row.tier()
                    + ", which the tier policy no longer has");
        }
        m.standing.since = row.tierSince();
        m.standing.reviewAt = row.reviewAt();
        m.standing.inGrace = row.inGrace();
        m.lastActivity = row.lastActivity();
        m.standing.qualifyingSum = row.qualifyingSum();
        m.standing.qualifyingFrom = row.qualifyingFrom();
        m.lots.seq = row.lotSeq();
        m.journal.base = row.entries();
        m.journal.lastEntryAt = row.lastEntryAt();
        m.closed = row.mergedInto().isPresent();
        Map<IdempotencyKey, LotState> lots = new HashMap<>();
        lotsById.put(m, lots);
        List<LotState> qualifying = new ArrayList<>();
        for (LedgerStorage.Lot l : lotRows.getOrDefault(m.id, List.of())) {
            LotState lot = lot(m, l);
            if (lot.qualifying > 0) {
                qualifying.add(lot);
            }
        }
        qualifying.sort(Comparator.comparingLong((LotState l) -> l.earnedAt).thenComparingLong(l -> l.seq));
        m.standing.qualifying.addAll(qualifying);
        LedgerStorage.Lot horizon = horizons.get(m.id);
        if (horizon != null) {
            m.lots.active.partial(lots.get(horizon.id()), (after, queue) -> loadAfter(m, after));
        }
        Set<IdempotencyKey> holds = new HashSet<>();
        for (LedgerStorage.Hold h : holdRows.getOrDefault(m.id, List.of())) {
            HoldRec hold = new HoldRec(h.id(), h.points(), h.expiresAt(), taken(lots, h.taken()));
            m.spending.holds.put(h.id(), hold);
            m.spending.holdTimeouts.add(hold);
            holds.add(h.id());
        }
        holdsAsLoaded.put(m, holds);
        for (LedgerStorage.Redemption r : redemptionRows.getOrDefault(m.id, List.of())) {
            Redemption red = new Redemption(r.id(), r.points(), taken(lots, r.taken()));
            red.cancelled = r.cancelled();
            m.spending.redemptions.put(r.id(), red);
            redemptionsAsLoaded.put(red, r.cancelled());
        }
        return m;
    }

    /** Decodes a lot row once per batch; later reads of the same lot return the same object. */
    private LotState lot(MemberState m, LedgerStorage.Lot l) {
        Map<IdempotencyKey, LotState> lots = lotsById.get(m);
        LotState known = lots.get(l.id());
        if (known != null) {
            return known;
        }
        LotState lot = new LotState(l.id(), l.seq(), l.points(), l.earnedAt(), l.availableAt(), l.expiresAt(),
                l.pending(), l.amount().map(LedgerCodec::money).orElse(null));
        lot.remaining = l.remaining();
        lot.reversed = l.reversed();
        lot.qualifying = l.qualifying();
        lots.put(l.id(), lot);
        lotsAsLoaded.put(lot, signature(lot));
        if (lot.amount != null) {
            m.lots.earns.put(lot.id, lot);
        }
        if (lot.pending) {
            m.lots.pending.add(lot);
        } else if (lot.remaining > 0) {
            m.lots.active.add(lot);
            m.lots.expiring.add(lot);
        }
        return lot;
    }

    private LotState loadAfter(MemberState m, LotState after) {
        List<LedgerStorage.Lot> next = session.lotsAfter(m.id, row(m, after), LOAD);
        LotState last = null;
        for (LedgerStorage.Lot l : next) {
            last = lot(m, l);
        }
        return next.size() < LOAD ? null : last;
    }

    private static List<Taken> taken(Map<IdempotencyKey, LotState> lots, List<LedgerStorage.Taken> rows) {
        List<Taken> taken = new ArrayList<>(rows.size());
        for (LedgerStorage.Taken t : rows) {
            LotState lot = lots.get(t.lot());
            if (lot == null) {
                throw new IllegalStateException("storage did not load lot " + t.lot() + " taken by a loaded hold");
            }
            taken.add(new Taken(lot, t.points()));
        }
        return taken;
    }

    private static long[] signature(LotState l) {
        return new long[] {l.remaining, l.pending ? 1 : 0, l.reversed, l.qualifying};
    }

    // =====================================================================================================
    // encoding what changed

    /** Adds TierChanged events for every member whose tier moved in this batch. */
    void tierEvents() {
        for (MemberState m : states.values()) {
            kernel.tierEvent(m, tierBefore.get(m.id), now);
            tierBefore.put(m.id, m.standing.tier);
        }
    }

    /**
     * The rows this batch changed, and the events it made, for {@link LedgerStorage.Session#write}; empty if it
     * changed nothing (reads that found nothing due).
     */
    Optional<LedgerStorage.LedgerRows> rows(List<PointsEvent> published) {
        List<LedgerStorage.Member> members = new ArrayList<>();
        List<LedgerStorage.Lot> lots = new ArrayList<>();
        List<LedgerStorage.Hold> holds = new ArrayList<>();
        List<IdempotencyKey> settled = new ArrayList<>();
        List<LedgerStorage.Redemption> redemptions = new ArrayList<>();
        List<LedgerStorage.Entry> entries = new ArrayList<>();
        List<LedgerStorage.Event> events = new ArrayList<>();
        for (MemberState m : states.values()) {
            LedgerStorage.Member row = row(m);
            if (!row.equals(rows.get(m.id))) {
                members.add(row);
            }
            Map<IdempotencyKey, LotState> own = lotsById.get(m);
            if (own != null) {
                for (LotState l : own.values()) {
                    long[] before = lotsAsLoaded.get(l);
                    if (before == null || !java.util.Arrays.equals(before, signature(l)) || merged.containsValue(m.id)) {
                        lots.add(row(m, l));
                    }
                }
                for (LotState l : m.lots.earns.values()) {
                    if (!own.containsKey(l.id)) { // earned in this batch
                        own.put(l.id, l);
                        lots.add(row(m, l));
                    }
                }
            }
            Set<IdempotencyKey> loadedHolds = holdsAsLoaded.getOrDefault(m, Set.of());
            for (HoldRec h : m.spending.holds.values()) {
                if (!loadedHolds.contains(h.id)) {
                    holds.add(new LedgerStorage.Hold(m.id, h.id, h.points, h.expiresAt, taken(h.taken)));
                }
            }
            for (IdempotencyKey h : loadedHolds) {
                if (!m.spending.holds.containsKey(h)) {
                    settled.add(h);
                }
            }
            for (Redemption r : m.spending.redemptions.values()) {
                Boolean cancelled = redemptionsAsLoaded.get(r);
                if (!merged.containsKey(m.id) && (cancelled == null || cancelled != r.cancelled || r.changed)) {
                    redemptions.add(new LedgerStorage.Redemption(m.id, r.id, r.points, r.cancelled, taken(r.taken)));
                }
            }
            for (int i = 0; i < m.journal.log.size(); i++) {
                LedgerEntry e = m.journal.log.get(i);
                Balance after = m.journal.after(i);
                entries.add(new LedgerStorage.Entry(m.id, m.journal.base + i, e.id(), e.at().toEpochMilli(),
                        LedgerCodec.entry(e), after.available(), after.pending(), after.held()));
            }
            for (PointsEvent ev : m.events) {
                events.add(new LedgerStorage.Event(m.id, ev.type(), ev.occurredAt().toEpochMilli(),
                        LedgerCodec.event(ev)));
                published.add(ev);
            }
        }
        Map<AccountKind, Long> deltas = new EnumMap<>(AccountKind.class);
        for (AccountKind k : AccountKind.values()) {
            if (program[k.ordinal()] != 0) {
                deltas.put(k, program[k.ordinal()]);
            }
        }
        if (members.isEmpty() && lots.isEmpty() && settled.isEmpty() && holds.isEmpty() && redemptions.isEmpty()
                && entries.isEmpty() && events.isEmpty() && newOutcomes.isEmpty() && newOrders.isEmpty()
                && merged.isEmpty() && deltas.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LedgerStorage.LedgerRows(members, lots, holds, settled, redemptions, entries, newOutcomes,
                newOrders, deltas, merged, events));
    }

    private static List<LedgerStorage.Taken> taken(List<Taken> taken) {
        List<LedgerStorage.Taken> out = new ArrayList<>(taken.size());
        for (Taken t : taken) {
            out.add(new LedgerStorage.Taken(t.lot().id, t.points()));
        }
        return out;
    }

    private LedgerStorage.Member row(MemberState m) {
        LedgerStorage.Member was = rows.get(m.id);
        return row(kernel, m, merged.containsKey(m.id) ? Optional.of(merged.get(m.id))
                : was == null ? Optional.empty() : was.mergedInto());
    }

    /** A member's row from its state. */
    static LedgerStorage.Member row(LedgerKernel kernel, MemberState m, Optional<MemberId> mergedInto) {
        return new LedgerStorage.Member(m.id, mergedInto, m.available, m.pending, m.held, m.standing.tier.id(), m.standing.since,
                m.standing.reviewAt, m.standing.inGrace, m.lastActivity, m.standing.qualifyingSum, m.standing.qualifyingFrom, m.lots.seq, m.entries(),
                m.journal.lastEntryAt, m.closed || m.lots.active.isEmpty() ? Long.MAX_VALUE : kernel.inactivityDeadline(m));
    }

    private LedgerStorage.Lot row(MemberState m, LotState l) {
        return new LedgerStorage.Lot(m.id, l.id, l.seq, kernel.fifo() ? l.earnedAt : l.expiresAt, l.points,
                l.remaining, l.earnedAt, l.availableAt, l.expiresAt, l.pending,
                Optional.ofNullable(l.amount).map(LedgerCodec::money), l.reversed, l.qualifying);
    }
}

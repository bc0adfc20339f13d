package io.github.omniretail.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.loyalty.AccountKind;
import io.github.omniretail.loyalty.spi.LedgerStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One partition's points ledger rows in memory, with change capture: a {@link LedgerStorage} whose transactions
 * stage their writes and apply them only if the work returns, recording each changed row for the changelog
 * ({@link #takeRows}: key {@code member:}, {@code lot:}, {@code hold:} (a tombstone once settled), {@code redemption:},
 * {@code entry:<seq>:<member>}, {@code outcome:}, {@code order:}, {@code program:}; the value the row as JSON) and
 * each event for the event topic ({@link #takeEvents}). {@link #restore} rebuilds the rows from the changelog. Rows
 * are indexed by member, so a transaction's cost follows the members it touches. Thread-safe: one lock.
 */
final class PartitionLedgerStorage implements LedgerStorage {
    private static final Comparator<Lot> CONSUMPTION = Comparator.comparingLong(Lot::consumeKey)
            .thenComparingLong(Lot::seq).thenComparing(l -> l.id().value());

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<MemberId, Member> members = new HashMap<>();
    private final Map<MemberId, Map<IdempotencyKey, Lot>> lots = new HashMap<>();
    private final Map<IdempotencyKey, Lot> lotById = new HashMap<>();
    private final Map<MemberId, Map<IdempotencyKey, Hold>> holds = new HashMap<>();
    private final Map<IdempotencyKey, Hold> holdById = new HashMap<>();
    private final Map<MemberId, Map<IdempotencyKey, Redemption>> redemptions = new HashMap<>();
    private final Map<MemberId, List<Entry>> entries = new HashMap<>();
    private final Map<IdempotencyKey, Outcome> outcomes = new HashMap<>();
    private final Map<OrderId, String> orders = new HashMap<>();
    private final Map<AccountKind, Long> program = new EnumMap<>(AccountKind.class);
    /** Changed rows since the last take: key to the row, or null for a deleted one. */
    private final Map<String, Object> changed = new LinkedHashMap<>();
    private final List<Event> events = new ArrayList<>();

    @Override
    public <T> T transaction(String operation, Work<T> work) {
        lock.lock();
        try {
            Staged staged = new Staged();
            T result = work.run(staged);
            staged.created.values().forEach(m -> {
                if (!members.containsKey(m.member())) {
                    putMember(m);
                }
            });
            if (staged.rows != null) {
                apply(staged.rows);
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** A transaction's session: reads the committed rows (plus members it creates), stages the one write. */
    private final class Staged implements Session {
        private final Map<MemberId, Member> created = new HashMap<>();
        private LedgerRows rows;

        @Override
        public Locked lock(LockRequest request) {
            for (Member m : request.create()) {
                if (!members.containsKey(m.member())) {
                    created.putIfAbsent(m.member(), m);
                }
            }
            Map<IdempotencyKey, MemberId> owners = new HashMap<>();
            for (IdempotencyKey ref : request.references()) {
                Outcome o = outcomes.get(ref);
                if (o != null && !o.failed() && o.owner().isPresent()) {
                    owners.put(ref, root(o.owner().get()));
                }
            }
            Set<MemberId> locked = new TreeSet<>(Comparator.comparing(MemberId::value));
            locked.addAll(request.members());
            locked.addAll(owners.values());
            List<Member> found = new ArrayList<>();
            Map<IdempotencyKey, Lot> loaded = new LinkedHashMap<>();
            Map<MemberId, Lot> more = new HashMap<>();
            List<Hold> open = new ArrayList<>();
            List<Redemption> named = new ArrayList<>();
            for (MemberId id : locked) {
                Member m = member(id);
                if (m == null) {
                    continue;
                }
                found.add(m);
                boolean full = request.full().contains(id);
                List<Lot> own = new ArrayList<>(lots.getOrDefault(id, Map.of()).values());
                List<Lot> active = own.stream().filter(l -> l.remaining() > 0 && !l.pending()).sorted(CONSUMPTION)
                        .toList();
                if (full || m.dormantAt() <= request.now()) {
                    (full ? own : active).forEach(l -> loaded.put(l.id(), l));
                } else {
                    long debit = request.debits().getOrDefault(id, 0L);
                    long covered = 0;
                    int i = 0;
                    for (; i < active.size() && (i == 0 || covered < debit); i++) {
                        loaded.put(active.get(i).id(), active.get(i));
                        covered += active.get(i).remaining();
                    }
                    if (i < active.size()) {
                        more.put(id, active.get(i - 1));
                    }
                    for (Lot l : own) {
                        boolean due = l.remaining() > 0 && (l.pending() ? l.availableAt() <= request.now()
                                : l.expiresAt() <= request.now());
                        boolean rollsOff = l.qualifying() > 0 && l.earnedAt() <= request.windowStart();
                        if (due || rollsOff || request.references().contains(l.id())) {
                            loaded.put(l.id(), l);
                        }
                    }
                }
                for (Hold h : holds.getOrDefault(id, Map.of()).values()) {
                    open.add(h);
                    h.taken().forEach(t -> loaded.put(t.lot(), lotById.get(t.lot())));
                }
                for (Redemption r : redemptions.getOrDefault(id, Map.of()).values()) {
                    if (full || request.references().contains(r.id())) {
                        named.add(r);
                        r.taken().forEach(t -> loaded.put(t.lot(), lotById.get(t.lot())));
                    }
                }
            }
            List<Outcome> known = new ArrayList<>();
            for (IdempotencyKey id : request.idempotency()) {
                Optional.ofNullable(outcomes.get(id)).ifPresent(known::add);
            }
            Map<OrderId, String> earned = new HashMap<>();
            for (OrderId o : request.orders()) {
                Optional.ofNullable(orders.get(o)).ifPresent(e -> earned.put(o, e));
            }
            return new Locked(found, owners, new ArrayList<>(loaded.values()), more, open, named, known, earned);
        }

        private Member member(MemberId id) {
            Member m = members.get(id);
            return m != null ? m : created.get(id);
        }

        private MemberId root(MemberId member) {
            MemberId at = member;
            while (member(at) != null && member(at).mergedInto().isPresent()) {
                at = member(at).mergedInto().get();
            }
            return at;
        }

        @Override
        public List<Lot> lotsAfter(MemberId member, Lot after, int limit) {
            return lots.getOrDefault(member, Map.of()).values().stream()
                    .filter(l -> l.remaining() > 0 && !l.pending() && CONSUMPTION.compare(l, after) > 0)
                    .sorted(CONSUMPTION).limit(limit).toList();
        }

        @Override
        public void write(LedgerRows rows) {
            for (Entry e : rows.entries()) {
                int have = entries.getOrDefault(e.member(), List.of()).size();
                long before = rows.entries().stream().filter(x -> x.member().equals(e.member()) && x.seq() < e.seq())
                        .count();
                if (have + before != e.seq()) {
                    throw new IllegalStateException("entry " + e.seq() + " of " + e.member() + " after " + have);
                }
            }
            for (Outcome o : rows.outcomes()) {
                if (outcomes.containsKey(o.id())) {
                    throw new IllegalStateException("transaction id " + o.id() + " recorded twice");
                }
            }
            this.rows = rows;
        }

        /** The member's committed entries, then those this transaction wrote. */
        private List<Entry> all(MemberId member) {
            List<Entry> all = entries.getOrDefault(member, List.of());
            if (rows == null || rows.entries().isEmpty()) {
                return all;
            }
            List<Entry> out = new ArrayList<>(all);
            rows.entries().stream().filter(e -> e.member().equals(member)).forEach(out::add);
            return out;
        }

        @Override
        public List<Entry> entries(MemberId member, long from, int limit) {
            List<Entry> all = all(member);
            int start = (int) Math.min(from, all.size());
            return List.copyOf(all.subList(start, Math.min(all.size(), start + limit)));
        }

        @Override
        public Optional<Entry> entryAsOf(MemberId member, long at) {
            List<Entry> all = all(member);
            for (int i = all.size() - 1; i >= 0; i--) {
                if (all.get(i).at() <= at) {
                    return Optional.of(all.get(i));
                }
            }
            return Optional.empty();
        }

        @Override
        public long programBalance(AccountKind account) {
            return program.getOrDefault(account, 0L);
        }

        @Override
        public List<MemberId> dueMembers(long now, int limit) {
            Set<MemberId> due = new TreeSet<>(Comparator.comparing(MemberId::value));
            for (Member m : members.values()) {
                if (m.mergedInto().isEmpty() && (m.reviewAt() <= now || m.dormantAt() <= now)) {
                    due.add(m.member());
                }
            }
            for (Lot l : lotById.values()) {
                if (l.remaining() > 0 && (l.pending() ? l.availableAt() : l.expiresAt()) <= now) {
                    due.add(l.member());
                }
            }
            for (Hold h : holdById.values()) {
                if (h.expiresAt() <= now) {
                    due.add(h.member());
                }
            }
            return due.stream().limit(limit).toList();
        }
    }

    /** Applies a committed transaction's rows and records them as changed. */
    private void apply(LedgerRows rows) {
        rows.members().forEach(this::putMember);
        rows.lots().forEach(this::putLot);
        rows.holds().forEach(this::putHold);
        for (IdempotencyKey id : rows.settledHolds()) {
            Hold h = holdById.remove(id);
            if (h != null) {
                holds.getOrDefault(h.member(), new HashMap<>()).remove(id);
            }
            changed.put("hold:" + id.value(), null);
        }
        rows.redemptions().forEach(this::putRedemption);
        rows.entries().forEach(this::putEntry);
        rows.outcomes().forEach(this::putOutcome);
        rows.orders().forEach(this::putOrder);
        rows.program().forEach((k, v) -> putProgram(k, program.getOrDefault(k, 0L) + v));
        rows.merged().forEach((source, target) -> {
            for (Lot l : List.copyOf(lots.getOrDefault(source, Map.of()).values())) {
                lots.get(source).remove(l.id());
                putLot(new Lot(target, l.id(), l.seq(), l.consumeKey(), l.points(), l.remaining(), l.earnedAt(),
                        l.availableAt(), l.expiresAt(), l.pending(), l.amount(), l.reversed(), l.qualifying()));
            }
            for (Redemption r : List.copyOf(redemptions.getOrDefault(source, Map.of()).values())) {
                redemptions.get(source).remove(r.id());
                putRedemption(new Redemption(target, r.id(), r.points(), r.cancelled(), r.taken()));
            }
        });
        events.addAll(rows.events());
    }

    private void putMember(Member m) {
        members.put(m.member(), m);
        changed.put("member:" + m.member().value(), m);
    }

    private void putLot(Lot l) {
        Lot before = lotById.put(l.id(), l);
        if (before != null && !before.member().equals(l.member())) {
            lots.getOrDefault(before.member(), new HashMap<>()).remove(l.id());
        }
        lots.computeIfAbsent(l.member(), k -> new HashMap<>()).put(l.id(), l);
        changed.put("lot:" + l.id().value(), l);
    }

    private void putHold(Hold h) {
        holdById.put(h.id(), h);
        holds.computeIfAbsent(h.member(), k -> new HashMap<>()).put(h.id(), h);
        changed.put("hold:" + h.id().value(), h);
    }

    private void putRedemption(Redemption r) {
        redemptions.computeIfAbsent(r.member(), k -> new HashMap<>()).put(r.id(), r);
        changed.put("redemption:" + r.id().value(), r);
    }

    private void putEntry(Entry e) {
        entries.computeIfAbsent(e.member(), k -> new ArrayList<>()).add(e);
        changed.put("entry:" + e.seq() + ":" + e.member().value(), e);
    }

    private void putOutcome(Outcome o) {
        outcomes.put(o.id(), o);
        changed.put("outcome:" + o.id().value(), o);
    }

    private void putOrder(OrderId order, String earn) {
        orders.put(order, earn);
        changed.put("order:" + order.value(), Map.of("order", order.value(), "earn", earn));
    }

    private void putProgram(AccountKind account, long balance) {
        program.put(account, balance);
        changed.put("program:" + account.name(), balance);
    }

    /** @return the changelog records of the rows changed since the last call; forgets them */
    List<Changelog.Entry> takeRows() {
        lock.lock();
        try {
            List<Changelog.Entry> out = new ArrayList<>(changed.size());
            changed.forEach((k, v) -> {
                try {
                    out.add(new Changelog.Entry(k, v == null ? null : EngineWire.JSON.writeValueAsBytes(v)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            changed.clear();
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** @return the events committed since the last call, keyed by type; forgets them */
    List<Changelog.Entry> takeEvents() {
        lock.lock();
        try {
            List<Changelog.Entry> out = events.stream().map(e -> new Changelog.Entry(e.type(),
                    e.body().getBytes(StandardCharsets.UTF_8))).toList();
            events.clear();
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Rebuilds the rows from a changelog read to its end, oldest first (a later record of a key replaces an earlier
     * one; a tombstone deletes it).
     *
     * @param log the records
     */
    void restore(List<Changelog.Entry> log) {
        Map<String, byte[]> latest = new LinkedHashMap<>();
        for (Changelog.Entry e : log) {
            latest.remove(e.key());
            latest.put(e.key(), e.value());
        }
        lock.lock();
        try {
            List<Entry> allEntries = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : latest.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                String kind = e.getKey().substring(0, e.getKey().indexOf(':'));
                JsonNode v = EngineWire.JSON.readTree(e.getValue());
                switch (kind) {
                    case "member" -> putMember(EngineWire.JSON.treeToValue(v, Member.class));
                    case "lot" -> putLot(EngineWire.JSON.treeToValue(v, Lot.class));
                    case "hold" -> putHold(EngineWire.JSON.treeToValue(v, Hold.class));
                    case "redemption" -> putRedemption(EngineWire.JSON.treeToValue(v, Redemption.class));
                    case "entry" -> allEntries.add(EngineWire.JSON.treeToValue(v, Entry.class));
                    case "outcome" -> putOutcome(EngineWire.JSON.treeToValue(v, Outcome.class));
                    case "order" -> putOrder(OrderId.of(v.get("order").asText()), v.get("earn").asText());
                    case "program" -> putProgram(AccountKind.valueOf(e.getKey().substring("program:".length())),
                            v.asLong());
                    default -> throw new IllegalStateException("unknown changelog row " + e.getKey());
                }
            }
            allEntries.sort(Comparator.comparingLong(Entry::seq));
            allEntries.forEach(this::putEntry);
            changed.clear();
            events.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("a ledger changelog record is not JSON", e);
        } finally {
            lock.unlock();
        }
    }
}

package io.github.omniretail.testkit.stored;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.loyalty.AccountKind;
import io.github.omniretail.loyalty.spi.LedgerStorage;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The plainest possible {@link LedgerStorage}: maps behind one lock, every transaction serialised on a copy that
 * replaces the committed maps only if the work returns. It proves the stored ledger's kernel path without a
 * database; every {@code failEvery}-th transaction fails after its work ran (before commit), so the ledger's
 * reruns are exercised too. It loads the least it may — one lot in consumption order, whatever the debits — so
 * every debit past the first lot goes through the ledger's lazy loader ({@link Session#lotsAfter}).
 */
final class MapLedgerStorage implements LedgerStorage {

    private static final Comparator<Lot> CONSUMPTION = Comparator.comparingLong(Lot::consumeKey)
            .thenComparingLong(Lot::seq).thenComparing(l -> l.id().value());

    /** Everything stored; copied at the start of each transaction. */
    private static final class State {
        final Map<MemberId, Member> members;
        final Map<IdempotencyKey, Lot> lots;
        final Map<IdempotencyKey, Hold> holds;
        final Map<IdempotencyKey, Redemption> redemptions;
        final Map<MemberId, List<Entry>> entries;
        final Map<IdempotencyKey, Outcome> outcomes;
        final Map<OrderId, String> orders;
        final Map<AccountKind, Long> program;
        final List<Event> events;

        State() {
            this(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(),
                    new HashMap<>(), new EnumMap<>(AccountKind.class), new ArrayList<>());
        }

        State(Map<MemberId, Member> members, Map<IdempotencyKey, Lot> lots, Map<IdempotencyKey, Hold> holds,
                Map<IdempotencyKey, Redemption> redemptions, Map<MemberId, List<Entry>> entries,
                Map<IdempotencyKey, Outcome> outcomes, Map<OrderId, String> orders, Map<AccountKind, Long> program,
                List<Event> events) {
            this.members = members;
            this.lots = lots;
            this.holds = holds;
            this.redemptions = redemptions;
            this.entries = entries;
            this.outcomes = outcomes;
            this.orders = orders;
            this.program = program;
            this.events = events;
        }

        State copy() {
            return new State(new HashMap<>(members), new HashMap<>(lots), new HashMap<>(holds),
                    new HashMap<>(redemptions), new HashMap<>(entries), new HashMap<>(outcomes), new HashMap<>(orders),
                    new EnumMap<>(program), new ArrayList<>(events));
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final int failEvery;
    private final AtomicInteger transactions = new AtomicInteger();
    private volatile State committed = new State();
    /** Lot rows handed to the ledger, by lock and by the lazy loader. */
    final java.util.concurrent.atomic.AtomicLong lotsRead = new java.util.concurrent.atomic.AtomicLong();

    MapLedgerStorage(int failEvery) {
        this.failEvery = failEvery;
    }

    /** The committed outbox, in commit order. */
    List<Event> events() {
        return List.copyOf(committed.events);
    }

    @Override
    public <T> T transaction(String operation, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            lock.lock();
            try {
                State staged = committed.copy();
                T result = work.run(new Session(staged, lotsRead));
                if (failEvery > 0 && transactions.incrementAndGet() % failEvery == 0 && attempt < 5) {
                    continue; // an injected transient failure: the staged copy is dropped, the work reruns
                }
                committed = staged;
                return result;
            } finally {
                lock.unlock();
            }
        }
    }

    private static final class Session implements LedgerStorage.Session {
        private final State s;
        private final java.util.concurrent.atomic.AtomicLong lotsRead;

        Session(State s, java.util.concurrent.atomic.AtomicLong lotsRead) {
            this.s = s;
            this.lotsRead = lotsRead;
        }

        @Override
        public Locked lock(LockRequest request) {
            for (Member m : request.create()) {
                s.members.putIfAbsent(m.member(), m);
            }
            Map<IdempotencyKey, MemberId> owners = new HashMap<>();
            for (IdempotencyKey ref : request.references()) {
                Outcome o = s.outcomes.get(ref);
                if (o != null && !o.failed() && o.owner().isPresent()) {
                    owners.put(ref, root(o.owner().get()));
                }
            }
            Set<MemberId> locked = new TreeSet<>(Comparator.comparing(MemberId::value));
            locked.addAll(request.members());
            locked.addAll(owners.values());
            List<Member> members = new ArrayList<>();
            Map<IdempotencyKey, Lot> lots = new LinkedHashMap<>();
            Map<MemberId, Lot> more = new HashMap<>();
            List<Hold> holds = new ArrayList<>();
            Map<IdempotencyKey, Redemption> redemptions = new LinkedHashMap<>();
            for (MemberId id : locked) {
                Member m = s.members.get(id);
                if (m == null) {
                    continue;
                }
                members.add(m);
                boolean full = request.full().contains(id);
                List<Lot> own = s.lots.values().stream().filter(l -> l.member().equals(id)).toList();
                List<Lot> active = own.stream().filter(l -> l.remaining() > 0 && !l.pending()).sorted(CONSUMPTION)
                        .toList();
                if (full || m.dormantAt() <= request.now()) {
                    (full ? own : active).forEach(l -> lots.put(l.id(), l));
                } else {
                    if (!active.isEmpty()) {
                        lots.put(active.get(0).id(), active.get(0));
                        if (active.size() > 1) {
                            more.put(id, active.get(0));
                        }
                    }
                    for (Lot l : own) {
                        boolean due = l.remaining() > 0 && (l.pending() ? l.availableAt() <= request.now()
                                : l.expiresAt() <= request.now());
                        boolean rollsOff = l.qualifying() > 0 && l.earnedAt() <= request.windowStart();
                        boolean pendingDue = l.pending() && l.availableAt() <= request.now();
                        if (due || rollsOff || pendingDue || request.references().contains(l.id())) {
                            lots.put(l.id(), l);
                        }
                    }
                }
                for (Hold h : s.holds.values()) {
                    if (h.member().equals(id)) {
                        holds.add(h);
                        h.taken().forEach(t -> lots.put(t.lot(), s.lots.get(t.lot())));
                    }
                }
                for (Redemption r : s.redemptions.values()) {
                    if (r.member().equals(id) && (full || request.references().contains(r.id()))) {
                        redemptions.put(r.id(), r);
                        r.taken().forEach(t -> lots.put(t.lot(), s.lots.get(t.lot())));
                    }
                }
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (IdempotencyKey id : request.idempotency()) {
                Optional.ofNullable(s.outcomes.get(id)).ifPresent(outcomes::add);
            }
            Map<OrderId, String> orders = new HashMap<>();
            for (OrderId o : request.orders()) {
                Optional.ofNullable(s.orders.get(o)).ifPresent(e -> orders.put(o, e));
            }
            lotsRead.addAndGet(lots.size());
            return new Locked(members, owners, new ArrayList<>(lots.values()), more, holds,
                    new ArrayList<>(redemptions.values()), outcomes, orders);
        }

        private MemberId root(MemberId member) {
            MemberId at = member;
            while (s.members.containsKey(at) && s.members.get(at).mergedInto().isPresent()) {
                at = s.members.get(at).mergedInto().get();
            }
            return at;
        }

        @Override
        public List<Lot> lotsAfter(MemberId member, Lot after, int limit) {
            List<Lot> next = s.lots.values().stream()
                    .filter(l -> l.member().equals(member) && l.remaining() > 0 && !l.pending()
                            && CONSUMPTION.compare(l, after) > 0)
                    .sorted(CONSUMPTION).limit(limit).toList();
            lotsRead.addAndGet(next.size());
            return next;
        }

        @Override
        public void write(LedgerRows rows) {
            rows.members().forEach(m -> s.members.put(m.member(), m));
            rows.lots().forEach(l -> s.lots.put(l.id(), l));
            rows.holds().forEach(h -> s.holds.put(h.id(), h));
            rows.settledHolds().forEach(s.holds::remove);
            rows.redemptions().forEach(r -> s.redemptions.put(r.id(), r));
            for (Entry e : rows.entries()) {
                List<Entry> list = new ArrayList<>(s.entries.getOrDefault(e.member(), List.of()));
                if (list.size() != e.seq()) {
                    throw new IllegalStateException("entry " + e.seq() + " of " + e.member() + " after " + list.size());
                }
                list.add(e);
                s.entries.put(e.member(), list);
            }
            for (Outcome o : rows.outcomes()) {
                if (s.outcomes.putIfAbsent(o.id(), o) != null) {
                    throw new IllegalStateException("transaction id " + o.id() + " recorded twice");
                }
            }
            s.orders.putAll(rows.orders());
            rows.program().forEach((k, v) -> s.program.merge(k, v, Long::sum));
            rows.merged().forEach((source, target) -> {
                s.lots.replaceAll((id, l) -> l.member().equals(source) ? new Lot(target, l.id(), l.seq(),
                        l.consumeKey(), l.points(), l.remaining(), l.earnedAt(), l.availableAt(), l.expiresAt(),
                        l.pending(), l.amount(), l.reversed(), l.qualifying()) : l);
                s.redemptions.replaceAll((id, r) -> r.member().equals(source)
                        ? new Redemption(target, r.id(), r.points(), r.cancelled(), r.taken()) : r);
            });
            s.events.addAll(rows.events());
        }

        @Override
        public List<Entry> entries(MemberId member, long from, int limit) {
            List<Entry> all = s.entries.getOrDefault(member, List.of());
            int start = (int) Math.min(from, all.size());
            return List.copyOf(all.subList(start, Math.min(all.size(), start + limit)));
        }

        @Override
        public Optional<Entry> entryAsOf(MemberId member, long at) {
            Entry found = null;
            for (Entry e : s.entries.getOrDefault(member, List.of())) {
                if (e.at() <= at) {
                    found = e;
                }
            }
            return Optional.ofNullable(found);
        }

        @Override
        public long programBalance(AccountKind account) {
            return s.program.getOrDefault(account, 0L);
        }

        @Override
        public List<MemberId> dueMembers(long now, int limit) {
            Set<MemberId> due = new TreeSet<>(Comparator.comparing(MemberId::value));
            for (Member m : s.members.values()) {
                if (m.mergedInto().isEmpty() && (m.reviewAt() <= now || m.dormantAt() <= now)) {
                    due.add(m.member());
                }
            }
            for (Lot l : s.lots.values()) {
                if (l.remaining() > 0 && (l.pending() ? l.availableAt() : l.expiresAt()) <= now) {
                    due.add(l.member());
                }
            }
            for (Hold h : s.holds.values()) {
                if (h.expiresAt() <= now) {
                    due.add(h.member());
                }
            }
            return due.stream().limit(limit).toList();
        }
    }
}

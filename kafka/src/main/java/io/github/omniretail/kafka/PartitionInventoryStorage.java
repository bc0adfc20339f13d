package io.github.omniretail.kafka;

import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.inventory.spi.InventoryStorage;
import io.github.omniretail.inventory.spi.LockRequest;
import io.github.omniretail.inventory.spi.Locked;
import io.github.omniretail.inventory.spi.StoredCatalogue;
import io.github.omniretail.inventory.spi.StoredHold;
import io.github.omniretail.inventory.spi.StoredOutcome;
import io.github.omniretail.inventory.spi.StoredRows;
import io.github.omniretail.inventory.spi.StoredSku;
import io.github.omniretail.inventory.spi.StoredTransfer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One partition's inventory rows in memory, for the partition's single writer: an {@link InventoryStorage} whose
 * transactions apply at once (one writer, so no locks are needed) and whose committed changes are captured, so the
 * owner can put them in the partition's compacted changelog inside the same Kafka transaction as the replies, events
 * and consumed offsets ({@link #takeChanges}), and a new owner can rebuild the state from that changelog
 * ({@link #restore}). Thread-safe: every transaction runs under one lock.
 */
final class PartitionInventoryStorage implements InventoryStorage {

    private final ReentrantLock lock = new ReentrantLock();
    private StoredCatalogue catalogue = new StoredCatalogue(0, List.of(), List.of(), Map.of(), Map.of());
    private final TreeMap<Sku, StoredSku> skus = new TreeMap<>();
    private final Map<Long, StoredHold> holds = new HashMap<>();
    /** HELD holds by expiry, then id: the due ones are a head set. */
    private final java.util.TreeSet<StoredHold> held = new java.util.TreeSet<>(
            java.util.Comparator.comparing(StoredHold::expiresAt).thenComparingLong(StoredHold::id));
    private final Map<Long, StoredTransfer> transfers = new HashMap<>();
    private final Map<String, StoredOutcome> outcomes = new HashMap<>();
    private final Map<String, Long> sequences = new HashMap<>();

    /** What was committed since the last {@link #takeChanges}: the rows to write to the changelog. */
    private Changes pending = Changes.none();

    /** Added to every id this partition assigns, so an id names its partition ({@link #partitionOf}). */
    private final long idBase;

    /** Storage whose hold and transfer ids start at 1 (a single partition, or tests). */
    PartitionInventoryStorage() {
        this(0);
    }

    /**
     * Storage of one partition: its hold and transfer ids are {@code partition << 40} plus a count, so any instance
     * routes a call about a hold or transfer to the partition that owns it.
     *
     * @param partition the partition, 0..4,194,303 (bit 62 of an id marks an order held across partitions)
     */
    PartitionInventoryStorage(int partition) {
        if (partition < 0 || partition >= (1 << 22)) {
            throw new IllegalArgumentException("partition must be 0..4194303, was " + partition);
        }
        this.idBase = (long) partition << ID_BITS;
    }

    /** Bits of an id that count within its partition. */
    static final int ID_BITS = 40;

    /**
     * @param id a hold or transfer id a partition assigned
     * @return the partition that assigned it
     */
    static int partitionOf(long id) {
        return (int) ((id & ~SplitHolds.SPLIT) >>> ID_BITS);
    }

    @Override
    public <T> T transaction(String operation, Work<T> work) {
        lock.lock();
        try {
            Staged staged = new Staged();
            T result = work.run(staged);
            staged.commit();
            return result;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The changes committed since the last call, and forgets them: what the owner writes to the changelog in its next
     * Kafka transaction. If that transaction aborts, the owner must rebuild from the changelog ({@link #restore}).
     *
     * @return the changes, possibly none
     */
    Changes takeChanges() {
        lock.lock();
        try {
            Changes c = pending;
            pending = Changes.none();
            return c;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Rebuilds state from a changelog read to its end: the latest image of every row, and the id sequences.
     *
     * @param changes the changes, oldest first
     */
    void restore(List<Changes> changes) {
        lock.lock();
        try {
            for (Changes c : changes) {
                c.catalogue().ifPresent(cat -> catalogue = cat);
                c.skus().forEach(r -> skus.put(r.sku(), copy(r)));
                for (StoredHold h : c.holds()) {
                    StoredHold before = holds.put(h.id(), h);
                    if (before != null) {
                        held.remove(before);
                    }
                    if (h.status() == HoldStatus.HELD) {
                        held.add(h);
                    }
                }
                c.transfers().forEach(t -> transfers.put(t.id(), t));
                c.outcomes().forEach(o -> outcomes.put(o.key(), o));
                c.removedOutcomes().forEach(outcomes::remove);
                for (long id : c.removedHolds()) {
                    StoredHold gone = holds.remove(id);
                    if (gone != null) {
                        held.remove(gone);
                    }
                }
                sequences.putAll(c.sequences());
            }
            pending = Changes.none();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long reserveIds(String sequence, int count) {
        lock.lock();
        try {
            long first = sequences.getOrDefault(sequence, idBase + 1);
            sequences.put(sequence, first + count);
            pending = pending.plus(Changes.sequence(sequence, first + count));
            return first;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "PartitionInventoryStorage";
    }

    /** One transaction: reads see the committed maps plus this transaction's own writes. */
    private final class Staged implements Session {
        private StoredCatalogue newCatalogue;
        private final Map<Sku, StoredSku> newSkus = new HashMap<>();
        private final Map<Long, StoredHold> newHolds = new HashMap<>();
        private final Map<Long, StoredTransfer> newTransfers = new HashMap<>();
        private final Map<String, StoredOutcome> newOutcomes = new HashMap<>();
        private final List<io.github.omniretail.inventory.spi.StoredEvent> newEvents = new ArrayList<>();

        private StoredSku sku(Sku sku) {
            StoredSku s = newSkus.get(sku);
            return s != null ? s : skus.get(sku);
        }

        private StoredHold hold(long id) {
            StoredHold h = newHolds.get(id);
            return h != null ? h : holds.get(id);
        }

        private StoredTransfer transfer(long id) {
            StoredTransfer t = newTransfers.get(id);
            return t != null ? t : transfers.get(id);
        }

        private StoredCatalogue catalogue() {
            return newCatalogue != null ? newCatalogue : catalogue;
        }

        @Override
        public StoredCatalogue lockCatalogue() {
            return catalogue();
        }

        @Override
        public StoredCatalogue readCatalogue() {
            return catalogue();
        }

        @Override
        public void writeCatalogue(StoredCatalogue next) {
            newCatalogue = new StoredCatalogue(catalogue().version() + 1, next.nodes(), next.pools(), next.rules(),
                    next.kits());
        }

        @Override
        public Locked lock(LockRequest request) {
            for (Sku s : request.create()) {
                if (sku(s) == null) {
                    newSkus.put(s, new StoredSku(s, new int[0], Optional.empty()));
                }
            }
            Set<Sku> locked = new HashSet<>(request.skus());
            Map<Long, StoredHold> found = new HashMap<>();
            for (long id : request.holds()) {
                StoredHold h = hold(id);
                if (h != null) {
                    found.put(id, h);
                    locked.addAll(h.skus());
                }
            }
            Map<Long, StoredTransfer> foundTransfers = new HashMap<>();
            for (long id : request.transfers()) {
                StoredTransfer t = transfer(id);
                if (t != null) {
                    foundTransfers.put(id, t);
                    locked.add(t.sku());
                }
            }
            boolean grew = true;
            while (grew) {
                grew = false;
                for (StoredHold h : dueHolds(request.now())) {
                    if (h.status() == HoldStatus.HELD && !h.expiresAt().isAfter(request.now())
                            && h.skus().stream().anyMatch(locked::contains) && !found.containsKey(h.id())) {
                        found.put(h.id(), h);
                        grew |= locked.addAll(h.skus());
                    }
                }
            }
            Map<Sku, StoredSku> rows = new HashMap<>();
            for (Sku s : locked) {
                StoredSku row = sku(s);
                if (row != null) {
                    rows.put(s, copy(row));
                }
            }
            Map<String, StoredOutcome> known = new HashMap<>();
            for (String key : request.keys()) {
                StoredOutcome o = newOutcomes.getOrDefault(key, outcomes.get(key));
                if (o != null) {
                    known.put(key, o);
                }
            }
            return new Locked(catalogue().version(), rows, found, foundTransfers, known);
        }

        /** Holds HELD and due at {@code now}, as this transaction sees them. */
        private List<StoredHold> dueHolds(Instant now) {
            List<StoredHold> due = new ArrayList<>();
            for (StoredHold h : held) {
                if (h.expiresAt().isAfter(now)) {
                    break;
                }
                if (!newHolds.containsKey(h.id())) {
                    due.add(h);
                }
            }
            for (StoredHold h : newHolds.values()) {
                if (h.status() == HoldStatus.HELD && !h.expiresAt().isAfter(now)) {
                    due.add(h);
                }
            }
            return due;
        }

        private List<StoredHold> allHolds() {
            Map<Long, StoredHold> all = new HashMap<>(holds);
            all.putAll(newHolds);
            return new ArrayList<>(all.values());
        }

        @Override
        public Locked lockAll(boolean idempotency) {
            Map<Sku, StoredSku> rows = new HashMap<>();
            skus.forEach((k, v) -> rows.put(k, copy(v)));
            newSkus.forEach((k, v) -> rows.put(k, copy(v)));
            Map<Long, StoredHold> all = new HashMap<>();
            allHolds().forEach(h -> all.put(h.id(), h));
            Map<Long, StoredTransfer> allTransfers = new HashMap<>(transfers);
            allTransfers.putAll(newTransfers);
            Map<String, StoredOutcome> known = new HashMap<>();
            if (idempotency) {
                known.putAll(outcomes);
                known.putAll(newOutcomes);
            }
            return new Locked(catalogue().version(), rows, all, allTransfers, known);
        }

        @Override
        public void write(StoredRows rows) {
            for (StoredSku s : rows.skus()) {
                if (sku(s.sku()) == null) {
                    throw new IllegalStateException("SKU " + s.sku() + " was written without a row");
                }
                newSkus.put(s.sku(), copy(s));
            }
            rows.holds().forEach(h -> newHolds.put(h.id(), h));
            rows.transfers().forEach(t -> newTransfers.put(t.id(), t));
            for (StoredOutcome o : rows.outcomes()) {
                if (outcomes.containsKey(o.key()) || newOutcomes.containsKey(o.key())) {
                    throw new IllegalStateException("idempotency key " + o.key() + " written twice");
                }
                newOutcomes.put(o.key(), o);
            }
            newEvents.addAll(rows.events());
        }

        @Override
        public long prune(Instant idempotencyBefore, Instant finalHoldsBefore) {
            List<String> keys = new ArrayList<>();
            outcomes.values().stream().filter(o -> o.recordedAt().isBefore(idempotencyBefore))
                    .forEach(o -> keys.add(o.key()));
            List<Long> ids = new ArrayList<>();
            holds.values().stream().filter(h -> !h.open() && h.finalisedAt().isPresent()
                    && h.finalisedAt().get().isBefore(finalHoldsBefore) && h.status() != HoldStatus.HELD)
                    .forEach(h -> ids.add(h.id()));
            keys.forEach(outcomes::remove);
            ids.forEach(holds::remove);
            pending = pending.plus(Changes.removed(keys, ids));
            return keys.size() + ids.size();
        }

        @Override
        public List<Sku> dueSkus(Instant now, int limit) {
            Set<Sku> due = new java.util.TreeSet<>();
            for (StoredHold h : dueHolds(now)) {
                if (h.status() == HoldStatus.HELD && !h.expiresAt().isAfter(now)) {
                    due.addAll(h.skus());
                }
            }
            return due.stream().limit(limit).toList();
        }

        @Override
        public List<Sku> lotSkus(Sku after, int limit) {
            return (after == null ? skus : skus.tailMap(after, false)).values().stream()
                    .filter(row -> row.detail().map(d -> d.contains("\"lots\"")).orElse(false))
                    .map(StoredSku::sku).limit(limit).toList();
        }

        void commit() {
            pending = pending.plus(new Changes(Optional.ofNullable(newCatalogue), List.copyOf(newSkus.values()),
                    List.copyOf(newHolds.values()), List.copyOf(newTransfers.values()),
                    List.copyOf(newOutcomes.values()), List.copyOf(newEvents), List.of(), List.of(), Map.of()));
            if (newCatalogue != null) {
                catalogue = newCatalogue;
            }
            skus.putAll(newSkus);
            for (StoredHold h : newHolds.values()) {
                StoredHold before = holds.put(h.id(), h);
                if (before != null) {
                    held.remove(before);
                }
                if (h.status() == HoldStatus.HELD) {
                    held.add(h);
                }
            }
            transfers.putAll(newTransfers);
            outcomes.putAll(newOutcomes);
        }
    }

    private static StoredSku copy(StoredSku s) {
        return new StoredSku(s.sku(), s.positions().clone(), s.detail());
    }
}

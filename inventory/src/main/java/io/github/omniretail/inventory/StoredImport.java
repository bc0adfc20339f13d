package io.github.omniretail.inventory;

import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.event.EventSink;
import io.github.omniretail.inventory.StockRules.PoolDef;
import io.github.omniretail.inventory.spi.InventoryStorage;
import io.github.omniretail.inventory.spi.LockRequest;
import io.github.omniretail.inventory.spi.Locked;
import io.github.omniretail.inventory.spi.StoredCatalogue;
import io.github.omniretail.inventory.spi.StoredHold;
import io.github.omniretail.inventory.spi.StoredOutcome;
import io.github.omniretail.inventory.spi.StoredRows;
import io.github.omniretail.inventory.spi.StoredSku;
import io.github.omniretail.inventory.spi.StoredTransfer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Snapshots of a stored inventory and restores into one. A snapshot locks the catalogue exclusively and every SKU
 * row, so it is one consistent cut across instances. A restore goes through the in-memory engine, which derives
 * every held count, rule counter and pool demand from the snapshot's holds, and writes its state as rows. Stateless.
 */
final class StoredImport {

    private StoredImport() {
    }

    /** A consistent snapshot of everything stored, with due holds expired first (and that expiry written). */
    static InventorySnapshot snapshot(InventoryStorage storage, long now) {
        return storage.transaction("snapshot", session -> {
            Catalogue cat = Catalogue.of(session.lockCatalogue());
            Locked all = session.lockAll(true);
            StoredState st = new StoredState(cat.stock(), now, all);
            List<StockEvent> expired = new ArrayList<>();
            st.expireDue(expired);
            StoredRows changes = st.changes(expired);
            if (!changes.isEmpty()) {
                session.write(changes);
            }
            StockRules stock = cat.stock();
            Map<PoolId, Set<NodeId>> pools = new HashMap<>();
            for (PoolDef def : stock.poolsByIndex) {
                Set<NodeId> members = new HashSet<>();
                for (int n : def.nodes()) {
                    members.add(stock.nodes[n]);
                }
                pools.put(def.id(), members);
            }
            Map<NodeId, List<ChannelRule>> rules = new HashMap<>();
            for (int n = 0; n < stock.nodes.length; n++) {
                if (stock.rules[n].length > 0) {
                    rules.put(stock.nodes[n], List.of(stock.rules[n]));
                }
            }
            List<InventorySnapshot.PositionState> positions = new ArrayList<>();
            for (SkuState s : st.skus()) {
                for (int slot = 0; slot < s.size; slot++) {
                    positions.add(stock.positionState(s, slot));
                }
            }
            List<Hold> holds = new ArrayList<>();
            long lastHold = 0;
            for (HoldState h : st.holds()) {
                holds.add(stock.view(h, now));
                lastHold = Math.max(lastHold, h.id);
            }
            holds.sort(Comparator.comparing(Hold::id));
            List<Transfer> transfers = new ArrayList<>();
            long lastTransfer = 0;
            for (TransferState t : st.transfers()) {
                transfers.add(stock.view(t));
                lastTransfer = Math.max(lastTransfer, t.id);
            }
            transfers.sort(Comparator.comparing(t -> t.id().value()));
            List<InventorySnapshot.IdempotencyEntry> entries = new ArrayList<>();
            for (StoredOutcome o : all.outcomes().values()) {
                entries.add(new InventorySnapshot.IdempotencyEntry(o.key(), o.request(),
                        o.failed() ? InventoryJson.failure(o.outcome()) : InventoryJson.outcome(o.outcome()),
                        o.recordedAt()));
            }
            entries.sort(Comparator.comparing(InventorySnapshot.IdempotencyEntry::recordedAt)
                    .thenComparing(InventorySnapshot.IdempotencyEntry::key));
            Set<Sku> skus = new HashSet<>(all.skus().keySet());
            skus.removeAll(stock.kits.keySet()); // an empty row an instance with a stale catalogue made
            return new InventorySnapshot(Instant.ofEpochMilli(now), skus, Set.copyOf(cat.nodes().keySet()), pools,
                    rules, positions, holds, transfers, entries, lastHold + 1, lastTransfer + 1, stock.kits.values()
                            .stream().sorted(Comparator.comparing(Kit::sku)).toList(),
                    StockRules.backorderLimits(st.skus()));
        });
    }

    /**
     * Writes a snapshot into an empty storage.
     *
     * @throws IllegalStateException if the storage already has nodes or SKUs
     */
    static void into(InventoryStorage storage, InventorySnapshot snapshot, Clock clock) {
        MemoryInventoryEngine mem = new MemoryInventoryEngine(Clock.fixed(clock.instant(), ZoneOffset.UTC),
                EventSink.none(), false, Duration.ofDays(365_000), Duration.ofDays(365_000), true);
        mem.restore(snapshot);
        StockRules stock = mem.stock;
        List<NodeId> nodes = List.of(stock.nodes);
        List<Map.Entry<PoolId, Set<NodeId>>> pools = new ArrayList<>();
        for (PoolDef def : stock.poolsByIndex) {
            Set<NodeId> members = new HashSet<>();
            for (int n : def.nodes()) {
                members.add(stock.nodes[n]);
            }
            pools.add(Map.entry(def.id(), members));
        }
        Map<NodeId, String> rules = new HashMap<>();
        for (int n = 0; n < stock.nodes.length; n++) {
            if (stock.rules[n].length > 0) {
                rules.put(stock.nodes[n], InventoryJson.rules(List.of(stock.rules[n])));
            }
        }
        List<StoredSku> skus = new ArrayList<>();
        mem.skus.values().forEach(s -> skus.add(StoredState.write(s)));
        List<StoredHold> holds = new ArrayList<>();
        mem.holds.forEach(h -> holds.add(StoredState.write(h)));
        List<StoredTransfer> transfers = new ArrayList<>();
        mem.transfers.values().forEach(t -> transfers.add(StoredState.write(t)));
        List<StoredOutcome> outcomes = new ArrayList<>();
        for (InventorySnapshot.IdempotencyEntry e : snapshot.idempotency()) {
            boolean failed = e.outcome() instanceof RuntimeException;
            String json = failed ? InventoryJson.failure((RuntimeException) e.outcome())
                    : InventoryJson.outcome(e.outcome());
            if (json != null) {
                outcomes.add(new StoredOutcome(e.key(), String.valueOf(e.request()), failed, json, e.recordedAt()));
            }
        }
        Set<Sku> names = new HashSet<>(mem.skus.keySet());
        // ids first: new holds and transfers must number above the snapshot's even if the restore is interrupted
        storage.reserveIds("hold", (int) Math.min(Integer.MAX_VALUE, Math.max(1, snapshot.nextHoldId())));
        storage.reserveIds("transfer", (int) Math.min(Integer.MAX_VALUE, Math.max(1, snapshot.nextTransferId())));
        storage.transaction("restore", session -> {
            StoredCatalogue c = session.lockCatalogue();
            if (!c.nodes().isEmpty() || !session.lockAll(false).skus().isEmpty()) {
                throw new IllegalStateException("a snapshot is restored only into an empty store; this one has "
                        + c.nodes().size() + " nodes");
            }
            Map<Sku, Map<Sku, Integer>> kits = new HashMap<>();
            stock.kits.forEach((sku, kit) -> kits.put(sku, kit.components()));
            session.writeCatalogue(new StoredCatalogue(c.version() + 1, nodes, pools, rules, kits));
            session.lock(new LockRequest(names, names, Set.of(), Set.of(), Set.of(), Instant.ofEpochMilli(0)));
            session.write(new StoredRows(skus, holds, transfers, outcomes, List.of()));
            return null;
        });
    }
}

package io.github.omniretail.inventory;

import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A consistent copy of an inventory engine's whole state: catalogue, positions, rules, holds, transfers and the
 * idempotency record. Held units are not stored: they follow from the open holds. Immutable.
 *
 * @param takenAt non-null instant the snapshot was taken (engine clock)
 * @param skus non-null known SKUs
 * @param nodes non-null known nodes
 * @param pools non-null pool definitions
 * @param rules non-null channel rules by node
 * @param positions non-null positions that were ever touched
 * @param holds non-null holds still remembered (open and, within their retention, final)
 * @param transfers non-null transfers
 * @param idempotency non-null remembered idempotency keys with their requests and outcomes
 * @param nextHoldId the next hold number to assign
 * @param nextTransferId the next transfer number to assign
 * @param kits non-null virtual kits defined
 * @param backorderLimits non-null backorder limits per SKU and channel (see
 *     {@link InventoryEngine#setBackorderLimit})
 */
public record InventorySnapshot(Instant takenAt, Set<Sku> skus, Set<NodeId> nodes, Map<PoolId, Set<NodeId>> pools,
        Map<NodeId, List<ChannelRule>> rules, List<PositionState> positions, List<Hold> holds,
        List<Transfer> transfers, List<IdempotencyEntry> idempotency, long nextHoldId, long nextTransferId,
        List<Kit> kits, Map<Sku, Map<io.github.omniretail.core.ChannelId, Integer>> backorderLimits) {

    /**
     * Copies every collection.
     *
     * @param takenAt non-null instant the snapshot was taken (engine clock)
     * @param skus non-null known SKUs
     * @param nodes non-null known nodes
     * @param pools non-null pool definitions
     * @param rules non-null channel rules by node
     * @param positions non-null positions that were ever touched
     * @param holds non-null holds still remembered (open and, within their retention, final)
     * @param transfers non-null transfers
     * @param idempotency non-null remembered idempotency keys with their requests and outcomes
     * @param nextHoldId the next hold number to assign
     * @param nextTransferId the next transfer number to assign
     * @param kits non-null virtual kits defined
     * @param backorderLimits non-null backorder limits per SKU and channel (copied)
     */
    public InventorySnapshot {
        kits = List.copyOf(kits);
        Map<Sku, Map<io.github.omniretail.core.ChannelId, Integer>> limits = new java.util.HashMap<>();
        backorderLimits.forEach((sku, byChannel) -> limits.put(sku, Map.copyOf(byChannel)));
        backorderLimits = Map.copyOf(limits);
        Objects.requireNonNull(takenAt, "takenAt");
        skus = Set.copyOf(skus);
        nodes = Set.copyOf(nodes);
        pools = Map.copyOf(pools);
        rules = Map.copyOf(rules);
        positions = List.copyOf(positions);
        holds = List.copyOf(holds);
        transfers = List.copyOf(transfers);
        idempotency = List.copyOf(idempotency);
    }

    /**
     * A snapshot without backorder limits.
     *
     * @param takenAt non-null instant the snapshot was taken (engine clock)
     * @param skus non-null known SKUs
     * @param nodes non-null known nodes
     * @param pools non-null pool definitions
     * @param rules non-null channel rules by node
     * @param positions non-null positions that were ever touched
     * @param holds non-null holds still remembered
     * @param transfers non-null transfers
     * @param idempotency non-null remembered idempotency keys
     * @param nextHoldId the next hold number to assign
     * @param nextTransferId the next transfer number to assign
     * @param kits non-null virtual kits defined
     */
    public InventorySnapshot(Instant takenAt, Set<Sku> skus, Set<NodeId> nodes, Map<PoolId, Set<NodeId>> pools,
            Map<NodeId, List<ChannelRule>> rules, List<PositionState> positions, List<Hold> holds,
            List<Transfer> transfers, List<IdempotencyEntry> idempotency, long nextHoldId, long nextTransferId,
            List<Kit> kits) {
        this(takenAt, skus, nodes, pools, rules, positions, holds, transfers, idempotency, nextHoldId,
                nextTransferId, kits, Map.of());
    }

    /**
     * A snapshot without kits (from an engine or a store that has none).
     *
     * @param takenAt non-null instant the snapshot was taken (engine clock)
     * @param skus non-null known SKUs
     * @param nodes non-null known nodes
     * @param pools non-null pool definitions
     * @param rules non-null channel rules by node
     * @param positions non-null positions that were ever touched
     * @param holds non-null holds still remembered
     * @param transfers non-null transfers
     * @param idempotency non-null remembered idempotency keys
     * @param nextHoldId the next hold number to assign
     * @param nextTransferId the next transfer number to assign
     */
    public InventorySnapshot(Instant takenAt, Set<Sku> skus, Set<NodeId> nodes, Map<PoolId, Set<NodeId>> pools,
            Map<NodeId, List<ChannelRule>> rules, List<PositionState> positions, List<Hold> holds,
            List<Transfer> transfers, List<IdempotencyEntry> idempotency, long nextHoldId, long nextTransferId) {
        this(takenAt, skus, nodes, pools, rules, positions, holds, transfers, idempotency, nextHoldId,
                nextTransferId, List.of());
    }

    /**
     * The stored part of one position.
     *
     * @param sku non-null SKU
     * @param node non-null node
     * @param onHand on-hand units
     * @param safetyPolicy non-null safety-stock policy
     * @param safetyStock the safety stock in force
     * @param dailySales non-null recorded daily sales (copied)
     * @param reorderPoint reorder point, 0 if none
     * @param hysteresis recovery hysteresis
     * @param lowStock whether the position is signalled low
     * @param quarantined returned units in quarantine at the position, {@code >= 0}
     * @param lots non-null lots at the position, first to expire first (their held units follow from the holds)
     * @param receipts non-null receipts expected at the position, by ETA then id
     * @param waiting non-null pre-sale units waiting at the position, in the order they will be served
     */
    public record PositionState(Sku sku, NodeId node, int onHand, SafetyStockPolicy safetyPolicy, int safetyStock,
            SortedMap<LocalDate, Integer> dailySales, int reorderPoint, int hysteresis, boolean lowStock,
            int quarantined, List<LotPosition> lots, List<ExpectedReceipt> receipts, List<WaitingState> waiting) {

        /**
         * A position without lots, receipts or waiting units.
         *
         * @param sku non-null SKU
         * @param node non-null node
         * @param onHand on-hand units
         * @param safetyPolicy non-null safety-stock policy
         * @param safetyStock the safety stock in force
         * @param dailySales non-null recorded daily sales (copied)
         * @param reorderPoint reorder point, 0 if none
         * @param hysteresis recovery hysteresis
         * @param lowStock whether the position is signalled low
         * @param quarantined returned units in quarantine, {@code >= 0}
         */
        public PositionState(Sku sku, NodeId node, int onHand, SafetyStockPolicy safetyPolicy, int safetyStock,
                SortedMap<LocalDate, Integer> dailySales, int reorderPoint, int hysteresis, boolean lowStock,
                int quarantined) {
            this(sku, node, onHand, safetyPolicy, safetyStock, dailySales, reorderPoint, hysteresis, lowStock,
                    quarantined, List.of(), List.of(), List.of());
        }

        /**
         * A position without units in quarantine.
         *
         * @param sku non-null SKU
         * @param node non-null node
         * @param onHand on-hand units
         * @param safetyPolicy non-null safety-stock policy
         * @param safetyStock the safety stock in force
         * @param dailySales non-null recorded daily sales (copied)
         * @param reorderPoint reorder point, 0 if none
         * @param hysteresis recovery hysteresis
         * @param lowStock whether the position is signalled low
         */
        public PositionState(Sku sku, NodeId node, int onHand, SafetyStockPolicy safetyPolicy, int safetyStock,
                SortedMap<LocalDate, Integer> dailySales, int reorderPoint, int hysteresis, boolean lowStock) {
            this(sku, node, onHand, safetyPolicy, safetyStock, dailySales, reorderPoint, hysteresis, lowStock, 0);
        }

        /**
         * Copies the sales.
         *
         * @param sku non-null SKU
         * @param node non-null node
         * @param onHand on-hand units
         * @param safetyPolicy non-null safety-stock policy
         * @param safetyStock the safety stock in force
         * @param dailySales non-null recorded daily sales (copied)
         * @param reorderPoint reorder point, 0 if none
         * @param hysteresis recovery hysteresis
         * @param lowStock whether the position is signalled low
         * @param quarantined returned units in quarantine, {@code >= 0}
         * @param lots non-null lots (copied)
         * @param receipts non-null expected receipts (copied)
         * @param waiting non-null waiting units in queue order (copied)
         */
        public PositionState {
            lots = List.copyOf(lots);
            receipts = List.copyOf(receipts);
            waiting = List.copyOf(waiting);
            if (quarantined < 0) {
                throw new IllegalArgumentException("quarantined units of " + sku + " at " + node + " must be >= 0, was "
                        + quarantined);
            }
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(safetyPolicy, "safetyPolicy");
            dailySales = new TreeMap<>(dailySales);
        }
    }

    /**
     * Units of one pre-sale hold line waiting at a position.
     *
     * @param hold non-null hold
     * @param line the hold's line, counting a kit line's components one by one in the kit's component order
     * @param channel non-null channel the hold was placed by
     * @param latestPromise the hold's latest acceptable promise; empty for an open-ended pre-sale
     * @param units units waiting, {@code > 0}
     */
    public record WaitingState(HoldId hold, int line, io.github.omniretail.core.Channel channel,
            java.util.Optional<Instant> latestPromise, int units) {

        /** Checks for nulls and counts. */
        public WaitingState {
            Objects.requireNonNull(hold, "hold");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(latestPromise, "latestPromise");
            if (line < 0 || units <= 0) {
                throw new IllegalArgumentException("waiting units of " + hold + ": line " + line + ", units " + units);
            }
        }
    }

    /**
     * A remembered idempotency key.
     *
     * @param key non-null key
     * @param request non-null request it was first used with
     * @param outcome non-null result returned, or the exception thrown
     * @param recordedAt non-null instant it was first used
     */
    public record IdempotencyEntry(String key, Object request, Object outcome, Instant recordedAt) {

        /**
         * Checks for nulls.
         *
         * @param key non-null key
         * @param request non-null request it was first used with
         * @param outcome non-null result returned, or the exception thrown
         * @param recordedAt non-null instant it was first used
         */
        public IdempotencyEntry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(recordedAt, "recordedAt");
        }
    }
}

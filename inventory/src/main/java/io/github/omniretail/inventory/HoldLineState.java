package io.github.omniretail.inventory;

import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a {@link Hold} as it stands now.
 *
 * @param sku non-null SKU
 * @param node the node the units are held at; empty while a pool-level line is not yet pinned
 * @param pool the pool the line was requested against, if it was a pool-level line (kept after pinning)
 * @param quantity units requested, {@code > 0}
 * @param fulfilled units fulfilled so far (left the node)
 * @param released units released so far (returned to stock)
 * @param kit for a line of a {@link Kit}: its components' units per kit (the line's counts are whole kits, and
 *     every component is held, fulfilled and released with them); empty for an ordinary line. Non-null, copied
 * @param lots the lots the line's units come from, in the order it took them (units beyond these have no lot);
 *     empty where the position has no lots. Non-null, copied
 * @param waiting open units not yet in stock: a {@link Presale} line waiting for expected receipts ({@code 0} for
 *     an ordinary line; for a kit, the kits not yet complete). They cannot be fulfilled until they are allocated
 * @param promisedBy the ETA of the receipt that covers the waiting units; empty when nothing waits or when they
 *     are backordered beyond every known receipt
 */
public record HoldLineState(Sku sku, Optional<NodeId> node, Optional<PoolId> pool, int quantity, int fulfilled,
        int released, Map<Sku, Integer> kit, java.util.List<LotUnits> lots, int waiting,
        Optional<java.time.Instant> promisedBy) {

    /**
     * Validates the counts.
     *
     * @param sku non-null SKU
     * @param node the node the units are held at; empty while a pool-level line is not yet pinned
     * @param pool the pool the line was requested against, if it was a pool-level line (kept after pinning)
     * @param quantity units requested, {@code > 0}
     * @param fulfilled units fulfilled so far (left the node)
     * @param released units released so far (returned to stock)
     * @param kit the kit's components' units per kit, or empty
     * @param lots the lots the units come from, or empty
     * @param waiting open units not yet in stock, {@code 0..open}
     * @param promisedBy the promise date of the waiting units, if any wait and a receipt covers them
     */
    public HoldLineState {
        Objects.requireNonNull(sku, "sku");
        lots = java.util.List.copyOf(lots);
        kit = kit.isEmpty() ? Map.of() : kit instanceof Kit.Components shared ? shared
                : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(kit));
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(pool, "pool");
        if (quantity <= 0 || fulfilled < 0 || released < 0 || fulfilled + released > quantity) {
            throw new IllegalArgumentException("inconsistent hold line " + sku + ": quantity " + quantity
                    + ", fulfilled " + fulfilled + ", released " + released);
        }
        if (node.isEmpty() && pool.isEmpty()) {
            throw new IllegalArgumentException("hold line " + sku + " has neither node nor pool");
        }
        Objects.requireNonNull(promisedBy, "promisedBy");
        if (waiting < 0 || waiting > quantity - fulfilled - released || waiting == 0 && promisedBy.isPresent()) {
            throw new IllegalArgumentException("inconsistent hold line " + sku + ": " + waiting + " units waiting of "
                    + (quantity - fulfilled - released) + " open, promised by " + promisedBy);
        }
    }

    /**
     * A line with nothing waiting.
     *
     * @param sku non-null SKU
     * @param node the node, or empty while unpinned
     * @param pool the pool, if pool-level
     * @param quantity units requested, {@code > 0}
     * @param fulfilled units fulfilled so far
     * @param released units released so far
     * @param kit the kit's components' units per kit, or empty
     * @param lots the lots the units come from, or empty
     */
    public HoldLineState(Sku sku, Optional<NodeId> node, Optional<PoolId> pool, int quantity, int fulfilled,
            int released, Map<Sku, Integer> kit, java.util.List<LotUnits> lots) {
        this(sku, node, pool, quantity, fulfilled, released, kit, lots, 0, Optional.empty());
    }

    /**
     * A line without lots.
     *
     * @param sku non-null SKU
     * @param node the node, or empty while unpinned
     * @param pool the pool, if pool-level
     * @param quantity units requested, {@code > 0}
     * @param fulfilled units fulfilled so far
     * @param released units released so far
     * @param kit the kit's components' units per kit, or empty
     */
    public HoldLineState(Sku sku, Optional<NodeId> node, Optional<PoolId> pool, int quantity, int fulfilled,
            int released, Map<Sku, Integer> kit) {
        this(sku, node, pool, quantity, fulfilled, released, kit, java.util.List.of());
    }

    /**
     * An ordinary line (not a kit).
     *
     * @param sku non-null SKU
     * @param node the node, or empty while unpinned
     * @param pool the pool, if pool-level
     * @param quantity units requested, {@code > 0}
     * @param fulfilled units fulfilled so far
     * @param released units released so far
     */
    public HoldLineState(Sku sku, Optional<NodeId> node, Optional<PoolId> pool, int quantity, int fulfilled,
            int released) {
        this(sku, node, pool, quantity, fulfilled, released, Map.of());
    }

    /** @return true for a line of a {@link Kit} */
    public boolean isKit() {
        return !kit.isEmpty();
    }

    /** @return units still held: {@code quantity − fulfilled − released} */
    public int open() {
        return quantity - fulfilled - released;
    }

    /** @return open units in stock now, which may be fulfilled once the hold is confirmed */
    public int allocated() {
        return open() - waiting;
    }

    /** @return true if the line is pool-level and not yet pinned to a node */
    public boolean unpinned() {
        return node.isEmpty();
    }
}

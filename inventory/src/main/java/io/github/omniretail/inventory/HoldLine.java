package io.github.omniretail.inventory;

import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a hold request: a quantity of a SKU, either at a specific node or against a stock pool (the node
 * is chosen later with {@link InventoryEngine#pin}).
 *
 * @param sku non-null SKU
 * @param node the node holding the stock; exactly one of {@code node} and {@code pool} is present
 * @param pool the pool the stock may come from; exactly one of {@code node} and {@code pool} is present
 * @param quantity units, {@code > 0}
 * @param order which lots the line takes first where the position has lots ({@link LotOrder#FEFO} by default)
 * @param lot the one lot the line must take, if named: only on a line at a node
 */
public record HoldLine(Sku sku, Optional<NodeId> node, Optional<PoolId> pool, int quantity, LotOrder order,
        Optional<String> lot) {

    /**
     * Validates the line.
     *
     * @param sku non-null SKU
     * @param node the node holding the stock; exactly one of {@code node} and {@code pool} is present
     * @param pool the pool the stock may come from; exactly one of {@code node} and {@code pool} is present
     * @param quantity units, {@code > 0}
     * @param order non-null lot order
     * @param lot the lot the line must take, if named (only on a line at a node)
     */
    public HoldLine {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(lot, "lot");
        if (lot.isPresent() && pool.isPresent()) {
            throw new IllegalArgumentException("hold line for " + sku + " names lot " + lot.get()
                    + ": only a line at a node can");
        }
        if (node.isPresent() == pool.isPresent()) {
            throw new IllegalArgumentException("hold line for " + sku + " needs exactly one of node and pool");
        }
        if (quantity <= 0) {
            throw new IllegalArgumentException("hold line for " + sku + ": quantity must be > 0, was " + quantity);
        }
    }

    /**
     * A line taking lots first-expiry-first-out.
     *
     * @param sku non-null SKU
     * @param node the node; exactly one of {@code node} and {@code pool} is present
     * @param pool the pool; exactly one of {@code node} and {@code pool} is present
     * @param quantity units, {@code > 0}
     */
    public HoldLine(Sku sku, Optional<NodeId> node, Optional<PoolId> pool, int quantity) {
        this(sku, node, pool, quantity, LotOrder.FEFO, Optional.empty());
    }

    /**
     * This line taking the lot received first instead of the one expiring first.
     *
     * @return the line, FIFO
     */
    public HoldLine firstIn() {
        return new HoldLine(sku, node, pool, quantity, LotOrder.FIFO, lot);
    }

    /**
     * This line taking units of one lot only.
     *
     * @param lotId non-null lot id
     * @return the line, taking only that lot
     */
    public HoldLine fromLot(String lotId) {
        return new HoldLine(sku, node, pool, quantity, order, Optional.of(new Lot(lotId, Optional.empty()).id()));
    }

    /**
     * A line at a node.
     *
     * @param sku non-null SKU
     * @param node non-null node
     * @param quantity units, {@code > 0}
     * @return the line
     */
    public static HoldLine atNode(Sku sku, NodeId node, int quantity) {
        return new HoldLine(sku, Optional.of(node), Optional.empty(), quantity);
    }

    /**
     * A pool-level line: the node is chosen later.
     *
     * @param sku non-null SKU
     * @param pool non-null pool
     * @param quantity units, {@code > 0}
     * @return the line
     */
    public static HoldLine inPool(Sku sku, PoolId pool, int quantity) {
        return new HoldLine(sku, Optional.empty(), Optional.of(pool), quantity);
    }
}

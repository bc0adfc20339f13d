package io.github.omniretail.inventory;

import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.util.Objects;

/**
 * A stock position (SKU at a node) as read at one moment.
 *
 * @param sku non-null SKU
 * @param node non-null node
 * @param onHand units physically at the node (may fall below {@code held} after a count or damage)
 * @param held units held by open holds pinned to this node
 * @param safetyStock units never promised
 * @param atp available to promise before channel rules and pool holds: {@code max(0, onHand − held − safety)}
 * @param shortage units held but no longer on hand: {@code max(0, held − onHand)}; non-zero means some holds
 *     cannot all be fulfilled from here
 * @param reorderPoint the low-stock threshold on ATP, 0 if none
 * @param lowStock true while the position is signalled low (ATP fell below the reorder point and has not yet
 *     recovered past it plus the hysteresis)
 */
public record Position(Sku sku, NodeId node, int onHand, int held, int safetyStock, int atp, int shortage,
        int reorderPoint, boolean lowStock) {

    /**
     * Checks for nulls.
     *
     * @param sku non-null SKU
     * @param node non-null node
     * @param onHand units physically at the node (may fall below {@code held} after a count or damage)
     * @param held units held by open holds pinned to this node
     * @param safetyStock units never promised
     * @param atp available to promise before channel rules and pool holds: {@code max(0, onHand − held − safety)}
     * @param shortage units held but no longer on hand: {@code max(0, held − onHand)}
     * @param reorderPoint the low-stock threshold on ATP, 0 if none
     * @param lowStock true while the position is signalled low
     */
    public Position {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(node, "node");
    }
}

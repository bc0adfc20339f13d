package io.github.omniretail.analytics.replenishment;

import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.time.Instant;
import java.util.Objects;

/**
 * A suggested stock movement, in the inventory engine's terms: a transfer it dispatches
 * ({@code InventoryEngine.dispatchTransfer} with an ETA) or a purchase order it expects
 * ({@code InventoryEngine.expectReceipt} of kind {@code PURCHASE_ORDER}). Immutable values.
 */
public sealed interface Suggestion permits Suggestion.TransferOrder, Suggestion.PurchaseOrder {

    /**
     * The SKU.
     *
     * @return the SKU
     */
    Sku sku();

    /**
     * The receiving node.
     *
     * @return the node
     */
    NodeId to();

    /**
     * Units.
     *
     * @return units, {@code > 0}
     */
    int units();

    /**
     * Expected arrival.
     *
     * @return the instant
     */
    Instant eta();

    /**
     * A transfer between our nodes.
     *
     * @param sku the SKU
     * @param from the shipping node
     * @param to the receiving node
     * @param units units, {@code > 0}
     * @param eta expected arrival
     */
    record TransferOrder(Sku sku, NodeId from, NodeId to, int units, Instant eta) implements Suggestion {
        /** Validates. */
        public TransferOrder {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(eta, "eta");
            if (units <= 0) {
                throw new IllegalArgumentException("units must be > 0, was " + units);
            }
        }
    }

    /**
     * A purchase order to a supplier.
     *
     * @param sku the SKU
     * @param supplier the supplier
     * @param to the receiving node
     * @param units units, {@code > 0}
     * @param eta expected delivery
     */
    record PurchaseOrder(Sku sku, String supplier, NodeId to, int units, Instant eta) implements Suggestion {
        /** Validates. */
        public PurchaseOrder {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(supplier, "supplier");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(eta, "eta");
            if (units <= 0) {
                throw new IllegalArgumentException("units must be > 0, was " + units);
            }
        }
    }
}

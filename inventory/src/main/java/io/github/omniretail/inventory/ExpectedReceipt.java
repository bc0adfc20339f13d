package io.github.omniretail.inventory;

import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.time.Instant;
import java.util.Objects;

/**
 * Units expected to arrive at a node: a purchase order's delivery or an inbound transfer. Pre-sale holds
 * ({@link Presale}) wait for them and are promised their ETA; {@link InventoryEngine#atpByDate} counts them.
 *
 * @param id non-blank id, unique among the position's expected receipts (a purchase order number, say)
 * @param sku non-null SKU
 * @param node non-null node the units arrive at
 * @param quantity units still expected, {@code > 0}
 * @param eta non-null expected arrival
 * @param kind non-null source of the units
 */
public record ExpectedReceipt(String id, Sku sku, NodeId node, int quantity, Instant eta, Kind kind) {

    /** Where expected units come from. */
    public enum Kind {
        /** A supplier's delivery against a purchase order. */
        PURCHASE_ORDER,
        /** A transfer from another node of ours. */
        TRANSFER
    }

    /** Validates: a non-blank id, a positive quantity, no nulls. */
    public ExpectedReceipt {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("expected receipt id must not be blank");
        }
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(eta, "eta");
        Objects.requireNonNull(kind, "kind");
        if (quantity <= 0) {
            throw new IllegalArgumentException("expected receipt " + id + " of " + sku + " at " + node
                    + ": quantity must be > 0, was " + quantity);
        }
    }

    /**
     * A purchase order's expected delivery.
     *
     * @param id non-blank purchase order id
     * @param sku non-null SKU
     * @param node non-null receiving node
     * @param quantity units, {@code > 0}
     * @param eta non-null expected arrival
     * @return the receipt
     */
    public static ExpectedReceipt purchaseOrder(String id, Sku sku, NodeId node, int quantity, Instant eta) {
        return new ExpectedReceipt(id, sku, node, quantity, eta, Kind.PURCHASE_ORDER);
    }
}

package io.github.omniretail.inventory;

import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.util.Objects;
import java.util.Optional;

/**
 * Units of one SKU coming back at a node with a disposition: a customer's return
 * ({@link InventoryEngine#returnUnits}) or units leaving quarantine after inspection ({@link InventoryEngine#inspect}).
 *
 * @param sku non-null SKU (not a kit: return its components)
 * @param node non-null node receiving them
 * @param quantity units, {@code > 0}
 * @param disposition non-null what happens to them
 * @param lot the lot sellable units go back into (it may not have expired); for other dispositions recorded in the
 *     event only; empty for units without a lot
 * @param reason non-null reason code, 1 to 64 characters without control characters ("customer-return",
 *     "seal-broken")
 */
public record ReturnedUnits(Sku sku, NodeId node, int quantity, Disposition disposition, Optional<Lot> lot,
        String reason) {

    /** Validates. */
    public ReturnedUnits {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(lot, "lot");
        Objects.requireNonNull(reason, "reason");
        if (quantity <= 0) {
            throw new IllegalArgumentException("returned quantity of " + sku + " must be > 0, was " + quantity);
        }
        if (reason.isEmpty() || reason.length() > 64 || reason.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a return reason is 1 to 64 characters without control characters,"
                    + " was \"" + reason.replaceAll("\\p{Cntrl}", "?") + "\"");
        }
    }

    /**
     * Units without a lot, reason {@code "customer-return"}.
     *
     * @param sku non-null SKU
     * @param node non-null node
     * @param quantity units, {@code > 0}
     * @param disposition non-null disposition
     * @return the units
     */
    public static ReturnedUnits of(Sku sku, NodeId node, int quantity, Disposition disposition) {
        return new ReturnedUnits(sku, node, quantity, disposition, Optional.empty(), "customer-return");
    }

    /**
     * @param lot non-null lot the units belong to
     * @return a copy in that lot
     */
    public ReturnedUnits inLot(Lot lot) {
        return new ReturnedUnits(sku, node, quantity, disposition, Optional.of(lot), reason);
    }

    /**
     * @param code non-null reason code
     * @return a copy with that reason
     */
    public ReturnedUnits because(String code) {
        return new ReturnedUnits(sku, node, quantity, disposition, lot, code);
    }
}

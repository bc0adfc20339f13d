package io.github.omniretail.inventory.spi;

import io.github.omniretail.core.Sku;
import java.util.Objects;
import java.util.Optional;

/**
 * The stored state of one SKU, in the engine's form: everything a decision on the SKU needs, so no decision sums
 * over holds.
 *
 * @param sku non-null SKU
 * @param positions five ints per position, sorted by node number: node number (catalogue order), on-hand, units
 *     held, safety stock, flags (1 = low stock). Non-null, length a multiple of 5
 * @param detail JSON written by the engine, if any: units held per channel rule, unpinned pool demand, safety
 *     policies, sales history and reorder points
 */
public record StoredSku(Sku sku, int[] positions, Optional<String> detail) {

    /** Checks for nulls and the array's shape (the array is not copied: rows are handed over, not shared). */
    public StoredSku {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(positions, "positions");
        Objects.requireNonNull(detail, "detail");
        if (positions.length % 5 != 0) {
            throw new IllegalArgumentException("positions of " + sku + " must be 5 ints each, were " + positions.length);
        }
    }
}

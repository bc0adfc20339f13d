package io.github.omniretail.inventory;

import java.time.Instant;
import java.util.Objects;

/**
 * Units a channel may promise from an instant on ({@link InventoryEngine#atpByDate}): on-hand availability plus the
 * expected receipts due by then, less what waiting pre-sale holds already claim.
 *
 * @param from non-null instant from which the units can be promised (the first point is "now")
 * @param available units, {@code >= 0}
 */
public record DatedAtp(Instant from, long available) {

    /** Checks for null and a non-negative count. */
    public DatedAtp {
        Objects.requireNonNull(from, "from");
        if (available < 0) {
            throw new IllegalArgumentException("available must be >= 0, was " + available);
        }
    }
}

package io.github.omniretail.inventory;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Units available to promise at a position whose lots may be sold until the end of one day (in the zone asked
 * for), or that do not expire. See {@link InventoryEngine#atpByExpiry}.
 *
 * @param lastDay the last day these units may be sold; empty for units that do not expire (or have no lot)
 * @param units units available to promise, {@code > 0}
 */
public record ExpiryBucket(Optional<LocalDate> lastDay, long units) {

    /** Checks for nulls and a positive count. */
    public ExpiryBucket {
        Objects.requireNonNull(lastDay, "lastDay");
        if (units <= 0) {
            throw new IllegalArgumentException("units expiring " + lastDay.map(LocalDate::toString).orElse("never")
                    + " must be > 0, was " + units);
        }
    }
}

package io.github.omniretail.inventory;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Units available to promise at a position that a hold would take from one lot, or from the units without a lot.
 * {@link InventoryEngine#atpByLot} lists them in the order a first-expiry-first-out hold takes them.
 *
 * @param lot the lot id; empty for units without a lot
 * @param expiresAt when that lot expires; empty for units that do not expire
 * @param units units the channel may take from it now, {@code > 0}
 */
public record LotAtp(Optional<String> lot, Optional<Instant> expiresAt, int units) {

    /** Checks for nulls and a positive count. */
    public LotAtp {
        Objects.requireNonNull(lot, "lot");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (units <= 0) {
            throw new IllegalArgumentException("units of " + lot.orElse("units without a lot")
                    + " must be > 0, was " + units);
        }
    }
}

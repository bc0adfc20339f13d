package io.github.omniretail.inventory;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Units of one pre-sale hold line waiting at a position ({@link InventoryEngine#waiting}), in the queue they are
 * served from.
 *
 * @param hold non-null hold
 * @param units units waiting, {@code > 0}
 * @param promisedBy the promise date; empty when backordered beyond every known receipt
 */
public record WaitingUnits(HoldId hold, int units, Optional<Instant> promisedBy) {

    /** Checks for nulls and a positive count. */
    public WaitingUnits {
        Objects.requireNonNull(hold, "hold");
        Objects.requireNonNull(promisedBy, "promisedBy");
        if (units <= 0) {
            throw new IllegalArgumentException("waiting units of " + hold + " must be > 0, was " + units);
        }
    }
}

package io.github.omniretail.inventory;

import java.util.Objects;

/**
 * The units of one lot on a hold line.
 *
 * @param lot non-null lot id
 * @param open units of the lot still held, {@code >= 0}
 * @param fulfilled units of the lot that left the node, {@code >= 0}
 */
public record LotUnits(String lot, int open, int fulfilled) {

    /** Checks for null and negative counts. */
    public LotUnits {
        Objects.requireNonNull(lot, "lot");
        if (open < 0 || fulfilled < 0) {
            throw new IllegalArgumentException("lot " + lot + ": open " + open + " and fulfilled " + fulfilled
                    + " must be >= 0");
        }
    }
}

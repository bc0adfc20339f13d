package io.github.omniretail.pricing;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Sku;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps one SKU's prices across channels within a band: the highest channel price may exceed the lowest by at most
 * {@code tolerance}. Conflicts are either clamped (prices above the band come down to its top, never below their
 * floor) or only reported. SKUs sold as channel-exclusive bundles are exempt.
 *
 * @param tolerance how far above the lowest channel price the others may be, ≥ 0; non-null
 * @param clamp true to clamp, false to report only
 * @param exempt SKUs exempt from the band (channel-exclusive bundles); non-null
 */
public record ChannelConsistency(BasisPoints tolerance, boolean clamp, Set<Sku> exempt) {

    /**
     * Validates and copies.
     *
     * @param tolerance the band width
     * @param clamp clamp or report
     * @param exempt exempt SKUs
     */
    public ChannelConsistency {
        Objects.requireNonNull(tolerance, "tolerance");
        exempt = Set.copyOf(exempt);
        if (tolerance.value() < 0) {
            throw new IllegalArgumentException("tolerance must be >= 0, was " + tolerance);
        }
    }
}

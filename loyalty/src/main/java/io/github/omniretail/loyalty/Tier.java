package io.github.omniretail.loyalty;

import io.github.omniretail.core.BasisPoints;
import java.util.Objects;

/**
 * A loyalty tier and its benefits.
 *
 * @param id non-blank tier id, e.g. {@code "GOLD"}
 * @param qualifyingPoints points earned within the qualification window needed to reach the tier, {@code >= 0}
 * @param earnMultiplier non-null multiplier on earned points (12,500 bp = 1.25×)
 * @param pricingTier non-null id pricing uses for member prices
 */
public record Tier(String id, long qualifyingPoints, BasisPoints earnMultiplier, String pricingTier) {

    /**
     * Validates.
     *
     * @param id non-blank tier id
     * @param qualifyingPoints points needed, {@code >= 0}
     * @param earnMultiplier non-null multiplier on earned points
     * @param pricingTier non-null pricing tier id
     */
    public Tier {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(earnMultiplier, "earnMultiplier");
        Objects.requireNonNull(pricingTier, "pricingTier");
        if (id.isBlank() || qualifyingPoints < 0 || earnMultiplier.value() < 0) {
            throw new IllegalArgumentException("tier '" + id + "' needs a name, points >= 0 and a multiplier >= 0");
        }
    }
}

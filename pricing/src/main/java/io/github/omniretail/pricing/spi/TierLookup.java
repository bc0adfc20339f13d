package io.github.omniretail.pricing.spi;

import io.github.omniretail.core.MemberId;
import java.util.Optional;

/**
 * The member's pricing tier (for example from the loyalty module's {@code Tier.pricingTierId()}). Called on every
 * quote for a known member; implementations must be thread-safe and fast (cache on your side if it is remote).
 */
@FunctionalInterface
public interface TierLookup {

    /**
     * @param member non-null
     * @return the member's tier id, or empty for none
     */
    Optional<String> tierOf(MemberId member);

    /** @return a lookup that knows no tiers */
    static TierLookup none() {
        return member -> Optional.empty();
    }
}

package io.github.omniretail.pricing.spi;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import java.time.Instant;

/**
 * Where exposures and conversions of experiments go (your analytics store, or the in-memory default used by
 * {@code ExperimentSummary}). Implementations must be thread-safe.
 */
public interface ExperimentRecorder {

    /**
     * A member saw a variant.
     *
     * @param experiment experiment id
     * @param variant variant name (or "holdout")
     * @param member the member
     * @param at when
     */
    void exposed(String experiment, String variant, MemberId member, Instant at);

    /**
     * A member bought after exposure.
     *
     * @param experiment experiment id
     * @param variant variant name
     * @param member the member
     * @param revenue what they paid
     * @param at when
     */
    void converted(String experiment, String variant, MemberId member, Money revenue, Instant at);
}

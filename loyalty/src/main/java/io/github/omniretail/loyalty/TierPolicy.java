package io.github.omniretail.loyalty;

import io.github.omniretail.core.BasisPoints;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How members move between tiers. Qualification counts points <b>earned</b> (net of refunds) within a rolling
 * window — never the balance, so spending points never costs a tier. An upgrade happens at once; a downgrade only at
 * the member's review date (a window after the last upgrade or renewal), after a grace period; a refund that undoes
 * the points an upgrade was earned with undoes the upgrade at once.
 *
 * @param tiers non-empty tiers by increasing qualifying points, the first needing 0 (copied)
 * @param window non-null, positive qualification window (e.g. 365 days)
 * @param grace non-null, non-negative grace after a failed review before the downgrade
 */
public record TierPolicy(List<Tier> tiers, Duration window, Duration grace) {

    /**
     * Validates.
     *
     * @param tiers non-empty tiers by increasing qualifying points, the first needing 0
     * @param window non-null, positive window
     * @param grace non-null, non-negative grace
     */
    public TierPolicy {
        tiers = List.copyOf(tiers);
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(grace, "grace");
        if (tiers.isEmpty() || tiers.get(0).qualifyingPoints() != 0) {
            throw new IllegalArgumentException("tiers must start with a tier needing 0 points");
        }
        for (int i = 1; i < tiers.size(); i++) {
            if (tiers.get(i).qualifyingPoints() <= tiers.get(i - 1).qualifyingPoints()) {
                throw new IllegalArgumentException("tier " + tiers.get(i).id() + " must need more points than "
                        + tiers.get(i - 1).id());
            }
        }
        if (window.isNegative() || window.isZero() || grace.isNegative()) {
            throw new IllegalArgumentException("window must be positive and grace non-negative");
        }
    }

    /**
     * One tier for everyone: no multiplier.
     *
     * @return the policy
     */
    public static TierPolicy single() {
        return new TierPolicy(List.of(new Tier("MEMBER", 0, BasisPoints.HUNDRED_PERCENT, "member")),
                Duration.ofDays(365), Duration.ZERO);
    }

    /**
     * The tier {@code qualifying} points reach.
     *
     * @param qualifying points earned in the window
     * @return the highest tier reached
     */
    public Tier tierFor(long qualifying) {
        Tier reached = tiers.get(0);
        for (Tier t : tiers) {
            if (qualifying >= t.qualifyingPoints()) {
                reached = t;
            }
        }
        return reached;
    }

    int rank(Tier tier) {
        return tiers.indexOf(tier);
    }
}

package io.github.omniretail.engagement;

import java.util.Objects;
import java.util.Set;

/**
 * Who a treatment targets: members in any of the segments (empty: any), of any of the tiers (empty: any), whose last
 * purchase was between {@code minDaysSincePurchase} and {@code maxDaysSincePurchase} days ago, inclusive. A member
 * who never bought matches only when {@code includeNeverBought} is set.
 *
 * @param segments non-null segment names
 * @param tiers non-null tier ids
 * @param minDaysSincePurchase {@code >= 0}
 * @param maxDaysSincePurchase {@code >= minDaysSincePurchase}
 * @param includeNeverBought whether members without a purchase match
 */
public record Audience(Set<String> segments, Set<String> tiers, long minDaysSincePurchase, long maxDaysSincePurchase,
        boolean includeNeverBought) {

    /**
     * Validates and copies.
     *
     * @param segments non-null
     * @param tiers non-null
     * @param minDaysSincePurchase {@code >= 0}
     * @param maxDaysSincePurchase {@code >= min}
     * @param includeNeverBought whether never-bought members match
     */
    public Audience {
        segments = Set.copyOf(segments);
        tiers = Set.copyOf(tiers);
        if (minDaysSincePurchase < 0 || maxDaysSincePurchase < minDaysSincePurchase) {
            throw new IllegalArgumentException("days since purchase must be 0 <= min <= max, was "
                    + minDaysSincePurchase + ".." + maxDaysSincePurchase);
        }
    }

    /** @return everyone */
    public static Audience everyone() {
        return new Audience(Set.of(), Set.of(), 0, Long.MAX_VALUE, true);
    }

    /**
     * Members in any of these segments.
     *
     * @param segments non-empty segment names
     * @return the audience
     */
    public static Audience segments(String... segments) {
        if (segments.length == 0) {
            throw new IllegalArgumentException("name at least one segment");
        }
        return new Audience(Set.of(segments), Set.of(), 0, Long.MAX_VALUE, true);
    }

    /**
     * This audience narrowed to tiers.
     *
     * @param tierIds non-empty tier ids
     * @return the audience
     */
    public Audience tiers(String... tierIds) {
        return new Audience(segments, Set.of(tierIds), minDaysSincePurchase, maxDaysSincePurchase, includeNeverBought);
    }

    /**
     * This audience narrowed to a recency range; members who never bought no longer match.
     *
     * @param min days since purchase, at least
     * @param max days since purchase, at most
     * @return the audience
     */
    public Audience lastBoughtBetween(long min, long max) {
        return new Audience(segments, tiers, min, max, false);
    }

    /**
     * Whether a member is in the audience.
     *
     * @param facts non-null facts
     * @return true if targeted
     */
    public boolean matches(MemberFacts facts) {
        Objects.requireNonNull(facts, "facts");
        if (!segments.isEmpty() && segments.stream().noneMatch(facts.segments()::contains)) {
            return false;
        }
        if (!tiers.isEmpty() && (facts.tier().isEmpty() || !tiers.contains(facts.tier().get()))) {
            return false;
        }
        if (facts.daysSincePurchase().isEmpty()) {
            return includeNeverBought;
        }
        long days = facts.daysSincePurchase().getAsLong();
        return days >= minDaysSincePurchase && days <= maxDaysSincePurchase;
    }
}

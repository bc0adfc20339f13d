package io.github.omniretail.engagement;

import io.github.omniretail.core.MemberId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What treatments know of a member when they decide: the segments from the nightly scoring (an RFM segment, and
 * any custom ones), the tier and the days since the last purchase.
 *
 * @param member non-null member
 * @param segments non-null segment names the member is in
 * @param tier the tier id, or empty
 * @param daysSincePurchase whole days since the last purchase, {@code >= 0}, or empty if the member never bought
 */
public record MemberFacts(MemberId member, Set<String> segments, Optional<String> tier, OptionalLong daysSincePurchase) {

    /**
     * Validates and copies.
     *
     * @param member non-null
     * @param segments non-null
     * @param tier non-null optional
     * @param daysSincePurchase non-null optional, non-negative
     */
    public MemberFacts {
        Objects.requireNonNull(member, "member");
        segments = Set.copyOf(segments);
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(daysSincePurchase, "daysSincePurchase");
        if (daysSincePurchase.isPresent() && daysSincePurchase.getAsLong() < 0) {
            throw new IllegalArgumentException("daysSincePurchase of " + member + " must be >= 0, was "
                    + daysSincePurchase.getAsLong());
        }
    }
}

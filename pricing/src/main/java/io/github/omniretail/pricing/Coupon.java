package io.github.omniretail.pricing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A code that unlocks a promotion.
 *
 * @param code the code customers type; non-blank, matched exactly
 * @param maxUses total redemptions allowed (1 = single-use), if limited; non-null optional
 * @param perMemberLimit redemptions allowed per member, if limited; non-null optional
 * @param validFrom first instant it works, inclusive, if any; non-null optional
 * @param validUntil last instant, exclusive, if any; non-null optional
 */
public record Coupon(String code, Optional<Integer> maxUses, Optional<Integer> perMemberLimit,
        Optional<Instant> validFrom, Optional<Instant> validUntil) {

    /**
     * Validates.
     *
     * @param code the code
     * @param maxUses total redemptions
     * @param perMemberLimit per member
     * @param validFrom start
     * @param validUntil end
     */
    public Coupon {
        PricingRules.requireId(code);
        Objects.requireNonNull(maxUses, "maxUses");
        Objects.requireNonNull(perMemberLimit, "perMemberLimit");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        if (maxUses.isPresent() && maxUses.get() < 1 || perMemberLimit.isPresent() && perMemberLimit.get() < 1) {
            throw new IllegalArgumentException("coupon " + code + ": limits must be >= 1, were " + maxUses + ", "
                    + perMemberLimit);
        }
    }

    /**
     * @param code the code
     * @return a single-use coupon without a validity window
     */
    public static Coupon singleUse(String code) {
        return new Coupon(code, Optional.of(1), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * @param code the code
     * @param perMember redemptions per member
     * @return a multi-use coupon limited per member
     */
    public static Coupon perMember(String code, int perMember) {
        return new Coupon(code, Optional.empty(), Optional.of(perMember), Optional.empty(), Optional.empty());
    }

    /**
     * @param from first instant, inclusive; non-null
     * @param until last instant, exclusive; non-null
     * @return a copy valid in that window
     */
    public Coupon validBetween(Instant from, Instant until) {
        return new Coupon(code, maxUses, perMemberLimit, Optional.of(from), Optional.of(until));
    }
}

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

    /**
     * Why this coupon does not apply to a quote, or empty when it does: not entered, outside its validity window,
     * used up, or used up by this member (or no member to count against).
     *
     * @param entered non-null coupon codes entered with the cart
     * @param context non-null who and when
     * @param ledger non-null the uses recorded so far
     * @return the refusal, if any
     */
    Optional<String> refusal(java.util.Set<String> entered, PricingContext context,
            io.github.omniretail.pricing.spi.PromotionLedger ledger) {
        if (!entered.contains(code)) {
            return Optional.of("needs coupon " + code);
        }
        if (validFrom.isPresent() && context.at().isBefore(validFrom.get())) {
            return Optional.of("coupon " + code + " is valid from " + validFrom.get());
        }
        if (validUntil.isPresent() && !context.at().isBefore(validUntil.get())) {
            return Optional.of("coupon " + code + " expired at " + validUntil.get());
        }
        if (maxUses.isPresent() && ledger.uses(code) >= maxUses.get()) {
            return Optional.of("coupon " + code + " is used up (" + maxUses.get() + " uses)");
        }
        if (perMemberLimit.isPresent()) {
            if (context.member().isEmpty()) {
                return Optional.of("coupon " + code + " is limited per member: sign in to use it");
            }
            if (ledger.uses(code, context.member().get()) >= perMemberLimit.get()) {
                return Optional.of("coupon " + code + " already used " + perMemberLimit.get()
                        + " times by this member");
            }
        }
        return Optional.empty();
    }
}

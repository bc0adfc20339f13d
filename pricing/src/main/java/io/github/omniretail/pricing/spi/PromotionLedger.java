package io.github.omniretail.pricing.spi;

import io.github.omniretail.core.MemberId;
import java.util.List;
import java.util.Optional;

/**
 * Coupon uses and promotion budgets: read when quoting, written when a quote is redeemed at checkout. Implementations
 * must be thread-safe, and {@link #redeem} all-or-nothing. {@link #inMemory()} is the default.
 */
public interface PromotionLedger {

    /**
     * One promotion's share of a redeemed cart.
     *
     * @param promotionId the promotion
     * @param amountMinor what it gave, in minor units
     * @param budgetMinor its total budget in minor units, if capped
     * @param couponCode the coupon used, if any
     * @param maxUses the coupon's total limit, if any
     * @param perMemberLimit the coupon's per-member limit, if any
     */
    record Redemption(String promotionId, long amountMinor, Optional<Long> budgetMinor, Optional<String> couponCode,
            Optional<Integer> maxUses, Optional<Integer> perMemberLimit) {
    }

    /**
     * @param promotionId non-null
     * @return minor units given away so far
     */
    long spent(String promotionId);

    /**
     * @param code non-null
     * @return redemptions of the coupon so far
     */
    long uses(String code);

    /**
     * @param code non-null
     * @param member non-null
     * @return redemptions of the coupon by the member so far
     */
    long uses(String code, MemberId member);

    /**
     * Records every redemption, or none when one would pass a budget or a coupon limit.
     *
     * @param redemptions non-null
     * @param member the member redeeming, if known
     * @return true when recorded; false (nothing recorded) when a limit would be passed
     */
    boolean redeem(List<Redemption> redemptions, Optional<MemberId> member);

    /** @return a new, empty, thread-safe in-memory ledger */
    static PromotionLedger inMemory() {
        return new MemoryPromotionLedger();
    }
}

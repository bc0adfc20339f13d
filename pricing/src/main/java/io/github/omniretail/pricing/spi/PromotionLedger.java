package io.github.omniretail.pricing.spi;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import java.util.List;
import java.util.Optional;

/**
 * Coupon uses and promotion budgets: read when quoting, written when a quote is redeemed at checkout, given back
 * when that checkout is cancelled. Implementations must be thread-safe, {@link #redeem} all-or-nothing and both
 * writes idempotent by key. {@link #inMemory()} is the default.
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

    /** What {@link #redeem} did. */
    enum Outcome {
        /** Recorded by this call. */
        RECORDED,
        /** The key was recorded before (released or not): nothing recorded again. */
        ALREADY_RECORDED,
        /** A budget or coupon limit would be passed: nothing recorded. */
        REFUSED
    }

    /**
     * Records every redemption under {@code key}, or none when one would pass a budget or a coupon limit. A key
     * recorded before returns {@link Outcome#ALREADY_RECORDED} and records nothing again, whatever the
     * redemptions: the key names one checkout. A refusal records nothing, not even the key, so a retry is checked
     * afresh.
     *
     * @param key non-null key of the checkout
     * @param redemptions non-null
     * @param member the member redeeming, if known
     * @return what happened
     */
    Outcome redeem(IdempotencyKey key, List<Redemption> redemptions, Optional<MemberId> member);

    /**
     * Gives back what {@code key} recorded — budget spending and coupon uses — as when an unpaid order is cancelled.
     * Idempotent: a key released before, or never recorded, changes nothing.
     *
     * @param key non-null key of the checkout
     * @return true when this call gave something back
     */
    boolean release(IdempotencyKey key);

    /**
     * The limit rule every implementation applies: whether recording {@code redemptions} keeps every budget and
     * coupon limit, given the counts so far (read under the implementation's lock). Amounts and uses of the same
     * promotion or coupon within one redemption add up.
     *
     * @param redemptions non-null redemptions of one checkout
     * @param member the member redeeming, if known (a per-member limit needs one)
     * @param spent minor units a promotion gave away so far
     * @param uses a coupon's uses so far
     * @param memberUses a coupon's uses by the member so far
     * @return true when every limit holds after recording them
     */
    static boolean withinLimits(List<Redemption> redemptions, Optional<MemberId> member,
            java.util.function.ToLongFunction<String> spent, java.util.function.ToLongFunction<String> uses,
            java.util.function.ToLongFunction<String> memberUses) {
        java.util.Map<String, Long> amount = new java.util.HashMap<>();
        java.util.Map<String, Long> count = new java.util.HashMap<>();
        for (Redemption r : redemptions) {
            amount.merge(r.promotionId(), r.amountMinor(), Long::sum);
            r.couponCode().ifPresent(code -> count.merge(code, 1L, Long::sum));
        }
        for (Redemption r : redemptions) {
            if (r.budgetMinor().isPresent()
                    && spent.applyAsLong(r.promotionId()) + amount.get(r.promotionId()) > r.budgetMinor().get()) {
                return false;
            }
            if (r.couponCode().isPresent()) {
                String code = r.couponCode().get();
                if (r.maxUses().isPresent() && uses.applyAsLong(code) + count.get(code) > r.maxUses().get()) {
                    return false;
                }
                if (r.perMemberLimit().isPresent() && (member.isEmpty()
                        || memberUses.applyAsLong(code) + count.get(code) > r.perMemberLimit().get())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** @return a new, empty, thread-safe in-memory ledger */
    static PromotionLedger inMemory() {
        return new MemoryPromotionLedger();
    }
}

package io.github.omniretail.pricing;

import io.github.omniretail.core.Money;
import java.util.List;
import java.util.Objects;

/**
 * A priced cart: every line with its item quote and discounts, every promotion applied (with amounts and reasons)
 * and every one that did not (with reasons), totals, the versions used and a hash for re-verification at checkout.
 * Line discounts always sum exactly to the promotions' amounts; no total is ever negative.
 *
 * @param lines priced lines in cart order; non-null
 * @param subtotal Σ line amounts; non-null
 * @param discount Σ line discounts; non-null
 * @param shipping shipping before promotions; non-null
 * @param shippingDiscount shipping waived; non-null
 * @param total subtotal − discount + shipping − shippingDiscount; non-null, not negative
 * @param applied promotions applied, in application order; non-null
 * @param rejected promotions that could touch the cart but did not apply, with reasons; non-null
 * @param rejectedCoupons entered coupon codes that took nothing off (unknown, for items not in the cart, or their
 *     promotion rejected), with reasons, in code order; non-null
 * @param mode how promotions were combined; non-null
 * @param rulesVersion price rules version; non-null
 * @param promotionsVersion promotion set version; non-null
 * @param hash fingerprint of inputs and result; non-null
 * @param experiments experiment → the member's variant, for each experiment whose promotions were in view; non-null
 * @param deposit how a cart with pre-sale items is paid (deposit now, balance by a date), when a
 *     {@link Offer.Deposit} applied; non-null optional
 */
public record CartQuote(List<LineQuote> lines, Money subtotal, Money discount, Money shipping, Money shippingDiscount,
        Money total, List<AppliedPromotion> applied, List<RejectedPromotion> rejected,
        List<RejectedCoupon> rejectedCoupons, StackingMode mode,
        String rulesVersion, String promotionsVersion, String hash, java.util.Map<String, String> experiments,
        java.util.Optional<DepositTerms> deposit) {
    /**
     * Validates and copies.
     *
     * @param lines lines
     * @param subtotal subtotal
     * @param discount line discounts
     * @param shipping shipping
     * @param shippingDiscount shipping waived
     * @param total total
     * @param applied applied promotions
     * @param rejected rejected promotions
     * @param rejectedCoupons coupon codes that took nothing off
     * @param mode stacking mode
     * @param rulesVersion rules version
     * @param promotionsVersion promotions version
     * @param hash fingerprint
     * @param experiments variants in view
     * @param deposit deposit terms, if a deposit offer applied
     */
    public CartQuote {
        experiments = java.util.Map.copyOf(experiments);
        lines = List.copyOf(lines);
        Objects.requireNonNull(subtotal, "subtotal");
        Objects.requireNonNull(discount, "discount");
        Objects.requireNonNull(shipping, "shipping");
        Objects.requireNonNull(shippingDiscount, "shippingDiscount");
        Objects.requireNonNull(total, "total");
        applied = List.copyOf(applied);
        rejected = List.copyOf(rejected);
        rejectedCoupons = List.copyOf(rejectedCoupons);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(rulesVersion, "rulesVersion");
        Objects.requireNonNull(promotionsVersion, "promotionsVersion");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(deposit, "deposit");
        if (total.isNegative()) {
            throw new IllegalArgumentException("a cart total is never negative, was " + total);
        }
    }

    /** @return discount + shippingDiscount: everything the customer saved through promotions */
    public Money saving() {
        return discount.plus(shippingDiscount);
    }
}

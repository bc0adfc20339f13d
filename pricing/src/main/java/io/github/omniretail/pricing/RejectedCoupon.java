package io.github.omniretail.pricing;

import java.util.Objects;

/**
 * A coupon code the customer entered that took nothing off, and why — e.g. {@code "unknown coupon code"},
 * {@code "promotion P-NEW (新人券) applies to none of the items in the cart"}, or the reason its promotion was
 * rejected ({@code "coupon NEW10 is used up (1000 uses)"}).
 *
 * @param code the code as entered; non-null
 * @param reason why it took nothing off; non-null
 */
public record RejectedCoupon(String code, String reason) {
    /**
     * Validates.
     *
     * @param code the code
     * @param reason why not
     */
    public RejectedCoupon {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
    }
}

package io.github.omniretail.pricing;

import java.util.Objects;

/**
 * A promotion that could touch the cart but did not apply, and why — e.g.
 * {@code "threshold 300.00 not reached: cart 256.00"}, {@code "excluded by group full-reduction: P-200 applied"},
 * {@code "budget exhausted"}.
 *
 * @param promotionId the promotion; non-null
 * @param name its display name; non-null
 * @param reason why it did not apply; non-null
 */
public record RejectedPromotion(String promotionId, String name, String reason) {
    /**
     * Validates.
     *
     * @param promotionId the promotion
     * @param name its name
     * @param reason why not
     */
    public RejectedPromotion {
        Objects.requireNonNull(promotionId, "promotionId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
    }
}

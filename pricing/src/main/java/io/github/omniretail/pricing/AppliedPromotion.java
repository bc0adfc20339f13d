package io.github.omniretail.pricing;

import io.github.omniretail.core.Money;
import java.util.Objects;

/**
 * A promotion that applied, with what it saved and why.
 *
 * @param promotionId the promotion; non-null
 * @param name its display name; non-null
 * @param amount what it saved (lines and shipping); non-null, positive
 * @param reason e.g. {@code "spend 356.00 >= 300.00: 80.00 off"}; non-null
 */
public record AppliedPromotion(String promotionId, String name, Money amount, String reason) {
    /**
     * Validates.
     *
     * @param promotionId the promotion
     * @param name its name
     * @param amount saved
     * @param reason why
     */
    public AppliedPromotion {
        Objects.requireNonNull(promotionId, "promotionId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reason, "reason");
    }
}

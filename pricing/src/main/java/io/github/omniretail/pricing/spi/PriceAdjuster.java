package io.github.omniretail.pricing.spi;

import io.github.omniretail.core.Money;
import io.github.omniretail.core.Sku;
import io.github.omniretail.pricing.PricingContext;
import java.util.Objects;
import java.util.Optional;

/**
 * Your own logic plugged into one of the per-quote stages (NEW_CUSTOMER, TIME_OF_DAY, SHELF_LIFE, STOCK_COVER,
 * OPTIMISER): it runs after that stage's built-in rules and before the guardrails, which always apply last. Its
 * change is recorded in the breakdown like any rule's. Called on every quote: must be thread-safe, fast, and
 * deterministic for the same inputs (or quotes stop re-verifying).
 */
@FunctionalInterface
public interface PriceAdjuster {

    /**
     * What an adjuster did.
     *
     * @param price the new unit price, not negative, in the same currency
     * @param rule an id for the breakdown
     * @param reason a human-readable explanation
     */
    record Adjustment(Money price, String rule, String reason) {
        /**
         * Validates.
         *
         * @param price new price
         * @param rule rule id
         * @param reason explanation
         */
        public Adjustment {
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
            if (price.isNegative()) {
                throw new IllegalArgumentException("an adjusted price must not be negative, was " + price);
            }
        }
    }

    /**
     * @param sku the SKU being priced
     * @param current the unit price so far
     * @param context the quote's context
     * @return the adjustment, or empty to leave the price as it is
     */
    Optional<Adjustment> adjust(Sku sku, Money current, PricingContext context);
}

package io.github.omniretail.pricing;

import io.github.omniretail.core.Money;
import java.util.Map;
import java.util.Objects;

/**
 * One priced cart line.
 *
 * @param item the unit price quote of the line's SKU; non-null
 * @param quantity units
 * @param amount unit price × quantity; non-null
 * @param discounts promotion id → discount on this line, in application order; non-null
 * @param net amount − discounts, never negative (nor below quantity × floor when the guard is on); non-null
 */
public record LineQuote(ItemQuote item, int quantity, Money amount, Map<String, Money> discounts, Money net) {
    /**
     * Validates and copies.
     *
     * @param item the unit quote
     * @param quantity units
     * @param amount gross amount
     * @param discounts by promotion
     * @param net net amount
     */
    public LineQuote {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(amount, "amount");
        discounts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(discounts));
        Objects.requireNonNull(net, "net");
        if (net.isNegative()) {
            throw new IllegalArgumentException("a line never goes negative, was " + net);
        }
    }

    /** @return the sum of this line's discounts */
    public Money discount() {
        return amount.minus(net);
    }
}

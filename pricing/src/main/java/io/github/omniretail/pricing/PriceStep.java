package io.github.omniretail.pricing;

import io.github.omniretail.core.Money;
import java.util.Objects;

/**
 * One stage's effect on an item price: which rule, the price before and after, and why.
 *
 * @param stage the stage; non-null
 * @param rule the id of the rule that matched; non-null
 * @param before the unit price entering the stage; non-null
 * @param after the unit price leaving it; non-null, same currency
 * @param reason a human-readable explanation, e.g. {@code "after 20:00 Asia/Shanghai: -30.00%"}; non-null
 */
public record PriceStep(PriceStage stage, String rule, Money before, Money after, String reason) {

    /**
     * Validates the components.
     *
     * @param stage the stage; non-null
     * @param rule the id of the rule that matched; non-null
     * @param before the unit price entering the stage; non-null
     * @param after the unit price leaving it; non-null, same currency
     * @param reason a human-readable explanation; non-null
     */
    public PriceStep {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(reason, "reason");
        before.requireSameCurrency(after);
    }

    /** @return after − before (negative for a discount) */
    public Money change() {
        return after.minus(before);
    }
}

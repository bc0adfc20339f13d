package io.github.omniretail.pricing;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.Sku;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A SKU's unit price with every stage that shaped it, the rule-set version, and a hash that checkout can compare
 * with a fresh quote ({@link PricingEngine#verify}).
 *
 * @param sku the SKU; non-null
 * @param channel the channel quoted for; non-null
 * @param at the moment quoted for; non-null
 * @param listPrice the list price (stage BASE); non-null
 * @param price the final unit price; non-null
 * @param steps every stage that matched a rule, in pipeline order; non-null
 * @param floor the effective floor from the guardrail, if any (promotions honour it when the guard is on)
 * @param lowestPrice30Days on a discounted price, the lowest price published for this SKU and channel in the 30
 *     days before (EU Omnibus rule); otherwise empty
 * @param rulesVersion the rule-set version used; non-null
 * @param hash a SHA-256-based fingerprint of the inputs and the result; non-null
 */
public record ItemQuote(Sku sku, Channel channel, Instant at, Money listPrice, Money price, List<PriceStep> steps,
        Optional<Money> floor, Optional<Money> lowestPrice30Days, String rulesVersion, String hash) {

    /**
     * Validates and copies.
     *
     * @param sku the SKU
     * @param channel the channel
     * @param at the moment
     * @param listPrice the list price
     * @param price the final price
     * @param steps the stages
     * @param floor the floor, if any
     * @param lowestPrice30Days the 30-day lowest, on discounted prices
     * @param rulesVersion the rules version
     * @param hash the fingerprint
     */
    public ItemQuote {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(listPrice, "listPrice");
        Objects.requireNonNull(price, "price");
        steps = List.copyOf(steps);
        Objects.requireNonNull(floor, "floor");
        Objects.requireNonNull(lowestPrice30Days, "lowestPrice30Days");
        Objects.requireNonNull(rulesVersion, "rulesVersion");
        Objects.requireNonNull(hash, "hash");
        if (price.isNegative()) {
            throw new IllegalArgumentException("a quoted price is never negative, was " + price);
        }
    }

    /**
     * @param stage a stage
     * @return its step, if a rule of that stage matched
     */
    public Optional<PriceStep> step(PriceStage stage) {
        return steps.stream().filter(s -> s.stage() == stage).findFirst();
    }
}

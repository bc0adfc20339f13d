/**
 * OmniRetail pricing: staged item prices with guardrails and explainable quotes. See
 * {@link io.github.omniretail.pricing.PricingEngine}.
 */
module io.github.omniretail.pricing {
    requires transitive io.github.omniretail.core;
    requires com.github.benmanes.caffeine;

    exports io.github.omniretail.pricing;
    exports io.github.omniretail.pricing.spi;
}

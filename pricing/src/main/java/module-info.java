/**
 * OmniRetail pricing: see the {@link io.github.omniretail.pricing} package.
 */
module io.github.omniretail.pricing {
    requires transitive io.github.omniretail.core;

    exports io.github.omniretail.pricing;
}

/**
 * OmniRetail loyalty: see the {@link io.github.omniretail.loyalty} package.
 */
module io.github.omniretail.loyalty {
    requires transitive io.github.omniretail.core;

    exports io.github.omniretail.loyalty;
}

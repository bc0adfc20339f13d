/**
 * OmniRetail inventory: see the {@link io.github.omniretail.inventory} package.
 */
module io.github.omniretail.inventory {
    requires transitive io.github.omniretail.core;

    exports io.github.omniretail.inventory;
}

/**
 * OmniRetail routing: see the {@link io.github.omniretail.routing} package.
 */
module io.github.omniretail.routing {
    requires transitive io.github.omniretail.core;

    exports io.github.omniretail.routing;
}

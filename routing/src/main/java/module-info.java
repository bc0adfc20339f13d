/**
 * OmniRetail routing: which nodes fulfil each order. See {@link io.github.omniretail.routing.RoutingEngine}.
 */
module io.github.omniretail.routing {
    requires transitive io.github.omniretail.core;
    requires org.slf4j;

    exports io.github.omniretail.routing;
    exports io.github.omniretail.routing.spi;
}

/**
 * OmniRetail checkout: one order's journey through the engines. See {@link io.github.omniretail.checkout.Checkout}.
 */
module io.github.omniretail.checkout {
    requires transitive io.github.omniretail.core;
    requires transitive io.github.omniretail.inventory;
    requires transitive io.github.omniretail.routing;
    requires transitive io.github.omniretail.loyalty;
    requires transitive io.github.omniretail.pricing;
    requires transitive io.github.omniretail.analytics;
    requires org.slf4j;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires com.fasterxml.jackson.datatype.jsr310;

    exports io.github.omniretail.checkout;
    exports io.github.omniretail.checkout.spi;
}

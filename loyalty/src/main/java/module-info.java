/**
 * OmniRetail loyalty: the points ledger. See {@link io.github.omniretail.loyalty.PointsLedger}.
 */
module io.github.omniretail.loyalty {
    requires transitive io.github.omniretail.core;
    requires org.slf4j;

    exports io.github.omniretail.loyalty;
    exports io.github.omniretail.loyalty.spi;
    exports io.github.omniretail.loyalty.analytics;
}

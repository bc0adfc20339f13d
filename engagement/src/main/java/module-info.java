/**
 * OmniRetail engagement: acting on members — segment treatments, location-based offers, group buying (拼团) and
 * referral rewards. See {@link io.github.omniretail.engagement.Treatments}.
 */
module io.github.omniretail.engagement {
    requires transitive io.github.omniretail.core;
    requires transitive io.github.omniretail.checkout;
    requires org.slf4j;

    exports io.github.omniretail.engagement;
    exports io.github.omniretail.engagement.spi;
}

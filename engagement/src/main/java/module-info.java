/**
 * OmniRetail engagement (in progress, issue 22): geofences and location-based offers.
 */
module io.github.omniretail.engagement {
    requires transitive io.github.omniretail.core;

    exports io.github.omniretail.engagement;
}

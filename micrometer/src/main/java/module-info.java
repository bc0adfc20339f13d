/**
 * Micrometer metrics and Observations for the OmniRetail engines. See
 * {@link io.github.omniretail.micrometer.OmniRetailMetrics}.
 */
module io.github.omniretail.micrometer {
    requires transitive io.github.omniretail.core;
    requires transitive io.github.omniretail.checkout;
    requires transitive micrometer.core;
    requires transitive micrometer.observation;

    exports io.github.omniretail.micrometer;
}

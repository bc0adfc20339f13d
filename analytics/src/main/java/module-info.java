/**
 * OmniRetail analytics: retail KPIs ({@link io.github.omniretail.analytics.KpiTracker}), demand forecasts
 * ({@link io.github.omniretail.analytics.forecast.DemandForecaster}) and replenishment plans
 * ({@link io.github.omniretail.analytics.replenishment.ReplenishmentPlanner}).
 */
module io.github.omniretail.analytics {
    requires transitive io.github.omniretail.core;
    requires transitive io.github.omniretail.inventory;

    exports io.github.omniretail.analytics;
    exports io.github.omniretail.analytics.forecast;
    exports io.github.omniretail.analytics.replenishment;
}

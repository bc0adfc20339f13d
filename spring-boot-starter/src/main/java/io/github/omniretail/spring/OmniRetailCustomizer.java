package io.github.omniretail.spring;

import io.github.omniretail.checkout.Checkout;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.pricing.PricingEngine;
import io.github.omniretail.routing.RoutingEngine;

/**
 * Adjusts the builders of the auto-configured engines before they are built: declare one or more as beans and
 * override what you need (event sinks, rules, tiers, policies, shelf-life limits…). To replace an engine entirely,
 * declare a bean of its type instead. Implementations are called once each, at start-up, on one thread.
 */
public interface OmniRetailCustomizer {

    /** @param builder the inventory engine's builder (store, clock and batch listener already set) */
    default void inventory(InventoryEngine.Builder builder) {
    }

    /** @param builder the routing engine's builder (nodes and clock already set) */
    default void routing(RoutingEngine.Builder builder) {
    }

    /** @param builder the pricing engine's builder (clock and rules already set) */
    default void pricing(PricingEngine.Builder builder) {
    }

    /** @param builder the points ledger's builder (store, clock and batch listener already set) */
    default void ledger(PointsLedger.Builder builder) {
    }

    /** @param builder the checkout's builder (ledger, store, clock, zone and payment window already set) */
    default void checkout(Checkout.Builder builder) {
    }
}

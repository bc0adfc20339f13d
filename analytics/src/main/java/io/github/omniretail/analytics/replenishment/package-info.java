/**
 * Replenishment from forecasts: safety stock from a service level, reorder points and order-up-to levels per node,
 * and suggested transfers and supplier orders applied through the inventory engine. See
 * {@link io.github.omniretail.analytics.replenishment.ReplenishmentPlanner}.
 */
@NullMarked
package io.github.omniretail.analytics.replenishment;

import org.jspecify.annotations.NullMarked;

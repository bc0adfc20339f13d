/**
 * Order sourcing: {@link io.github.omniretail.routing.RoutingEngine} chooses which fulfilment nodes serve each
 * order line — nearest with stock, priority then distance, cost-optimal, or an ordered rule chain — over a
 * {@link io.github.omniretail.routing.SpatialIndex} of nodes, with same-day radius, pickup with transfer, node
 * daily capacity, an explicit {@link io.github.omniretail.routing.CostModel} and an
 * {@link io.github.omniretail.routing.Explanation} of every decision.
 */
@NullMarked
package io.github.omniretail.routing;

import org.jspecify.annotations.NullMarked;

/**
 * What an integrator plugs into routing: a {@link io.github.omniretail.routing.spi.RoutingStrategy} (given a
 * {@link io.github.omniretail.routing.spi.RoutingProblem} of lines and candidates, return an
 * {@link io.github.omniretail.routing.spi.Assignment}) and a {@link io.github.omniretail.routing.spi.ShippingCost}.
 */
@NullMarked
package io.github.omniretail.routing.spi;

import org.jspecify.annotations.NullMarked;

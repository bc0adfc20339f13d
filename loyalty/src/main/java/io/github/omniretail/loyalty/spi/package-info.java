/**
 * What an integrator plugs into loyalty: the
 * {@link io.github.omniretail.loyalty.spi.IdentityNormaliser} that turns raw channel identities into stored keys.
 */
package io.github.omniretail.loyalty.spi;

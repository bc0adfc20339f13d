/**
 * What an integrator plugs into loyalty: the {@link io.github.omniretail.loyalty.spi.IdentityNormaliser} that
 * turns raw channel identities into stored keys, the {@link io.github.omniretail.loyalty.spi.IdentityStore} that
 * keeps identity links, and the {@link io.github.omniretail.loyalty.spi.LedgerStore} that keeps the ledger.
 */
@NullMarked
package io.github.omniretail.loyalty.spi;

import org.jspecify.annotations.NullMarked;

/**
 * The contract every {@link io.github.omniretail.checkout.spi.CheckoutStore} keeps:
 * {@link io.github.omniretail.testkit.checkout.CheckoutStoreContract}.
 */
package io.github.omniretail.testkit.checkout;

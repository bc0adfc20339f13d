/**
 * The contract every {@link io.github.omniretail.checkout.spi.CheckoutStore} keeps:
 * {@link io.github.omniretail.testkit.checkout.CheckoutStoreContract}.
 */
@NullMarked
package io.github.omniretail.testkit.checkout;

import org.jspecify.annotations.NullMarked;

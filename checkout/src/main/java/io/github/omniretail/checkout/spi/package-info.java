/** Where the checkout keeps its orders ({@link io.github.omniretail.checkout.spi.CheckoutStore}) and their stored form. */
@NullMarked
package io.github.omniretail.checkout.spi;

import org.jspecify.annotations.NullMarked;

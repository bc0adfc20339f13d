/** The checkout: one order from cart to fulfilment and returns, over the inventory, routing, pricing and loyalty engines. */
@NullMarked
package io.github.omniretail.checkout;

import org.jspecify.annotations.NullMarked;

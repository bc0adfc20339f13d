/** What the pricing engine reads from outside: tier lookups, stock cover, price history, promotion ledgers. */
@NullMarked
package io.github.omniretail.pricing.spi;

import org.jspecify.annotations.NullMarked;

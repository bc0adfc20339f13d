/**
 * What modules read of each other without depending on each other: {@link io.github.omniretail.core.spi.StockView}
 * (stock, provided by inventory, read by routing).
 */
@NullMarked
package io.github.omniretail.core.spi;

import org.jspecify.annotations.NullMarked;

/**
 * What modules read of each other without depending on each other: {@link io.github.omniretail.core.spi.StockView}
 * (stock, provided by inventory, read by routing).
 */
package io.github.omniretail.core.spi;

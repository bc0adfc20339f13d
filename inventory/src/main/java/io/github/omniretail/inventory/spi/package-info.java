/**
 * What an integrator implements to keep inventory state elsewhere:
 * {@link io.github.omniretail.inventory.spi.InventoryStore}. Events and time come through core's
 * {@link io.github.omniretail.core.event.EventSink} and {@link java.time.Clock}.
 */
@NullMarked
package io.github.omniretail.inventory.spi;

import org.jspecify.annotations.NullMarked;

package io.github.omniretail.core.event;

/**
 * The category of events emitted by the inventory module: stock positions, holds, movements and low-stock signals.
 *
 * <p>Open for that module's event records to implement; other code should not implement it.
 */
public non-sealed interface InventoryEvent extends DomainEvent {
}

package io.github.omniretail.core.event;

/**
 * The category of events emitted by the routing module: fulfilment plans and node capacity.
 *
 * <p>Open for that module's event records to implement; other code should not implement it.
 */
public non-sealed interface RoutingEvent extends DomainEvent {
}

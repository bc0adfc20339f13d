package io.github.omniretail.core.event;

/**
 * The category of events emitted by the pricing module: published prices, promotions and experiments.
 *
 * <p>Open for that module's event records to implement; other code should not implement it.
 */
public non-sealed interface PricingEvent extends DomainEvent {
}

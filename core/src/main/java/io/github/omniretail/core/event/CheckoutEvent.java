package io.github.omniretail.core.event;

/**
 * An event from the checkout module: an order's journey moved (placed, refused, confirmed, cancelled, expired, a
 * shipment fulfilled, units returned). The concrete types live in {@code io.github.omniretail.checkout}.
 */
public non-sealed interface CheckoutEvent extends DomainEvent {
}

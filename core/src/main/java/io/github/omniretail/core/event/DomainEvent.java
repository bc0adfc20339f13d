package io.github.omniretail.core.event;

import java.time.Instant;

/**
 * Something that happened in an engine: stock received, a hold expired, points earned, a price published.
 *
 * <p>The hierarchy is closed at the top: every event belongs to exactly one module's category
 * ({@link InventoryEvent}, {@link RoutingEvent}, {@link LoyaltyEvent}, {@link PricingEvent}), so a consumer can
 * switch over categories exhaustively; each module defines its concrete event records under its category.
 * Events are immutable values; {@link #occurredAt()} comes from the engine's injected clock.
 */
public sealed interface DomainEvent permits InventoryEvent, RoutingEvent, LoyaltyEvent, PricingEvent,
        CheckoutEvent {

    /** @return the instant the change took effect, read from the emitting engine's clock; non-null */
    Instant occurredAt();

    /**
     * A stable, dotted name for the event's type, for logs, metrics and message topics, e.g.
     * {@code "inventory.hold.expired"}. Never changes between releases once published.
     *
     * @return the type name; non-null
     */
    String type();
}

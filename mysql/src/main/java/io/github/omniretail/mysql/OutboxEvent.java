package io.github.omniretail.mysql;

import io.github.omniretail.core.event.DomainEvent;
import java.util.Objects;

/**
 * An event delivered from the outbox, with its id.
 *
 * @param id positive id, the same on every delivery of this event: de-duplicate by it
 * @param event non-null event
 * @param <E> the event type: {@code StockEvent} from {@link InventoryOutbox}, {@code PointsEvent} from
 *     {@link LedgerOutbox}
 */
public record OutboxEvent<E extends DomainEvent>(long id, E event) {

    /** Checks the id and for null. */
    public OutboxEvent {
        if (id <= 0) {
            throw new IllegalArgumentException("event id must be positive, was " + id);
        }
        Objects.requireNonNull(event, "event");
    }
}

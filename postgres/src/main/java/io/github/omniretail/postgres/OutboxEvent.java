package io.github.omniretail.postgres;

import io.github.omniretail.inventory.StockEvent;
import java.util.Objects;

/**
 * An event delivered from the outbox, with its id.
 *
 * @param id positive id, the same on every delivery of this event: de-duplicate by it
 * @param event non-null event
 */
public record OutboxEvent(long id, StockEvent event) {

    /** Checks the id and for null. */
    public OutboxEvent {
        if (id <= 0) {
            throw new IllegalArgumentException("event id must be positive, was " + id);
        }
        Objects.requireNonNull(event, "event");
    }
}

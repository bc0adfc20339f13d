package io.github.omniretail.mysql;

import io.github.omniretail.core.event.EventSink;
import io.github.omniretail.core.event.LoyaltyEvent;
import io.github.omniretail.loyalty.PointsEvent;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The points-ledger outbox relay on MySQL: delivers the events of committed changes — written by the same transaction
 * as the change — to a consumer, <b>at least once</b>, in commit order per member (and in the order they happened
 * within a transaction), each with a stable id ({@link OutboxEvent#id()}) for de-duplication. Each consumer's
 * position is stored in the database, so delivery resumes where it stopped after a restart, on any instance.
 *
 * <p>A call of {@link #deliver} reads, in one transaction, up to {@code max} events the consumer has not passed,
 * hands them to the handler in order and moves the consumer's position past them; if the handler throws, the
 * transaction rolls back and the same events come again. An event that commits late is never skipped (see the
 * class comment of the relay's gate in the migration). Call it from your own scheduler; concurrent calls for one
 * consumer wait for each other. Thread-safe.
 */
public final class LedgerOutbox {

    private final Outbox<PointsEvent> outbox;

    LedgerOutbox(Outbox<PointsEvent> outbox) {
        this.outbox = outbox;
    }

    /**
     * Delivers up to {@code max} events to {@code handler}, oldest first.
     *
     * @param consumer non-null name of the consumer: 1–100 letters, digits or {@code . _ : -}
     * @param max events at most, 1..10,000
     * @param handler non-null handler; a throw rolls the delivery back (the events come again)
     * @return how many events were delivered
     * @throws IllegalArgumentException for a bad consumer name or {@code max}
     * @throws MySqlStoreException when the database stays unavailable
     */
    public int deliver(String consumer, int max, Consumer<? super OutboxEvent<PointsEvent>> handler) {
        return outbox.deliver(consumer, max, handler);
    }

    /**
     * Delivers up to {@code max} events to an event sink (without their ids).
     *
     * @param consumer non-null consumer name
     * @param max events at most, 1..10,000
     * @param sink non-null sink; a throw rolls the delivery back
     * @return how many events were delivered
     */
    public int deliverTo(String consumer, int max, EventSink<? super LoyaltyEvent> sink) {
        Objects.requireNonNull(sink, "sink");
        return deliver(consumer, max, e -> sink.publish(e.event()));
    }

    /**
     * Events the consumer has not passed yet (committed or about to be).
     *
     * @param consumer non-null consumer name
     * @return the count
     */
    public long backlog(String consumer) {
        return outbox.backlog(consumer);
    }

    /**
     * Deletes the events every consumer known to the outbox has passed (none if no consumer ever delivered).
     *
     * @return events deleted
     */
    public long prune() {
        return outbox.prune();
    }
}

package io.github.omniretail.core.event;

import java.util.Objects;

/**
 * Receives the events an engine emits. Every engine's builder accepts one; the default is {@link #none()}.
 *
 * <p>Contract for implementers: engines call {@link #publish(DomainEvent)} synchronously, on the thread that
 * made the change, after the change has taken effect, possibly from many threads at once — so a sink must be
 * thread-safe and quick (hand the event to a queue if the work is slow). A sink that throws does not undo the
 * change; engines log the exception and carry on.
 *
 * @param <E> the event type the sink accepts
 */
@FunctionalInterface
public interface EventSink<E extends DomainEvent> {

    /**
     * Receives one event.
     *
     * @param event non-null event
     */
    void publish(E event);

    /**
     * A sink that passes each event to this sink, then to {@code next}.
     *
     * @param next non-null second sink
     * @return the combined sink
     */
    default EventSink<E> andThen(EventSink<? super E> next) {
        Objects.requireNonNull(next, "next");
        return event -> {
            publish(event);
            next.publish(event);
        };
    }

    /**
     * The sink that ignores every event.
     *
     * @param <E> the event type
     * @return a stateless no-op sink
     */
    static <E extends DomainEvent> EventSink<E> none() {
        return event -> { };
    }
}

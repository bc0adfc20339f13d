package io.github.omniretail.inventory;

import io.github.omniretail.core.event.EventSink;
import io.github.omniretail.core.event.InventoryEvent;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both engines (in memory and stored) do around the kernel the same way: argument checks made before any
 * state is read, finding a hold's line, and handing events to the caller's sink. Stateless.
 */
final class EngineCalls {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryEngine.class);

    private EngineCalls() {
    }

    static void positive(int quantity, String name) {
        if (quantity <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + quantity);
        }
    }

    static void reason(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("reason must not be blank");
        }
    }

    /** Request line {@code index} of the hold (for a kit line: its first component's line). */
    static HoldState.Line line(HoldState hold, int index) {
        if (index < 0 || index >= hold.requestLines()) {
            throw new IllegalArgumentException("hold H-" + hold.id + " has lines 0.." + (hold.requestLines() - 1)
                    + ", not " + index);
        }
        return hold.lines[hold.first(index)];
    }

    /** Publishes each event; a sink that throws is logged and the change stands. {@code ev} may be null (silent). */
    static void publish(EventSink<InventoryEvent> sink, List<StockEvent> ev) {
        if (ev == null) {
            return;
        }
        for (StockEvent event : ev) {
            try {
                sink.publish(event);
            } catch (RuntimeException e) {
                LOG.warn("event sink failed on {}; the change stands", event.type(), e);
            }
        }
    }
}

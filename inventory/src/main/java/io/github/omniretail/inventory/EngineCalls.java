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

    static void revision(io.github.omniretail.core.Sku sku, io.github.omniretail.core.NodeId node, String receipt,
            int quantity, java.time.Instant eta) {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(eta, "eta");
        if (quantity < 0) {
            throw new IllegalArgumentException("receipt " + receipt + " of " + sku + " at " + node
                    + ": quantity must be >= 0 (0 cancels it), was " + quantity);
        }
    }

    static void landing(io.github.omniretail.core.Sku sku, io.github.omniretail.core.NodeId node, String receipt,
            int received) {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(receipt, "receipt");
        if (received < 0) {
            throw new IllegalArgumentException("receipt " + receipt + " of " + sku + " at " + node
                    + ": received must be >= 0, was " + received);
        }
    }

    static void lotChange(io.github.omniretail.core.Sku sku, io.github.omniretail.core.NodeId node, String lot,
            int delta, String reason) {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(lot, "lot");
        reason(reason);
        if (delta == 0) {
            throw new IllegalArgumentException("lot " + lot + " of " + sku + " at " + node + ": delta must not be 0");
        }
    }

    static void assembly(Kit recipe, io.github.omniretail.core.NodeId node, int units) {
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(node, "node");
        positive(units, "units");
    }

    static void backorderLimit(io.github.omniretail.core.Sku sku, io.github.omniretail.core.ChannelId channel,
            int units) {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(channel, "channel");
        if (units < 0) {
            throw new IllegalArgumentException("backorder limit of " + sku + " for " + channel
                    + " must be >= 0, was " + units);
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

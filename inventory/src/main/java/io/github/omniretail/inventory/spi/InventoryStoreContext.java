package io.github.omniretail.inventory.spi;

import io.github.omniretail.core.event.EventSink;
import io.github.omniretail.core.event.InventoryEvent;
import io.github.omniretail.inventory.InventorySnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link io.github.omniretail.inventory.InventoryEngine.Builder} hands to an {@link InventoryStore}: the
 * injected clock and event sink, and the settings. Immutable.
 *
 * @param clock non-null clock: the engine reads time only from it
 * @param events non-null sink for every event; {@code silent} tells whether it is the no-op default
 * @param silent true if no sink was set, so the engine may skip building events
 * @param autoRegister whether unknown SKUs and nodes are registered on first use
 * @param idempotencyRetention positive time idempotency keys are remembered
 * @param finalHoldRetention positive time final holds stay readable
 * @param restore a snapshot to start from, if any
 * @param minShelfLife per channel, the shelf life a lot must have left for the channel to take it (channels not
 *     listed take any unexpired lot); non-null, copied
 * @param batches non-null listener told about every batch a stored engine commits ({@link
 *     io.github.omniretail.core.spi.BatchListener#none()} by default)
 */
public record InventoryStoreContext(Clock clock, EventSink<InventoryEvent> events, boolean silent,
        boolean autoRegister, Duration idempotencyRetention, Duration finalHoldRetention,
        Optional<InventorySnapshot> restore, java.util.Map<io.github.omniretail.core.ChannelId, Duration> minShelfLife,
        io.github.omniretail.core.spi.BatchListener batches) {

    /**
     * A context without a batch listener.
     *
     * @param clock non-null clock
     * @param events non-null sink
     * @param silent true if no sink was set
     * @param autoRegister whether unknown SKUs and nodes are registered on first use
     * @param idempotencyRetention positive time idempotency keys are remembered
     * @param finalHoldRetention positive time final holds stay readable
     * @param restore a snapshot to start from, if any
     * @param minShelfLife per channel, the shelf life a lot must have left for the channel to take it
     */
    public InventoryStoreContext(Clock clock, EventSink<InventoryEvent> events, boolean silent, boolean autoRegister,
            Duration idempotencyRetention, Duration finalHoldRetention, Optional<InventorySnapshot> restore,
            java.util.Map<io.github.omniretail.core.ChannelId, Duration> minShelfLife) {
        this(clock, events, silent, autoRegister, idempotencyRetention, finalHoldRetention, restore, minShelfLife,
                io.github.omniretail.core.spi.BatchListener.none());
    }

    /**
     * A context without shelf-life rules.
     *
     * @param clock non-null clock
     * @param events non-null sink
     * @param silent true if no sink was set
     * @param autoRegister whether unknown SKUs and nodes are registered on first use
     * @param idempotencyRetention positive time idempotency keys are remembered
     * @param finalHoldRetention positive time final holds stay readable
     * @param restore a snapshot to start from, if any
     */
    public InventoryStoreContext(Clock clock, EventSink<InventoryEvent> events, boolean silent, boolean autoRegister,
            Duration idempotencyRetention, Duration finalHoldRetention, Optional<InventorySnapshot> restore) {
        this(clock, events, silent, autoRegister, idempotencyRetention, finalHoldRetention, restore,
                java.util.Map.of(), io.github.omniretail.core.spi.BatchListener.none());
    }

    /**
     * Checks for nulls and positive durations.
     *
     * @param clock non-null clock: the engine reads time only from it
     * @param events non-null sink for every event; {@code silent} tells whether it is the no-op default
     * @param silent true if no sink was set, so the engine may skip building events
     * @param autoRegister whether unknown SKUs and nodes are registered on first use
     * @param idempotencyRetention positive time idempotency keys are remembered
     * @param finalHoldRetention positive time final holds stay readable
     * @param restore a snapshot to start from, if any
     * @param minShelfLife per channel, the shelf life a lot must have left for the channel to take it
     * @param batches non-null batch listener
     */
    public InventoryStoreContext {
        minShelfLife = java.util.Map.copyOf(minShelfLife);
        Objects.requireNonNull(batches, "batches");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(idempotencyRetention, "idempotencyRetention");
        Objects.requireNonNull(finalHoldRetention, "finalHoldRetention");
        Objects.requireNonNull(restore, "restore");
        if (idempotencyRetention.isNegative() || idempotencyRetention.isZero()
                || finalHoldRetention.isNegative() || finalHoldRetention.isZero()) {
            throw new IllegalArgumentException("retentions must be positive, were " + idempotencyRetention + " and "
                    + finalHoldRetention);
        }
    }
}

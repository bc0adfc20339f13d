package io.github.omniretail.routing;

import io.github.omniretail.inventory.HoldId;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link RoutingEngine#routeAndReserve}: the plan, with its stock held and node capacity consumed,
 * or the last routing result saying why nothing could be reserved.
 *
 * @param key non-null the caller's idempotency key
 * @param hold the inventory hold (one line per shipment line), empty if nothing was reserved
 * @param result non-null the last routing result; its explanation notes every re-route
 * @param attempts routing attempts made, {@code >= 1}
 */
public record Reservation(String key, Optional<HoldId> hold, RoutingResult result, int attempts) {

    /**
     * Checks for nulls.
     *
     * @param key non-null the caller's idempotency key
     * @param hold the inventory hold, empty if nothing was reserved
     * @param result non-null the last routing result
     * @param attempts routing attempts made
     */
    public Reservation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(hold, "hold");
        Objects.requireNonNull(result, "result");
        if (hold.isPresent() && result.plan().isEmpty()) {
            throw new IllegalArgumentException("a reservation with a hold needs a plan");
        }
    }

    /** @return true if stock is held and capacity consumed */
    public boolean reserved() {
        return hold.isPresent();
    }

    /** @return the reserved plan, or empty */
    public Optional<FulfillmentPlan> plan() {
        return hold.isPresent() ? result.plan() : Optional.empty();
    }
}

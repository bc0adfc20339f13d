package io.github.omniretail.routing;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import java.time.Instant;
import java.util.List;

/** What the routing engine publishes: daily capacity taken and given back. Immutable and thread-safe. */
public sealed interface RouteEvent extends io.github.omniretail.core.event.RoutingEvent
        permits RouteEvent.CapacityTaken, RouteEvent.CapacityReleased {

    /**
     * A plan took one order of capacity at each of its nodes that has one.
     *
     * @param occurredAt when
     * @param key the key it was taken under
     * @param nodes the nodes of the plan
     */
    record CapacityTaken(Instant occurredAt, IdempotencyKey key, List<NodeId> nodes) implements RouteEvent {
        /** Copies. */
        public CapacityTaken {
            nodes = List.copyOf(nodes);
        }

        @Override
        public String type() {
            return "routing.capacity.taken";
        }
    }

    /**
     * Capacity taken under a key was given back.
     *
     * @param occurredAt when
     * @param key the key
     */
    record CapacityReleased(Instant occurredAt, IdempotencyKey key) implements RouteEvent {
        @Override
        public String type() {
            return "routing.capacity.released";
        }
    }
}

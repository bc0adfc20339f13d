package io.github.omniretail.routing;

import io.github.omniretail.core.NodeId;
import io.github.omniretail.inventory.HoldId;
import java.time.Instant;
import java.util.List;

/** The events the routing engine publishes. A closed set. */
public sealed interface RouteEvent extends io.github.omniretail.core.event.RoutingEvent
        permits RouteEvent.PlanReserved, RouteEvent.PlanCancelled {

    /**
     * A plan was reserved: stock held, node capacity consumed.
     *
     * @param occurredAt when (engine clock)
     * @param key the caller's key
     * @param hold the inventory hold
     * @param nodes the nodes used
     * @param attempts routing attempts it took
     */
    record PlanReserved(Instant occurredAt, String key, HoldId hold, List<NodeId> nodes, int attempts)
            implements RouteEvent {
        @Override
        public String type() {
            return "routing.plan.reserved";
        }
    }

    /**
     * A reserved plan was cancelled: hold released, capacity returned.
     *
     * @param occurredAt when (engine clock)
     * @param key the caller's key
     * @param hold the released hold
     */
    record PlanCancelled(Instant occurredAt, String key, HoldId hold) implements RouteEvent {
        @Override
        public String type() {
            return "routing.plan.cancelled";
        }
    }
}

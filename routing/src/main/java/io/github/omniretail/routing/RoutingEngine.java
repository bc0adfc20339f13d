package io.github.omniretail.routing;

import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Order;
import io.github.omniretail.core.event.EventSink;
import io.github.omniretail.core.event.RoutingEvent;
import io.github.omniretail.inventory.InventoryEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses which nodes fulfil an order, at checkout, from live stock.
 *
 * <p>Candidates are the nearest nodes to the delivery point (a {@link SpatialIndex}, never a scan of every node)
 * that have the capability the delivery method needs (ship, same-day within the node's radius, pickup), and order
 * capacity left on the node's local calendar day. Their available-to-promise comes from the inventory engine,
 * from the order channel's point of view. The policy's strategy assigns lines to them; the engine checks the
 * assignment, prices it with the cost model and explains every candidate's verdict.
 *
 * <p>Pickup orders go to the pickup node if it can serve every line; otherwise the missing lines are transferred
 * from the best other nodes to it (it must accept transfers), with a ready-by estimate.
 *
 * <p>{@link #routeAndReserve} routes, consumes capacity and places the inventory hold all-or-nothing; if stock
 * moved in between it re-routes, a bounded number of times, and says so in the explanation. It is idempotent
 * under the caller's key.
 *
 * <p>Thread-safe: routing reads shared immutable indexes and the thread-safe inventory engine; capacity counters
 * are atomic.
 */
public interface RoutingEngine {

    /**
     * A builder.
     *
     * @param inventory non-null inventory engine that holds the stock
     * @return a new builder; not thread-safe
     */
    static Builder builder(InventoryEngine inventory) {
        return new Builder(inventory);
    }

    /**
     * Plans an order with the default policy, reserving nothing.
     *
     * @param order non-null order
     * @return a plan, or what is missing
     * @throws IllegalArgumentException for a pickup at an unknown node or at a node without {@code PICKUP}
     */
    RoutingResult route(Order order);

    /**
     * Plans an order, reserving nothing.
     *
     * @param order non-null order
     * @param policy non-null policy
     * @return a plan, or what is missing
     * @throws IllegalArgumentException for a pickup at an unknown node or at a node without {@code PICKUP}
     */
    RoutingResult route(Order order, RoutingPolicy policy);

    /**
     * Plans an order, consumes node capacity and holds the stock, all or nothing; re-routes (at most the builder's
     * retry count) when stock moved between planning and holding. Idempotent under {@code key}.
     *
     * @param key non-blank caller key
     * @param order non-null order
     * @param policy non-null policy
     * @param holdTtl positive time-to-live of the inventory hold
     * @return the reservation; {@link Reservation#reserved()} is false, with nothing reserved, when the order
     *     cannot be fulfilled (the result says what is missing)
     * @throws RoutingConflictException if the key was used for a different order
     */
    Reservation routeAndReserve(String key, Order order, RoutingPolicy policy, Duration holdTtl);

    /**
     * Cancels a reserved plan: releases its hold and returns its capacity. Idempotent.
     *
     * @param key the key the plan was reserved with
     * @return the cancelled reservation, or empty if none is known under the key
     */
    Optional<Reservation> cancel(String key);

    /**
     * Adds or replaces a node (opened, closed by removing its capabilities, moved, new capacity).
     *
     * @param node non-null node
     * @throws IllegalArgumentException if the node holds stock (any type but {@code PICKUP_POINT}) and the inventory
     *     engine does not know it ({@link InventoryEngine#knowsNode}) and does not auto-register (if it does, the
     *     node is registered there now)
     */
    void updateNode(FulfillmentNode node);

    /**
     * Removes a node from routing.
     *
     * @param node non-null node id
     */
    void removeNode(NodeId node);

    /**
     * Orders a node can still take on a local calendar day.
     *
     * @param node non-null node
     * @param day non-null day in the node's time zone
     * @return orders left, {@link Integer#MAX_VALUE} if unlimited
     */
    int capacityLeft(NodeId node, LocalDate day);

    /** @return the current node index */
    SpatialIndex index();

    /** Builds a {@link RoutingEngine}. Each setting may be set once. Not thread-safe. */
    final class Builder {
        private final InventoryEngine inventory;
        private final List<FulfillmentNode> nodes = new ArrayList<>();
        private Clock clock;
        private EventSink<? super RoutingEvent> events;
        private RoutingPolicy policy;
        private Integer retries;

        Builder(InventoryEngine inventory) {
            this.inventory = Objects.requireNonNull(inventory, "inventory");
        }

        private static void once(Object current, String setting) {
            if (current != null) {
                throw new IllegalStateException(setting + " is already set");
            }
        }

        /**
         * Adds nodes to the network.
         *
         * @param network non-null nodes
         * @return this builder
         */
        public Builder nodes(Collection<FulfillmentNode> network) {
            nodes.addAll(network);
            return this;
        }

        /**
         * The clock. Default {@link Clock#systemUTC()}.
         *
         * @param clock non-null clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            once(this.clock, "clock");
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Where events go. Default {@link EventSink#none()}.
         *
         * @param sink non-null sink
         * @return this builder
         */
        public Builder eventSink(EventSink<? super RoutingEvent> sink) {
            once(this.events, "eventSink");
            this.events = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * The default policy. Default {@link RoutingPolicy#nearestWithStock()}.
         *
         * @param policy non-null policy
         * @return this builder
         */
        public Builder defaultPolicy(RoutingPolicy policy) {
            once(this.policy, "defaultPolicy");
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * How many times route-and-reserve re-routes when stock moved. Default 3.
         *
         * @param retries 0..10
         * @return this builder
         */
        public Builder retries(int retries) {
            once(this.retries, "retries");
            if (retries < 0 || retries > 10) {
                throw new IllegalArgumentException("retries must be 0..10, was " + retries);
            }
            this.retries = retries;
            return this;
        }

        /**
         * Builds the engine.
         *
         * @return a thread-safe engine
         * @throws IllegalArgumentException if a node that holds stock (any type but {@code PICKUP_POINT}) is not
         *     known to the inventory engine ({@link InventoryEngine#knowsNode}), which would make routing see it as
         *     empty; an auto-registering inventory registers such nodes instead
         */
        @SuppressWarnings("unchecked")
        public RoutingEngine build() {
            return new MemoryRoutingEngine(inventory, nodes, clock != null ? clock : Clock.systemUTC(),
                    events != null ? (EventSink<RoutingEvent>) events : EventSink.none(),
                    policy != null ? policy : RoutingPolicy.nearestWithStock(), retries != null ? retries : 3);
        }
    }
}

package io.github.omniretail.routing;

import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Order;
import io.github.omniretail.core.event.EventSink;
import io.github.omniretail.core.event.RoutingEvent;
import io.github.omniretail.core.spi.StockView;
import java.time.Clock;
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
 * capacity left on the node's local calendar day. Their available-to-promise comes from a {@link StockView} (the
 * inventory engine's {@code stockView()}), from the order channel's point of view. The policy's strategy assigns
 * lines to them; the engine checks the assignment, prices it with the cost model and explains every candidate's
 * verdict.
 *
 * <p>Pickup orders go to the pickup node if it can serve every line; otherwise the missing lines are transferred
 * from the best other nodes to it (it must accept transfers), with a ready-by estimate.
 *
 * <p>Routing holds nothing: the checkout (or your own code) holds the stock of a plan. {@link #takeCapacity} takes
 * a plan's daily order capacity at its nodes, all or none, under a key; {@link #releaseCapacity} gives it back.
 *
 * <p>Thread-safe: routing reads shared immutable indexes and the thread-safe stock view; capacity is counted under
 * one lock.
 */
public interface RoutingEngine {

    /**
     * A builder.
     *
     * @param stock non-null stock the routes are planned on: {@code inventory.stockView()}
     * @return a new builder; not thread-safe
     */
    static Builder builder(StockView stock) {
        return new Builder(stock);
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
     * Plans a sale handed over at a node's counter (a till sale, scan-and-go): every line from that node's own
     * shelf, in one shipment, with no transfer and no daily order capacity taken (the customer picks the goods), at
     * no shipping or handling cost, ready now. Reserves nothing.
     *
     * @param order non-null order whose delivery is a {@link io.github.omniretail.core.DeliveryMethod.Pickup} at
     *     the counter's node
     * @return a plan, or what the shelf lacks (each SKU with the units wanted and available)
     * @throws IllegalArgumentException if the delivery is not a pickup, or its node is unknown or without
     *     {@code PICKUP}
     */
    RoutingResult routeAtCounter(Order order);

    /**
     * Plans a pre-sale (预售): one node ships every line once its expected receipts bring enough, read through
     * {@link StockView#availableFrom}. Among the nearest nodes that can serve the delivery (for a pickup, the pickup
     * node itself), the one ready soonest by {@code latestPromise} is chosen (ties: the nearer). The plan's
     * {@link FulfillmentPlan#readyBy()} is that node's promise date plus the handling time; its shipment arrives a
     * delivery time later. Takes no daily capacity (the day is not known yet). Reserves nothing.
     *
     * @param order non-null order
     * @param policy non-null policy (its cost model and how many candidates to look at)
     * @param latestPromise non-null latest acceptable promise date of the stock
     * @return a plan, or why no node can promise the order by then (each candidate's reason in the explanation)
     * @throws IllegalArgumentException for a pickup at an unknown node or at a node without {@code PICKUP}
     */
    RoutingResult routePresale(Order order, RoutingPolicy policy, java.time.Instant latestPromise);

    /**
     * Takes one order of daily capacity at every node of the plan that has a capacity (on each node's local day),
     * all or none. Idempotent under {@code key}: taking again under it takes nothing more.
     *
     * @param key non-null key (the checkout's {@code <order key>/capacity-<attempt>})
     * @param plan non-null plan from {@link #route}
     * @return true when taken (now or before); false, taking nothing, when a node filled up since the plan
     */
    boolean takeCapacity(IdempotencyKey key, FulfillmentPlan plan);

    /**
     * Gives back the capacity {@code key} took (an order cancelled, expired or re-routed). Idempotent.
     *
     * @param key non-null key given to {@link #takeCapacity}
     * @return whether the key had taken capacity that is now given back
     */
    boolean releaseCapacity(IdempotencyKey key);

    /**
     * Adds or replaces a node (opened, closed by removing its capabilities, moved, new capacity).
     *
     * @param node non-null node
     * @throws IllegalArgumentException if the node holds stock (any type but {@code PICKUP_POINT}) and the stock
     *     view does not track it ({@link StockView#tracks}; an auto-registering inventory registers it then)
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
        private final StockView stock;
        private final List<FulfillmentNode> nodes = new ArrayList<>();
        private Clock clock;
        private EventSink<? super RoutingEvent> events;
        private RoutingPolicy policy;

        Builder(StockView stock) {
            this.stock = Objects.requireNonNull(stock, "stock");
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
         * Builds the engine.
         *
         * @return a thread-safe engine
         * @throws IllegalArgumentException if a node that holds stock (any type but {@code PICKUP_POINT}) is not
         *     tracked by the stock view ({@link StockView#tracks}), which would make routing see it as empty; an
         *     auto-registering inventory registers such nodes instead
         */
        @SuppressWarnings("unchecked")
        public RoutingEngine build() {
            return new MemoryRoutingEngine(stock, nodes, clock != null ? clock : Clock.systemUTC(),
                    events != null ? (EventSink<RoutingEvent>) events : EventSink.none(),
                    policy != null ? policy : RoutingPolicy.nearestWithStock());
        }
    }
}

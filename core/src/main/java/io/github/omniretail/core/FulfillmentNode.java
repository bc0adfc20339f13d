package io.github.omniretail.core;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A place that holds stock and fulfils orders: a distribution centre, store, dark store or pickup point.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder(NodeId, NodeType, GeoPoint, ZoneId)} or the
 * canonical constructor. The zone has no default: a node's local day (daily order capacity, opening hours, evening
 * markdowns) is only right in its own zone, so every node names it — {@code ZoneOffset.UTC} too, if that is meant.
 *
 * @param id non-null node identifier
 * @param name non-blank display name ({@code "Xuhui flagship"})
 * @param type non-null node type
 * @param location non-null position of the node
 * @param zone non-null time zone of the node: local opening hours, daily capacity and markdown schedules use it
 * @param capabilities non-null set of capabilities (copied; may be empty for a node that is closed for orders)
 * @param sameDayRadiusMetres radius of same-day delivery in metres, present (and positive) exactly when the node
 *     has {@link NodeCapability#SAME_DAY}
 * @param dailyOrderCapacity maximum orders per local calendar day, if limited; present values are {@code >= 0}
 * @param priority the retailer's preference for this node: lower numbers are preferred; any int
 */
public record FulfillmentNode(
        NodeId id,
        String name,
        NodeType type,
        GeoPoint location,
        ZoneId zone,
        Set<NodeCapability> capabilities,
        OptionalLong sameDayRadiusMetres,
        OptionalInt dailyOrderCapacity,
        int priority) {

    /**
     * Validates every field and copies the capability set.
     *
     * @param id non-null node identifier
     * @param name non-blank display name ({@code "Xuhui flagship"})
     * @param type non-null node type
     * @param location non-null position of the node
     * @param zone non-null time zone of the node: local opening hours, daily capacity and markdown schedules use it
     * @param capabilities non-null set of capabilities (copied; may be empty for a node that is closed for orders)
     * @param sameDayRadiusMetres radius of same-day delivery in metres, present (and positive) exactly when the node has {@link NodeCapability#SAME_DAY}
     * @param dailyOrderCapacity maximum orders per local calendar day, if limited; present values are {@code >= 0}
     * @param priority the retailer's preference for this node: lower numbers are preferred; any int
     */
    public FulfillmentNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(sameDayRadiusMetres, "sameDayRadiusMetres");
        Objects.requireNonNull(dailyOrderCapacity, "dailyOrderCapacity");
        name = name.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("node " + id + ": name must not be blank");
        }
        capabilities = copyCapabilities(capabilities);
        boolean sameDay = capabilities.contains(NodeCapability.SAME_DAY);
        if (sameDay && sameDayRadiusMetres.isEmpty()) {
            throw new IllegalArgumentException("node " + id + " has SAME_DAY but no same-day radius");
        }
        if (!sameDay && sameDayRadiusMetres.isPresent()) {
            throw new IllegalArgumentException("node " + id + " has a same-day radius of "
                    + sameDayRadiusMetres.getAsLong() + " m but lacks the SAME_DAY capability");
        }
        if (sameDayRadiusMetres.isPresent() && sameDayRadiusMetres.getAsLong() <= 0) {
            throw new IllegalArgumentException("node " + id + ": same-day radius must be > 0 m, was "
                    + sameDayRadiusMetres.getAsLong());
        }
        if (dailyOrderCapacity.isPresent() && dailyOrderCapacity.getAsInt() < 0) {
            throw new IllegalArgumentException("node " + id + ": daily order capacity must be >= 0, was "
                    + dailyOrderCapacity.getAsInt());
        }
    }

    /**
     * Whether the node has {@code capability}.
     *
     * @param capability non-null capability
     * @return true if present
     */
    public boolean can(NodeCapability capability) {
        return capabilities.contains(capability);
    }

    /**
     * Whether {@code destination} lies within this node's same-day radius (false if the node has no same-day).
     *
     * @param destination non-null point
     * @return true if same-day delivery from this node can reach it
     */
    public boolean sameDayReaches(GeoPoint destination) {
        return sameDayRadiusMetres.isPresent()
                && location.distanceMetres(destination) <= sameDayRadiusMetres.getAsLong();
    }

    /**
     * A builder with the required fields set; name defaults to the id's text, capabilities to none, priority to 0.
     * The zone is required because the node's local day depends on it (there is no UTC default that would silently
     * reset a Beijing store's daily capacity at 08:00 local time).
     *
     * @param id non-null node id
     * @param type non-null type
     * @param location non-null location
     * @param zone non-null time zone of the node, e.g. {@code ZoneId.of("Asia/Shanghai")}
     * @return a new builder; not thread-safe
     */
    public static Builder builder(NodeId id, NodeType type, GeoPoint location, ZoneId zone) {
        return new Builder(id, type, location, zone);
    }

    /** @return a builder initialised from this node, for changing a few fields */
    public Builder toBuilder() {
        Builder b = new Builder(id, type, location, zone).name(name).capabilities(capabilities).priority(priority);
        b.sameDayRadiusMetres = sameDayRadiusMetres;
        b.dailyOrderCapacity = dailyOrderCapacity;
        return b;
    }

    private static Set<NodeCapability> copyCapabilities(Collection<NodeCapability> capabilities) {
        EnumSet<NodeCapability> copy = EnumSet.noneOf(NodeCapability.class);
        for (NodeCapability c : capabilities) {
            copy.add(Objects.requireNonNull(c, "capability"));
        }
        return Collections.unmodifiableSet(copy);
    }

    /** Builds a {@link FulfillmentNode}. Not thread-safe; {@link #build()} validates. */
    public static final class Builder {
        private final NodeId id;
        private final NodeType type;
        private final GeoPoint location;
        private String name;
        private ZoneId zone;
        private final EnumSet<NodeCapability> capabilities = EnumSet.noneOf(NodeCapability.class);
        private OptionalLong sameDayRadiusMetres = OptionalLong.empty();
        private OptionalInt dailyOrderCapacity = OptionalInt.empty();
        private int priority;

        private Builder(NodeId id, NodeType type, GeoPoint location, ZoneId zone) {
            this.id = Objects.requireNonNull(id, "id");
            this.type = Objects.requireNonNull(type, "type");
            this.location = Objects.requireNonNull(location, "location");
            this.zone = Objects.requireNonNull(zone, "zone");
            this.name = id.value();
        }

        /**
         * Sets the display name.
         *
         * @param name non-blank name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Changes the node's time zone (set first in {@link FulfillmentNode#builder}).
         *
         * @param zone non-null zone, e.g. {@code ZoneId.of("Asia/Shanghai")}
         * @return this builder
         */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * Replaces the capabilities.
         *
         * @param capabilities non-null capabilities
         * @return this builder
         */
        public Builder capabilities(Collection<NodeCapability> capabilities) {
            Objects.requireNonNull(capabilities, "capabilities");
            this.capabilities.clear();
            capabilities.forEach(c -> this.capabilities.add(Objects.requireNonNull(c, "capability")));
            return this;
        }

        /**
         * Replaces the capabilities.
         *
         * @param capabilities the capabilities
         * @return this builder
         */
        public Builder capabilities(NodeCapability... capabilities) {
            return capabilities(Arrays.asList(capabilities));
        }

        /**
         * Adds {@link NodeCapability#SAME_DAY} with this delivery radius.
         *
         * @param radiusMetres radius in metres, {@code > 0}
         * @return this builder
         */
        public Builder sameDay(long radiusMetres) {
            this.capabilities.add(NodeCapability.SAME_DAY);
            this.sameDayRadiusMetres = OptionalLong.of(radiusMetres);
            return this;
        }

        /**
         * Limits the orders per local calendar day.
         *
         * @param orders orders per day, {@code >= 0}
         * @return this builder
         */
        public Builder dailyOrderCapacity(int orders) {
            this.dailyOrderCapacity = OptionalInt.of(orders);
            return this;
        }

        /**
         * Sets the priority (lower is preferred).
         *
         * @param priority any int
         * @return this builder
         */
        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /**
         * Builds the node.
         *
         * @return the node
         * @throws IllegalArgumentException if the fields are inconsistent (see {@link FulfillmentNode})
         */
        public FulfillmentNode build() {
            return new FulfillmentNode(id, name, type, location, zone, capabilities, sameDayRadiusMetres,
                    dailyOrderCapacity, priority);
        }
    }
}

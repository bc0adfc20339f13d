package io.github.omniretail.routing;

import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.core.Sku;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One node's part of a plan: what it ships, how far, what it costs, and when it arrives.
 *
 * @param node non-null shipping node
 * @param type non-null node type
 * @param lines non-empty lines shipped from the node (copied)
 * @param distanceMetres great-circle distance to the destination (for a transfer: to the pickup node)
 * @param cost non-null shipping + handling + lateness + shelf cost of this shipment
 * @param estimatedArrival non-null estimated delivery (or, for a transfer, arrival at the pickup node)
 * @param transferTo the pickup node this shipment is transferred to, if it is a transfer leg
 */
public record Shipment(NodeId node, NodeType type, List<Line> lines, double distanceMetres, Money cost,
        Instant estimatedArrival, Optional<NodeId> transferTo) {

    /**
     * Units of one SKU in a shipment.
     *
     * @param sku non-null SKU
     * @param quantity units, {@code > 0}
     */
    public record Line(Sku sku, int quantity) {

        /**
         * Validates.
         *
         * @param sku non-null SKU
         * @param quantity units, {@code > 0}
         */
        public Line {
            Objects.requireNonNull(sku, "sku");
            if (quantity <= 0) {
                throw new IllegalArgumentException("shipment line " + sku + ": quantity must be > 0, was " + quantity);
            }
        }
    }

    /**
     * Copies the lines.
     *
     * @param node non-null shipping node
     * @param type non-null node type
     * @param lines non-empty lines shipped from the node
     * @param distanceMetres great-circle distance to the destination
     * @param cost non-null cost of this shipment
     * @param estimatedArrival non-null estimated arrival
     * @param transferTo the pickup node this shipment is transferred to, if a transfer leg
     */
    public Shipment {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(estimatedArrival, "estimatedArrival");
        Objects.requireNonNull(transferTo, "transferTo");
        lines = List.copyOf(lines);
    }

    /** @return units over all lines */
    public long units() {
        return lines.stream().mapToLong(Line::quantity).sum();
    }
}

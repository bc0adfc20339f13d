package io.github.omniretail.routing.spi;

import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.core.Sku;
import io.github.omniretail.routing.CostModel;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One routing decision to make: the order's lines (one per SKU), the candidates by increasing distance, the
 * options, and the cost of any assignment under the policy's {@link CostModel}. Not thread-safe: one call owns it.
 */
public final class RoutingProblem {

    /**
     * An order line as routed: one SKU and its total quantity.
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
                throw new IllegalArgumentException("line " + sku + ": quantity must be > 0, was " + quantity);
            }
        }
    }

    private final List<Line> lines;
    private final List<Candidate> candidates;
    private final boolean allowSplitLines;
    private final int maxShipments;
    private final CostModel costs;
    private final Instant now;
    private final Optional<Instant> promisedBy;

    /**
     * Creates a problem.
     *
     * @param lines non-empty lines
     * @param candidates candidates by increasing distance
     * @param allowSplitLines whether a line may be split over several nodes
     * @param maxShipments the most shipments a plan may have, {@code >= 1}
     * @param costs non-null cost model
     * @param now non-null current instant
     * @param promisedBy the order's promise, if any
     */
    public RoutingProblem(List<Line> lines, List<Candidate> candidates, boolean allowSplitLines, int maxShipments,
            CostModel costs, Instant now, Optional<Instant> promisedBy) {
        this.lines = List.copyOf(lines);
        this.candidates = List.copyOf(candidates);
        this.allowSplitLines = allowSplitLines;
        this.maxShipments = maxShipments;
        this.costs = Objects.requireNonNull(costs, "costs");
        this.now = Objects.requireNonNull(now, "now");
        this.promisedBy = Objects.requireNonNull(promisedBy, "promisedBy");
    }

    /**
     * The same problem with splitting lines allowed or not.
     *
     * @param allow whether a line may be split over several nodes
     * @return the problem (this one if unchanged)
     */
    public RoutingProblem withSplitLines(boolean allow) {
        return allow == allowSplitLines ? this
                : new RoutingProblem(lines, candidates, allow, maxShipments, costs, now, promisedBy);
    }

    /** @return the lines, one per SKU */
    public List<Line> lines() {
        return lines;
    }

    /** @return the candidates, nearest first */
    public List<Candidate> candidates() {
        return candidates;
    }

    /** @return whether a line may be split over several nodes */
    public boolean allowSplitLines() {
        return allowSplitLines;
    }

    /** @return the most shipments a plan may have */
    public int maxShipments() {
        return maxShipments;
    }

    /** @return the cost model */
    public CostModel costs() {
        return costs;
    }

    /**
     * The fixed cost of one shipment from {@code candidate}: shipping, handling and lateness.
     *
     * @param candidate the candidate
     * @return the cost
     */
    public Money shipmentCost(Candidate candidate) {
        Money cost = costs.shippingCost(candidate.distanceMetres(), candidate.node().type())
                .plus(costs.handlingPerShipment());
        if (promisedBy.isPresent()) {
            Instant arrival = now.plus(costs.deliveryTime(candidate.distanceMetres()));
            Duration late = Duration.between(promisedBy.get(), arrival);
            if (!late.isNegative() && !late.isZero()) {
                long hours = (late.toSeconds() + 3_599) / 3_600;
                cost = cost.plus(costs.latenessPerHour().times(hours));
            }
        }
        return cost;
    }

    /**
     * The cost per unit taken from {@code candidate}: the shelf cost at stores, else zero.
     *
     * @param candidate the candidate
     * @return the cost per unit
     */
    public Money unitCost(Candidate candidate) {
        return candidate.node().type() == NodeType.STORE ? costs.storeUnitCost() : Money.zero(costs.currency());
    }

    /**
     * The total cost of an assignment: shipments, split penalty and shelf costs.
     *
     * @param assignment non-null assignment
     * @return the total cost
     */
    public Money cost(Assignment assignment) {
        Money total = Money.zero(costs.currency());
        Set<Integer> used = new HashSet<>();
        for (Assignment.Allocation a : assignment.allocations()) {
            Candidate c = candidates.get(a.candidate());
            if (used.add(a.candidate())) {
                total = total.plus(shipmentCost(c));
            }
            total = total.plus(unitCost(c).times(a.quantity()));
        }
        return total.plus(costs.splitPenalty().times(Math.max(0, used.size() - 1)));
    }
}

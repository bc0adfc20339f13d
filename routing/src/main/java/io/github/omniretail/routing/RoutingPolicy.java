package io.github.omniretail.routing;

import io.github.omniretail.routing.spi.RoutingStrategy;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to route: the strategy and its options. Immutable and thread-safe; change options with the
 * {@code with…} methods.
 *
 * @param name non-blank name for explanations
 * @param strategy non-null strategy
 * @param allowSplitLines whether one line may be shipped from several nodes
 * @param maxCandidates how many nearest nodes are considered, 1..1,000 (default 20)
 * @param maxShipments the most shipments a plan may have, {@code >= 1} (default 3)
 * @param costModel the cost model; empty means {@link CostModel#standard} in the order's currency
 */
public record RoutingPolicy(String name, RoutingStrategy strategy, boolean allowSplitLines, int maxCandidates,
        int maxShipments, Optional<CostModel> costModel) {

    /**
     * Validates.
     *
     * @param name non-blank name for explanations
     * @param strategy non-null strategy
     * @param allowSplitLines whether one line may be shipped from several nodes
     * @param maxCandidates how many nearest nodes are considered, 1..1,000
     * @param maxShipments the most shipments a plan may have, {@code >= 1}
     * @param costModel the cost model; empty means the standard one in the order's currency
     */
    public RoutingPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(costModel, "costModel");
        if (maxCandidates < 1 || maxCandidates > 1_000) {
            throw new IllegalArgumentException("maxCandidates must be 1..1000, was " + maxCandidates);
        }
        if (maxShipments < 1) {
            throw new IllegalArgumentException("maxShipments must be >= 1, was " + maxShipments);
        }
    }

    /**
     * The nearest single node that can ship every line; else the fewest nodes, then the shortest total distance.
     *
     * @return the policy
     */
    public static RoutingPolicy nearestWithStock() {
        return rules("nearest with stock", PlanRule.FEWEST_SHIPMENTS, PlanRule.SHORTEST_DISTANCE);
    }

    /**
     * Nodes in the retailer's priority order, then by distance, lines filled greedily (what MSI and Saleor do).
     *
     * @return the policy
     */
    public static RoutingPolicy priorityThenDistance() {
        return new RoutingPolicy("priority then distance", new PriorityStrategy(), true, 20, 3, Optional.empty());
    }

    /**
     * The lowest total cost under the cost model: exact for small orders, greedy beyond (see the guide).
     *
     * @return the policy
     */
    public static RoutingPolicy costOptimal() {
        return new RoutingPolicy("cost-optimal", new CostOptimalStrategy(), true, 20, 3, Optional.empty());
    }

    /**
     * An ordered rule chain, e.g. fewest shipments, then stay in region, then closest.
     *
     * @param name non-blank name
     * @param rules one or more rules, most important first
     * @return the policy
     */
    public static RoutingPolicy rules(String name, PlanRule... rules) {
        if (rules.length == 0) {
            throw new IllegalArgumentException("a rule chain needs at least one rule");
        }
        return new RoutingPolicy(name, new SubsetStrategy(List.of(rules)), false, 20, 3, Optional.empty());
    }

    /**
     * A policy with a custom strategy.
     *
     * @param name non-blank name
     * @param strategy non-null strategy
     * @return the policy
     */
    public static RoutingPolicy custom(String name, RoutingStrategy strategy) {
        return new RoutingPolicy(name, strategy, true, 20, 3, Optional.empty());
    }

    /**
     * This policy under another name: give a variant of a policy its own name where policies are looked up by name
     * (a store reading orders back, a configuration file).
     *
     * @param name non-blank name
     * @return the new policy
     */
    public RoutingPolicy withName(String name) {
        return new RoutingPolicy(name, strategy, allowSplitLines, maxCandidates, maxShipments, costModel);
    }

    /**
     * This policy allowing or forbidding split lines.
     *
     * @param allow whether a line may be split over nodes
     * @return the new policy
     */
    public RoutingPolicy withSplitLines(boolean allow) {
        return new RoutingPolicy(name, strategy, allow, maxCandidates, maxShipments, costModel);
    }

    /**
     * This policy with another candidate count.
     *
     * @param candidates 1..1,000
     * @return the new policy
     */
    public RoutingPolicy withMaxCandidates(int candidates) {
        return new RoutingPolicy(name, strategy, allowSplitLines, candidates, maxShipments, costModel);
    }

    /**
     * This policy with another shipment limit.
     *
     * @param shipments {@code >= 1}
     * @return the new policy
     */
    public RoutingPolicy withMaxShipments(int shipments) {
        return new RoutingPolicy(name, strategy, allowSplitLines, maxCandidates, shipments, costModel);
    }

    /**
     * This policy with a cost model.
     *
     * @param model non-null cost model
     * @return the new policy
     */
    public RoutingPolicy withCostModel(CostModel model) {
        return new RoutingPolicy(name, strategy, allowSplitLines, maxCandidates, maxShipments, Optional.of(model));
    }
}

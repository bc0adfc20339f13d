package io.github.omniretail.routing;

import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.routing.spi.Assignment;
import io.github.omniretail.routing.spi.RoutingProblem;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One rule of an ordered rule chain ("minimise splits, then stay in region, then closest"): a key to minimise.
 * Plans are compared by the first rule, ties broken by the next. Immutable and thread-safe.
 */
public final class PlanRule {

    /** Fewer shipments first. */
    public static final PlanRule FEWEST_SHIPMENTS = new PlanRule("fewest shipments",
            (p, a) -> a.shipments());
    /** Shorter total distance (sum over shipments) first. */
    public static final PlanRule SHORTEST_DISTANCE = new PlanRule("shortest distance", (p, a) -> a.allocations()
            .stream().mapToInt(Assignment.Allocation::candidate).distinct()
            .mapToDouble(c -> p.candidates().get(c).distanceMetres()).sum());
    /** Lower total cost under the policy's cost model first. */
    public static final PlanRule LOWEST_COST = new PlanRule("lowest cost",
            (p, a) -> p.cost(a).minorUnits());
    /** Nodes the retailer prefers (lower {@link FulfillmentNode#priority()}) first: the sum of priorities. */
    public static final PlanRule PRIORITY = new PlanRule("node priority", (p, a) -> a.allocations().stream()
            .mapToInt(Assignment.Allocation::candidate).distinct()
            .map(c -> p.candidates().get(c).node().priority()).sum());

    /** The key a plan is ranked by; lower is better. */
    @FunctionalInterface
    interface Key {
        double of(RoutingProblem problem, Assignment assignment);
    }

    private final String name;
    private final Key key;

    private PlanRule(String name, Key key) {
        this.name = name;
        this.key = key;
    }

    /**
     * Fewer shipments from nodes outside {@code preferred} first, e.g. "stay in region".
     *
     * @param description non-null words for explanations, e.g. {@code "stay in Zhejiang"}
     * @param preferred non-null predicate of preferred nodes
     * @return the rule
     */
    public static PlanRule prefer(String description, Predicate<? super FulfillmentNode> preferred) {
        Objects.requireNonNull(preferred, "preferred");
        return new PlanRule(Objects.requireNonNull(description, "description"), (p, a) -> a.allocations().stream()
                .mapToInt(Assignment.Allocation::candidate).distinct()
                .filter(c -> !preferred.test(p.candidates().get(c).node())).count());
    }

    double key(RoutingProblem problem, Assignment assignment) {
        return key.of(problem, assignment);
    }

    @Override
    public String toString() {
        return name;
    }
}

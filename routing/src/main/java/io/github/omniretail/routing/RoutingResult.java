package io.github.omniretail.routing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of routing an order: a plan, or a clear "cannot fulfil" saying what is missing. Either way the
 * explanation has a verdict for every candidate considered.
 *
 * @param plan the plan, empty if the order cannot be fulfilled under the policy
 * @param missing what is missing when there is no plan, in words (copied; empty with a plan)
 * @param explanation non-null explanation
 */
public record RoutingResult(Optional<FulfillmentPlan> plan, List<String> missing, Explanation explanation) {

    /**
     * Copies.
     *
     * @param plan the plan, or empty
     * @param missing what is missing when there is no plan
     * @param explanation non-null explanation
     */
    public RoutingResult {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(explanation, "explanation");
        missing = List.copyOf(missing);
    }

    /** @return true if there is a plan */
    public boolean fulfillable() {
        return plan.isPresent();
    }
}

package io.github.omniretail.routing.spi;

import java.util.Optional;

/**
 * Decides which candidates ship which lines. The engine finds the candidates (nearest first, with capability,
 * radius and capacity applied), asks the strategy, then checks the answer — a strategy can never make the engine
 * promise more than a node's ATP, use a node without capacity, or miss a unit — and prices and explains it.
 *
 * <p>Implementations must be thread-safe (one instance serves concurrent calls) and deterministic.
 */
@FunctionalInterface
public interface RoutingStrategy {

    /**
     * Chooses an assignment.
     *
     * @param problem non-null problem: lines, candidates by increasing distance, options and the cost model
     * @return an assignment covering every unit of every line, or empty if the strategy finds none
     */
    Optional<Assignment> choose(RoutingProblem problem);
}

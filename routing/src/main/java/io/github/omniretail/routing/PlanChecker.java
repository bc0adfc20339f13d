package io.github.omniretail.routing;

import io.github.omniretail.routing.spi.Assignment;
import io.github.omniretail.routing.spi.Candidate;
import io.github.omniretail.routing.spi.RoutingProblem;
import java.util.List;

/**
 * Checks a strategy's assignment before a plan is built from it: strategies may be the caller's code, so an
 * assignment that promises more than a node's ATP, uses a node at daily capacity, misses or adds a unit, or needs
 * more shipments than the policy allows is refused with {@link IllegalStateException} naming what is wrong.
 * Stateless; thread-safe.
 */
final class PlanChecker {

    private PlanChecker() {
    }

    /** A strategy may be custom code: never promise more than ATP, use a full node, or miss a unit. */
    static void check(RoutingProblem p, Assignment a) {
        int lines = p.lines().size();
        long[] covered = new long[lines];
        List<Assignment.Allocation> all = a.allocations();
        for (int i = 0; i < all.size(); i++) {
            Assignment.Allocation al = all.get(i);
            if (al.candidate() >= p.candidates().size() || al.line() >= lines) {
                throw new IllegalStateException("strategy returned an allocation outside the problem: " + al);
            }
            Candidate c = p.candidates().get(al.candidate());
            if (c.capacityLeft() <= 0) {
                throw new IllegalStateException("strategy used " + c.node().id() + ", which has no capacity left");
            }
            long sum = 0;
            for (Assignment.Allocation other : all) {
                if (other.candidate() == al.candidate() && other.line() == al.line()) {
                    sum += other.quantity();
                }
            }
            if (sum > c.atp(al.line())) {
                throw new IllegalStateException("strategy assigned " + sum + " of " + p.lines().get(al.line()).sku()
                        + " to " + c.node().id() + ", which can promise " + c.atp(al.line()));
            }
            covered[al.line()] += al.quantity();
        }
        for (int l = 0; l < lines; l++) {
            if (covered[l] != p.lines().get(l).quantity()) {
                throw new IllegalStateException("strategy assigned " + covered[l] + " of " + p.lines().get(l).sku()
                        + ", the order has " + p.lines().get(l).quantity());
            }
        }
        if (a.shipments() > p.maxShipments()) {
            throw new IllegalStateException("strategy used " + a.shipments() + " shipments, the policy allows "
                    + p.maxShipments());
        }
    }
}

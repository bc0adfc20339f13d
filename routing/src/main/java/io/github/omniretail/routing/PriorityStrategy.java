package io.github.omniretail.routing;

import io.github.omniretail.routing.spi.Assignment;
import io.github.omniretail.routing.spi.Candidate;
import io.github.omniretail.routing.spi.RoutingProblem;
import io.github.omniretail.routing.spi.RoutingStrategy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What Magento MSI and Saleor do, for retailers who want it: nodes in priority order (then distance), each line
 * filled greedily from the first nodes that have it (whole lines unless splitting is allowed).
 */
final class PriorityStrategy implements RoutingStrategy {

    /** Stateless: every instance is equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PriorityStrategy;
    }

    @Override
    public int hashCode() {
        return PriorityStrategy.class.hashCode();
    }


    @Override
    public Optional<Assignment> choose(RoutingProblem p) {
        List<Candidate> order = new ArrayList<>();
        for (Candidate c : p.candidates()) {
            if (c.capacityLeft() > 0) {
                order.add(c);
            }
        }
        order.sort(Comparator.comparingInt((Candidate c) -> c.node().priority())
                .thenComparingDouble(Candidate::distanceMetres));
        List<Assignment.Allocation> out = new ArrayList<>();
        for (int l = 0; l < p.lines().size(); l++) {
            int need = p.lines().get(l).quantity();
            for (Candidate c : order) {
                if (need == 0) {
                    break;
                }
                int take = p.allowSplitLines() ? Math.min(need, c.atp(l)) : (c.covers(l, need) ? need : 0);
                if (take > 0) {
                    out.add(new Assignment.Allocation(c.index(), l, take));
                    need -= take;
                }
            }
            if (need > 0) {
                return Optional.empty();
            }
        }
        Assignment a = new Assignment(out);
        return a.shipments() <= p.maxShipments() ? Optional.of(a) : Optional.empty();
    }

    @Override
    public String toString() {
        return "priority then distance";
    }
}

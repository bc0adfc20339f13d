package io.github.omniretail.routing;

import io.github.omniretail.routing.spi.Assignment;
import io.github.omniretail.routing.spi.Candidate;
import io.github.omniretail.routing.spi.RoutingProblem;
import io.github.omniretail.routing.spi.RoutingStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lowest-cost plan under the policy's {@link CostModel}.
 *
 * <p><b>Exact</b> (branch and bound) over every assignment of whole lines to candidates, when the search space is
 * at most {@value #EXACT_LIMIT} assignments (for example 5 lines over the 20 nearest candidates): lines with the
 * fewest possible nodes are assigned first; a branch is cut when its cost so far plus the cheapest possible shelf
 * cost of the remaining lines reaches the best plan found, which is a valid lower bound because shipment costs
 * are never negative — so the result is provably the minimum. <b>Beyond</b> that it is greedy: each line (most
 * constrained first) goes to the node with the lowest marginal cost given the nodes already used, then single
 * lines are moved while any move lowers the total; if that exceeds the shipment limit, the exhaustive
 * fewest-shipments search over node sets decides, so the heuristic never fails where a plan exists. A line no single candidate can cover is split over the
 * nearest candidates first (when the policy allows splits) and those nodes count as used.
 */
final class CostOptimalStrategy implements RoutingStrategy {

    static final long EXACT_LIMIT = 20_000_000L;

    private final long exactLimit;

    CostOptimalStrategy() {
        this(EXACT_LIMIT);
    }

    /** With a smaller exact-search limit (0 forces the greedy heuristic; for tests). */
    CostOptimalStrategy(long exactLimit) {
        this.exactLimit = exactLimit;
    }

    /** Stateless but for its limit: equal when the limits are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CostOptimalStrategy s && s.exactLimit == exactLimit;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(exactLimit);
    }

    @Override
    public Optional<Assignment> choose(RoutingProblem p) {
        List<Candidate> cs = p.candidates();
        int lines = p.lines().size();
        int[] qty = p.lines().stream().mapToInt(RoutingProblem.Line::quantity).toArray();
        long[] ship = new long[cs.size()];
        long[] unit = new long[cs.size()];
        for (Candidate c : cs) {
            ship[c.index()] = p.shipmentCost(c).minorUnits();
            unit[c.index()] = p.unitCost(c).minorUnits();
        }
        long split = p.costs().splitPenalty().minorUnits();
        boolean[] open = new boolean[cs.size()];
        int opened = 0;
        long base = 0;
        List<Assignment.Allocation> fixed = new ArrayList<>();
        List<Integer> free = new ArrayList<>();
        int[][] feasible = new int[lines][];
        for (int l = 0; l < lines; l++) {
            int q = qty[l];
            int line = l;
            feasible[l] = cs.stream().filter(c -> c.capacityLeft() > 0 && c.covers(line, q))
                    .mapToInt(Candidate::index).toArray();
            if (feasible[l].length > 0) {
                free.add(l);
                continue;
            }
            if (!p.allowSplitLines()) {
                return Optional.empty();
            }
            int need = q;
            for (Candidate c : cs) {
                int take = c.capacityLeft() > 0 ? Math.min(need, c.atp(l)) : 0;
                if (take > 0) {
                    fixed.add(new Assignment.Allocation(c.index(), l, take));
                    base += unit[c.index()] * take;
                    if (!open[c.index()]) {
                        open[c.index()] = true;
                        base += ship[c.index()] + (opened > 0 ? split : 0);
                        opened++;
                    }
                    need -= take;
                }
                if (need == 0) {
                    break;
                }
            }
            if (need > 0) {
                return Optional.empty();
            }
        }
        int[] order = free.stream().sorted((a, b) -> Integer.compare(feasible[a].length, feasible[b].length))
                .mapToInt(Integer::intValue).toArray();
        double space = 1;
        for (int l : order) {
            space *= feasible[l].length;
        }
        Search s = new Search(order, feasible, qty, ship, unit, split, p.maxShipments());
        int[] choice = space <= exactLimit ? s.exact(open, opened, base) : s.greedy(open, opened, base);
        if (choice == null) {
            // The greedy opened too many nodes for the shipment limit: fall back to the fewest-shipments search,
            // which is exhaustive over node sets, so the heuristic is never infeasible where a plan exists.
            return fixed.isEmpty() ? new SubsetStrategy(List.of(PlanRule.FEWEST_SHIPMENTS, PlanRule.LOWEST_COST))
                    .choose(p.withSplitLines(false)) : Optional.empty();
        }
        List<Assignment.Allocation> out = new ArrayList<>(fixed);
        for (int i = 0; i < order.length; i++) {
            out.add(new Assignment.Allocation(choice[i], order[i], qty[order[i]]));
        }
        if (out.isEmpty()) {
            return Optional.empty();
        }
        Assignment a = new Assignment(out);
        return a.shipments() <= p.maxShipments() ? Optional.of(a) : Optional.empty();
    }

    /** The search over whole-line assignments of the free lines, costs in minor units. */
    private static final class Search {
        final int[] order;
        final int[][] feasible;
        final int[] qty;
        final long[] ship;
        final long[] unit;
        final long split;
        final int maxShipments;
        final long[] restBound; // cheapest possible shelf cost of lines order[i..]
        long best = Long.MAX_VALUE;
        int[] bestChoice;

        Search(int[] order, int[][] feasible, int[] qty, long[] ship, long[] unit, long split, int maxShipments) {
            this.order = order;
            this.feasible = feasible;
            this.qty = qty;
            this.ship = ship;
            this.unit = unit;
            this.split = split;
            this.maxShipments = maxShipments;
            this.restBound = new long[order.length + 1];
            for (int i = order.length - 1; i >= 0; i--) {
                long min = Long.MAX_VALUE;
                for (int c : feasible[order[i]]) {
                    min = Math.min(min, unit[c] * qty[order[i]]);
                }
                restBound[i] = restBound[i + 1] + min;
            }
        }

        int[] exact(boolean[] open, int opened, long cost) {
            dfs(0, open.clone(), opened, cost, new int[order.length]);
            return bestChoice;
        }

        private void dfs(int i, boolean[] open, int opened, long cost, int[] choice) {
            if (cost + restBound[i] >= best) {
                return;
            }
            if (i == order.length) {
                best = cost;
                bestChoice = choice.clone();
                return;
            }
            int line = order[i];
            // Already-open nodes first: they add no shipment cost, so good plans are found early.
            for (int pass = 0; pass < 2; pass++) {
                for (int c : feasible[line]) {
                    if (open[c] != (pass == 0)) {
                        continue;
                    }
                    long next = cost + unit[c] * qty[line];
                    if (!open[c]) {
                        if (opened + 1 > maxShipments) {
                            continue;
                        }
                        next += ship[c] + (opened > 0 ? split : 0);
                        open[c] = true;
                        choice[i] = c;
                        dfs(i + 1, open, opened + 1, next, choice);
                        open[c] = false;
                    } else {
                        choice[i] = c;
                        dfs(i + 1, open, opened, next, choice);
                    }
                }
            }
        }

        int[] greedy(boolean[] open0, int opened0, long base) {
            boolean[] open = open0.clone();
            int opened = opened0;
            int[] choice = new int[order.length];
            for (int i = 0; i < order.length; i++) {
                int line = order[i];
                long bestMarginal = Long.MAX_VALUE;
                int pick = -1;
                for (int c : feasible[line]) {
                    long m = unit[c] * qty[line] + (open[c] ? 0 : ship[c] + (opened > 0 ? split : 0));
                    if (!open[c] && opened + 1 > maxShipments) {
                        continue;
                    }
                    if (m < bestMarginal) {
                        bestMarginal = m;
                        pick = c;
                    }
                }
                if (pick < 0) {
                    return null;
                }
                if (!open[pick]) {
                    open[pick] = true;
                    opened++;
                }
                choice[i] = pick;
            }
            // Local improvement: move one line at a time while the total falls.
            boolean improved = true;
            while (improved) {
                improved = false;
                long current = total(choice, open0);
                for (int i = 0; i < order.length && !improved; i++) {
                    int keep = choice[i];
                    for (int c : feasible[order[i]]) {
                        if (c == keep) {
                            continue;
                        }
                        choice[i] = c;
                        long t = total(choice, open0);
                        if (t < current && shipments(choice, open0) <= maxShipments) {
                            improved = true;
                            break;
                        }
                        choice[i] = keep;
                    }
                }
            }
            return choice;
        }

        private long total(int[] choice, boolean[] open0) {
            boolean[] open = open0.clone();
            int opened = 0;
            for (boolean b : open) {
                opened += b ? 1 : 0;
            }
            long t = 0;
            for (int c = 0; c < open0.length; c++) {
                if (open0[c]) {
                    t += ship[c];
                }
            }
            for (int i = 0; i < choice.length; i++) {
                int c = choice[i];
                t += unit[c] * qty[order[i]];
                if (!open[c]) {
                    open[c] = true;
                    t += ship[c];
                    opened++;
                }
            }
            return t + split * Math.max(0, opened - 1);
        }

        private int shipments(int[] choice, boolean[] open0) {
            boolean[] open = open0.clone();
            for (int c : choice) {
                open[c] = true;
            }
            int n = 0;
            for (boolean b : open) {
                n += b ? 1 : 0;
            }
            return n;
        }
    }

    @Override
    public String toString() {
        return "cost-optimal";
    }

}

package io.github.omniretail.routing;

import io.github.omniretail.routing.spi.Assignment;
import io.github.omniretail.routing.spi.Candidate;
import io.github.omniretail.routing.spi.RoutingProblem;
import io.github.omniretail.routing.spi.RoutingStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ordered rule chains over node sets: plans with 1, 2, … {@code maxShipments} nodes, each line given to the
 * nearest node of the set that covers it (or split nearest-first where allowed), ranked by the rules. With
 * "fewest shipments" first it stops at the smallest set size that works; nearest-with-stock is
 * [fewest shipments, shortest distance] and returns the nearest single node that covers everything without
 * reading the stock of farther nodes.
 */
final class SubsetStrategy implements RoutingStrategy {

    private final List<PlanRule> rules;

    SubsetStrategy(List<PlanRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Equal when the rules are the same (so equal policies compare equal, e.g. when a store reads one back). */
    @Override
    public boolean equals(Object o) {
        return o instanceof SubsetStrategy s && s.rules.equals(rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    /** Whether this is nearest-with-stock: the first node (nearest first) that covers everything wins. */
    boolean nearestFirst() {
        return rules.size() > 1 && rules.get(0) == PlanRule.FEWEST_SHIPMENTS && rules.get(1) == PlanRule.SHORTEST_DISTANCE;
    }

    @Override
    public Optional<Assignment> choose(RoutingProblem p) {
        List<RoutingProblem.Line> lines = p.lines();
        int[] quantities = new int[lines.size()];
        for (int l = 0; l < quantities.length; l++) {
            quantities[l] = lines.get(l).quantity();
        }
        boolean fewestFirst = !rules.isEmpty() && rules.get(0) == PlanRule.FEWEST_SHIPMENTS;
        boolean nearestFirst = fewestFirst && rules.size() > 1 && rules.get(1) == PlanRule.SHORTEST_DISTANCE;
        List<Candidate> usable = new ArrayList<>();
        Assignment best = null;
        double[] bestKey = null;
        for (Candidate c : p.candidates()) {
            if (c.capacityLeft() <= 0) {
                continue;
            }
            usable.add(c);
            boolean all = true;
            for (int l = 0; l < lines.size() && all; l++) {
                all = c.covers(l, quantities[l]);
            }
            if (all) {
                Assignment single = Assignment.wholeLines(filled(lines.size(), c.index()), quantities);
                if (nearestFirst) {
                    return Optional.of(single); // candidates come nearest first
                }
                double[] key = keys(p, single);
                if (bestKey == null || compare(key, bestKey) < 0) {
                    best = single;
                    bestKey = key;
                }
            }
        }
        if (best != null && fewestFirst) {
            return Optional.of(best);
        }
        int n = usable.size();
        for (int size = 2; size <= Math.min(p.maxShipments(), n); size++) {
            int[] pick = new int[size];
            for (int i = 0; i < size; i++) {
                pick[i] = i;
            }
            while (true) {
                Assignment a = assign(p, usable, pick, quantities);
                if (a != null && a.shipments() == size) {
                    double[] key = keys(p, a);
                    if (bestKey == null || compare(key, bestKey) < 0) {
                        best = a;
                        bestKey = key;
                    }
                }
                if (!next(pick, n)) {
                    break;
                }
            }
            if (best != null && fewestFirst) {
                break;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Each line to the nearest chosen node covering it, or split nearest-first; null if impossible. */
    private static Assignment assign(RoutingProblem p, List<Candidate> usable, int[] pick, int[] quantities) {
        List<Assignment.Allocation> out = new ArrayList<>();
        for (int l = 0; l < quantities.length; l++) {
            boolean done = false;
            for (int i : pick) {
                Candidate c = usable.get(i);
                if (c.covers(l, quantities[l])) {
                    out.add(new Assignment.Allocation(c.index(), l, quantities[l]));
                    done = true;
                    break;
                }
            }
            if (!done && p.allowSplitLines()) {
                int need = quantities[l];
                List<Assignment.Allocation> parts = new ArrayList<>();
                for (int i : pick) {
                    Candidate c = usable.get(i);
                    int take = Math.min(need, c.atp(l));
                    if (take > 0) {
                        parts.add(new Assignment.Allocation(c.index(), l, take));
                        need -= take;
                    }
                    if (need == 0) {
                        break;
                    }
                }
                if (need == 0) {
                    out.addAll(parts);
                    done = true;
                }
            }
            if (!done) {
                return null;
            }
        }
        return new Assignment(out);
    }

    private double[] keys(RoutingProblem p, Assignment a) {
        double[] k = new double[rules.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = rules.get(i).key(p, a);
        }
        return k;
    }

    private static int compare(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = Double.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    /** Next combination in lexicographic order; false after the last. */
    static boolean next(int[] pick, int n) {
        int k = pick.length;
        int i = k - 1;
        while (i >= 0 && pick[i] == n - k + i) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        pick[i]++;
        for (int j = i + 1; j < k; j++) {
            pick[j] = pick[j - 1] + 1;
        }
        return true;
    }

    @Override
    public String toString() {
        return "rules " + rules;
    }
}

package io.github.omniretail.pricing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The best-deal search (stacking mode {@link StackingMode#BEST_DEAL}): which eligible promotions, applied together
 * under the stacking rules (one per exclusivity group, a non-stackable promotion only alone), save the customer the
 * most, and why each one left out lost. Works over one {@link PromotionCalculator}; not thread-safe.
 */
final class BestDealSearch {

    private final PromotionCalculator calc;

    BestDealSearch(PromotionCalculator calc) {
        this.calc = calc;
    }

    /**
     * The combination with the largest saving; ties go to fewer promotions, then to lower priority numbers. Exact
     * over every valid combination up to {@code exactLimit} eligible promotions; beyond, a greedy build-up then
     * single swaps while they help. Left-out promotions are reported with the rule that decided.
     *
     * @param exactLimit most eligible promotions searched exhaustively
     * @return the chosen combination applied
     */
    PromotionCalculator.Outcome run(int exactLimit) {
        List<Integer> viable = new ArrayList<>();
        for (int p = 0; p < calc.candidates.size(); p++) {
            if (calc.ineligible[p] == null) {
                viable.add(p);
            }
        }
        int v = viable.size();
        boolean[] best = new boolean[calc.candidates.size()];
        PromotionCalculator.Outcome bestOutcome = calc.apply(best, null);
        if (v <= exactLimit) {
            for (long mask = 1; mask < (1L << v); mask++) {
                boolean[] include = new boolean[calc.candidates.size()];
                for (int k = 0; k < v; k++) {
                    if ((mask & (1L << k)) != 0) {
                        include[viable.get(k)] = true;
                    }
                }
                if (!valid(include)) {
                    continue;
                }
                PromotionCalculator.Outcome outcome = calc.apply(include, null);
                if (better(outcome, include, bestOutcome, best)) {
                    bestOutcome = outcome;
                    best = include;
                }
            }
        } else {
            boolean improved = true;
            while (improved) { // greedy build-up
                improved = false;
                boolean[] step = null;
                PromotionCalculator.Outcome stepOutcome = bestOutcome;
                for (int p : viable) {
                    if (best[p]) {
                        continue;
                    }
                    boolean[] include = best.clone();
                    include[p] = true;
                    if (valid(include)) {
                        PromotionCalculator.Outcome outcome = calc.apply(include, null);
                        if (outcome.saving() > stepOutcome.saving()) {
                            stepOutcome = outcome;
                            step = include;
                        }
                    }
                }
                if (step != null) {
                    best = step;
                    bestOutcome = stepOutcome;
                    improved = true;
                }
            }
            for (int pass = 0; pass < v; pass++) { // single swaps while they help
                Swap swap = betterSwap(viable, best, bestOutcome);
                if (swap == null) {
                    break;
                }
                best = swap.include();
                bestOutcome = swap.outcome();
            }
        }
        boolean[] chosen = best;
        long saving = bestOutcome.saving();
        return calc.apply(best, p -> leftOut(p, chosen, saving));
    }

    /**
     * Why the best-deal search left an eligible promotion out, naming the deciding rule: the group member or the
     * non-stackable promotion it lost to, or what became of its offer beside the chosen ones.
     */
    private String leftOut(int p, boolean[] best, long saving) {
        Promotion promotion = calc.candidates.get(p);
        String largest = "the combination with the largest saving (" + calc.money(saving) + ")";
        List<String> chosen = new ArrayList<>();
        for (int q = 0; q < best.length; q++) {
            if (best[q]) {
                chosen.add(calc.candidates.get(q).id());
            }
        }
        for (int q = 0; q < best.length; q++) {
            if (best[q] && promotion.group().isPresent() && promotion.group().equals(calc.candidates.get(q).group())) {
                return "excluded by group " + promotion.group().get() + ": " + calc.candidates.get(q).id() + " is in "
                        + largest + "; this one alone saves " + calc.money(calc.apply(only(p), null).saving());
            }
        }
        for (int q = 0; q < best.length; q++) {
            if (best[q] && !calc.candidates.get(q).stackable()) {
                return "not stackable: " + calc.candidates.get(q).id() + " applies alone and saves more (" + calc.money(saving)
                        + " against " + calc.money(calc.apply(only(p), null).saving()) + " for this one)";
            }
        }
        if (!promotion.stackable() && !chosen.isEmpty()) {
            return "not stackable: it applies alone and saves " + calc.money(calc.apply(only(p), null).saving()) + "; "
                    + String.join(" + ", chosen) + " together save " + calc.money(saving);
        }
        boolean[] with = best.clone();
        with[p] = true;
        if (valid(with)) {
            for (RejectedPromotion r : calc.apply(with, null).rejected()) {
                if (r.promotionId().equals(promotion.id())) {
                    return r.reason() + (chosen.isEmpty() ? "" : " (beside " + String.join(" + ", chosen) + ")");
                }
            }
            return "best deal: adds nothing to " + largest;
        }
        return "best deal: not in " + largest;
    }

    private boolean[] only(int p) {
        boolean[] include = new boolean[calc.candidates.size()];
        include[p] = true;
        return include;
    }

    /** A combination reached by one swap, with its outcome. */
    private record Swap(boolean[] include, PromotionCalculator.Outcome outcome) {
    }

    /** The first swap (one promotion out, another in) that saves more, or null. */
    private Swap betterSwap(List<Integer> viable, boolean[] current, PromotionCalculator.Outcome outcome) {
        for (int out : viable) {
            if (!current[out]) {
                continue;
            }
            for (int in : viable) {
                if (current[in]) {
                    continue;
                }
                boolean[] include = current.clone();
                include[out] = false;
                include[in] = true;
                if (valid(include)) {
                    PromotionCalculator.Outcome candidate = calc.apply(include, null);
                    if (candidate.saving() > outcome.saving()) {
                        return new Swap(include, candidate);
                    }
                }
            }
        }
        return null;
    }

    private boolean better(PromotionCalculator.Outcome a, boolean[] includeA, PromotionCalculator.Outcome b, boolean[] includeB) {
        if (a.saving() != b.saving()) {
            return a.saving() > b.saving();
        }
        if (a.applied().size() != b.applied().size()) {
            return a.applied().size() < b.applied().size();
        }
        for (int p = 0; p < includeA.length; p++) { // lower priorities first
            if (includeA[p] != includeB[p]) {
                return includeA[p];
            }
        }
        return false;
    }

    /** At most one per group; a non-stackable promotion only alone. */
    private boolean valid(boolean[] include) {
        Map<String, Integer> groups = new HashMap<>();
        int count = 0;
        boolean alone = false;
        for (int p = 0; p < include.length; p++) {
            if (!include[p]) {
                continue;
            }
            count++;
            Promotion promotion = calc.candidates.get(p);
            if (!promotion.stackable()) {
                alone = true;
            }
            if (promotion.group().isPresent() && groups.put(promotion.group().get(), p) != null) {
                return false;
            }
        }
        return !alone || count == 1;
    }
}

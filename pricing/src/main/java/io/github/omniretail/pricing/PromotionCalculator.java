package io.github.omniretail.pricing;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.Sku;
import io.github.omniretail.pricing.spi.PromotionLedger;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies promotions to priced cart lines: eligibility, explicit stacking, exact allocation, floor and budget caps,
 * and the best-deal search with the reason each left-out promotion lost. One instance per cart quote; not
 * thread-safe. Above ~600 lines because the offers' discount arithmetic still lives here as an {@code instanceof}
 * chain; moving it onto each sealed {@code Offer} is part of the engine split in issue 18.
 */
final class PromotionCalculator {

    /** What applying a list of promotions gave. */
    record Outcome(long[] net, long shippingDiscount, Map<String, long[]> lineDiscounts, List<AppliedPromotion> applied,
            List<RejectedPromotion> rejected, long saving) {
    }

    private final Sku[] skus;
    private final int[] quantities;
    private final long[] amounts;
    private final long[] floors;
    private final boolean[][] targets;
    private final long shipping;
    private final List<Promotion> candidates;
    private final String[] ineligible;
    private final PromotionLedger ledger;
    private final Currency currency;
    private final RoundingMode rounding;

    private final Map<String, Experiment> experiments;

    PromotionCalculator(List<LineQuote> lines, long shipping, List<Promotion> candidates, PricingContext context,
            Optional<String> tier, PricingRules rules, PromotionLedger ledger, java.util.Set<String> couponCodes,
            boolean floorGuard, Map<String, Experiment> experiments) {
        this.experiments = experiments;
        int n = lines.size();
        this.skus = new Sku[n];
        this.quantities = new int[n];
        this.amounts = new long[n];
        this.floors = new long[n];
        for (int i = 0; i < n; i++) {
            LineQuote line = lines.get(i);
            skus[i] = line.item().sku();
            quantities[i] = line.quantity();
            amounts[i] = line.amount().minorUnits();
            floors[i] = floorGuard ? line.item().floor().map(f -> Math.multiplyExact(f.minorUnits(),
                    (long) line.quantity())).orElse(0L) : 0;
        }
        this.shipping = shipping;
        this.candidates = candidates;
        this.ledger = ledger;
        this.currency = rules.currency();
        this.rounding = rules.rounding();
        this.targets = new boolean[candidates.size()][];
        this.ineligible = new String[candidates.size()];
        LocalDateTime local = LocalDateTime.ofInstant(context.at(), context.zone());
        Map<Sku, Integer> lineOf = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            lineOf.put(skus[i], i);
        }
        for (int p = 0; p < candidates.size(); p++) {
            Promotion promotion = candidates.get(p);
            boolean[] hits = new boolean[n];
            Eligibility eligibility = promotion.eligibility();
            if (promotion.offer() instanceof Offer.Bundle bundle) {
                mark(hits, lineOf, bundle.items().keySet());
            } else if (eligibility.targetsEverything()) {
                java.util.Arrays.fill(hits, true);
            } else {
                mark(hits, lineOf, eligibility.skus());
                if (!eligibility.categories().isEmpty()) {
                    for (int i = 0; i < n; i++) {
                        if (!hits[i]) {
                            for (String c : rules.categories(skus[i])) {
                                if (eligibility.categories().contains(c)) {
                                    hits[i] = true;
                                    break;
                                }
                            }
                        }
                    }
                }
            }
            int units = 0;
            for (int i = 0; i < n; i++) {
                if (hits[i]) {
                    units += quantities[i];
                }
            }
            targets[p] = hits;
            ineligible[p] = ineligibility(promotion, context, tier, local, units, couponCodes);
        }
    }

    private static void mark(boolean[] hits, Map<Sku, Integer> lineOf, java.util.Set<Sku> targets) {
        for (Sku sku : targets) {
            Integer at = lineOf.get(sku);
            if (at != null) {
                hits[at] = true;
            }
        }
    }

    private String ineligibility(Promotion p, PricingContext context, Optional<String> tier, LocalDateTime local,
            int units, java.util.Set<String> couponCodes) {
        Eligibility e = p.eligibility();
        if (!e.channels().isEmpty() && !e.channels().contains(context.channel())) {
            return "not on channel " + context.channel() + " (runs on " + sorted(e.channels()) + ")";
        }
        if (!e.nodes().isEmpty() && (context.node().isEmpty() || !e.nodes().contains(context.node().get()))) {
            return "not at " + context.node().map(Object::toString).orElse("an unknown node") + " (runs at "
                    + sorted(e.nodes()) + ")";
        }
        if (!e.tiers().isEmpty() && (tier.isEmpty() || !e.tiers().contains(tier.get()))) {
            return "for member tiers " + sorted(e.tiers()) + " only" + tier.map(t -> " (member is " + t + ")")
                    .orElse(" (no member tier)");
        }
        if (e.experiment().isPresent()) {
            Eligibility.ExperimentArm arm = e.experiment().get();
            Experiment experiment = experiments.get(arm.experimentId());
            if (experiment == null) {
                return "experiment " + arm.experimentId() + " is not running";
            }
            if (context.member().isEmpty()) {
                return "experiment " + arm.experimentId() + " assigns members only (no member id)";
            }
            String variant = experiment.variantOf(context.member().get());
            if (!variant.equals(arm.variant())) {
                return "experiment " + arm.experimentId() + ": member is in " + variant + ", not " + arm.variant();
            }
        }
        if ((e.newCustomersOnly()) && !context.newCustomer()) {
            return "for a customer's first order only";
        }
        if (e.from().isPresent() && local.isBefore(e.from().get()) || e.until().isPresent()
                && !local.isBefore(e.until().get())) {
            return "runs " + e.from().map(Object::toString).orElse("…") + " to " + e.until().map(Object::toString)
                    .orElse("…") + " " + context.zone() + " (local now " + local.withNano(0) + ")";
        }
        if (units == 0) {
            return "no target items in the cart";
        }
        if (units < e.minimumQuantity()) {
            return "needs " + e.minimumQuantity() + " target units, cart has " + units;
        }
        if (p.coupon().isPresent()) {
            Coupon coupon = p.coupon().get();
            if (!couponCodes.contains(coupon.code())) {
                return "needs coupon " + coupon.code();
            }
            if (coupon.validFrom().isPresent() && context.at().isBefore(coupon.validFrom().get())) {
                return "coupon " + coupon.code() + " is valid from " + coupon.validFrom().get();
            }
            if (coupon.validUntil().isPresent() && !context.at().isBefore(coupon.validUntil().get())) {
                return "coupon " + coupon.code() + " expired at " + coupon.validUntil().get();
            }
            if (coupon.maxUses().isPresent() && ledger.uses(coupon.code()) >= coupon.maxUses().get()) {
                return "coupon " + coupon.code() + " is used up (" + coupon.maxUses().get() + " uses)";
            }
            if (coupon.perMemberLimit().isPresent()) {
                if (context.member().isEmpty()) {
                    return "coupon " + coupon.code() + " is limited per member: sign in to use it";
                }
                if (ledger.uses(coupon.code(), context.member().get()) >= coupon.perMemberLimit().get()) {
                    return "coupon " + coupon.code() + " already used " + coupon.perMemberLimit().get()
                            + " times by this member";
                }
            }
        }
        if (p.budget().isPresent() && ledger.spent(p.id()) >= p.budget().get().minorUnits()) {
            return "budget exhausted (" + p.budget().get() + ")";
        }
        return null;
    }

    private static String sorted(java.util.Set<?> values) {
        return values.stream().map(Object::toString).sorted().toList().toString();
    }

    /** Applies every candidate in priority order (PRIORITY mode). */
    Outcome applyAll() {
        return apply(null, null);
    }

    /** Finds the combination with the largest saving (BEST_DEAL mode). */
    Outcome bestDeal(int exactLimit) {
        List<Integer> viable = new ArrayList<>();
        for (int p = 0; p < candidates.size(); p++) {
            if (ineligible[p] == null) {
                viable.add(p);
            }
        }
        int v = viable.size();
        boolean[] best = new boolean[candidates.size()];
        Outcome bestOutcome = apply(best, null);
        if (v <= exactLimit) {
            for (long mask = 1; mask < (1L << v); mask++) {
                boolean[] include = new boolean[candidates.size()];
                for (int k = 0; k < v; k++) {
                    if ((mask & (1L << k)) != 0) {
                        include[viable.get(k)] = true;
                    }
                }
                if (!valid(include)) {
                    continue;
                }
                Outcome outcome = apply(include, null);
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
                Outcome stepOutcome = bestOutcome;
                for (int p : viable) {
                    if (best[p]) {
                        continue;
                    }
                    boolean[] include = best.clone();
                    include[p] = true;
                    if (valid(include)) {
                        Outcome outcome = apply(include, null);
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
        return apply(best, p -> leftOut(p, chosen, saving));
    }

    /**
     * Why the best-deal search left an eligible promotion out, naming the deciding rule: the group member or the
     * non-stackable promotion it lost to, or what became of its offer beside the chosen ones.
     */
    private String leftOut(int p, boolean[] best, long saving) {
        Promotion promotion = candidates.get(p);
        String largest = "the combination with the largest saving (" + money(saving) + ")";
        List<String> chosen = new ArrayList<>();
        for (int q = 0; q < best.length; q++) {
            if (best[q]) {
                chosen.add(candidates.get(q).id());
            }
        }
        for (int q = 0; q < best.length; q++) {
            if (best[q] && promotion.group().isPresent() && promotion.group().equals(candidates.get(q).group())) {
                return "excluded by group " + promotion.group().get() + ": " + candidates.get(q).id() + " is in "
                        + largest + "; this one alone saves " + money(apply(only(p), null).saving());
            }
        }
        for (int q = 0; q < best.length; q++) {
            if (best[q] && !candidates.get(q).stackable()) {
                return "not stackable: " + candidates.get(q).id() + " applies alone and saves more (" + money(saving)
                        + " against " + money(apply(only(p), null).saving()) + " for this one)";
            }
        }
        if (!promotion.stackable() && !chosen.isEmpty()) {
            return "not stackable: it applies alone and saves " + money(apply(only(p), null).saving()) + "; "
                    + String.join(" + ", chosen) + " together save " + money(saving);
        }
        boolean[] with = best.clone();
        with[p] = true;
        if (valid(with)) {
            for (RejectedPromotion r : apply(with, null).rejected()) {
                if (r.promotionId().equals(promotion.id())) {
                    return r.reason() + (chosen.isEmpty() ? "" : " (beside " + String.join(" + ", chosen) + ")");
                }
            }
            return "best deal: adds nothing to " + largest;
        }
        return "best deal: not in " + largest;
    }

    private boolean[] only(int p) {
        boolean[] include = new boolean[candidates.size()];
        include[p] = true;
        return include;
    }

    /** A combination reached by one swap, with its outcome. */
    private record Swap(boolean[] include, Outcome outcome) {
    }

    /** The first swap (one promotion out, another in) that saves more, or null. */
    private Swap betterSwap(List<Integer> viable, boolean[] current, Outcome outcome) {
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
                    Outcome candidate = apply(include, null);
                    if (candidate.saving() > outcome.saving()) {
                        return new Swap(include, candidate);
                    }
                }
            }
        }
        return null;
    }

    private boolean better(Outcome a, boolean[] includeA, Outcome b, boolean[] includeB) {
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
            Promotion promotion = candidates.get(p);
            if (!promotion.stackable()) {
                alone = true;
            }
            if (promotion.group().isPresent() && groups.put(promotion.group().get(), p) != null) {
                return false;
            }
        }
        return !alone || count == 1;
    }

    /**
     * Applies the included candidates (all when {@code include} is null) in priority order. Candidates left out are
     * reported with the reason {@code leftOut} gives for their index (or not at all when it is null).
     */
    private Outcome apply(boolean[] include, java.util.function.IntFunction<String> leftOut) {
        int n = amounts.length;
        long[] current = amounts.clone();
        long shippingLeft = shipping;
        Map<String, long[]> lineDiscounts = new LinkedHashMap<>();
        List<AppliedPromotion> applied = new ArrayList<>();
        List<RejectedPromotion> rejected = new ArrayList<>();
        Map<String, String> groupsUsed = new HashMap<>();
        String alone = null;
        long saving = 0;
        for (int p = 0; p < candidates.size(); p++) {
            Promotion promotion = candidates.get(p);
            if (ineligible[p] != null) {
                rejected.add(new RejectedPromotion(promotion.id(), promotion.name(), ineligible[p]));
                continue;
            }
            if (include != null && !include[p]) {
                if (leftOut != null) {
                    rejected.add(new RejectedPromotion(promotion.id(), promotion.name(), leftOut.apply(p)));
                }
                continue;
            }
            if (alone != null) {
                rejected.add(new RejectedPromotion(promotion.id(), promotion.name(), alone
                        + " applies alone (not stackable)"));
                continue;
            }
            if (!promotion.stackable() && !applied.isEmpty()) {
                rejected.add(new RejectedPromotion(promotion.id(), promotion.name(), "not stackable: "
                        + applied.get(0).promotionId() + " already applied"));
                continue;
            }
            if (promotion.group().isPresent() && groupsUsed.containsKey(promotion.group().get())) {
                rejected.add(new RejectedPromotion(promotion.id(), promotion.name(), "excluded by group "
                        + promotion.group().get() + ": " + groupsUsed.get(promotion.group().get()) + " applied"));
                continue;
            }
            long[] base = promotion.base() == DiscountBase.ORIGINAL ? amounts : current;
            long[] discount = new long[n];
            String[] reason = new String[1];
            long shippingOff = 0;
            String rejection = offer(promotion, targets[p], base, discount, reason);
            if (promotion.offer() instanceof Offer.FreeShipping) {
                if (rejection == null) {
                    if (shippingLeft == 0) {
                        rejection = "no shipping fee to waive";
                    } else {
                        shippingOff = shippingLeft;
                    }
                }
            }
            if (rejection != null) {
                rejected.add(new RejectedPromotion(promotion.id(), promotion.name(), rejection));
                continue;
            }
            boolean capped = false;
            long total = shippingOff;
            for (int i = 0; i < n; i++) {
                long room = Math.max(0, current[i] - floors[i]);
                if (discount[i] > room) {
                    discount[i] = room;
                    capped = true;
                }
                total += discount[i];
            }
            if (promotion.budget().isPresent()) {
                long remaining = promotion.budget().get().minorUnits() - ledger.spent(promotion.id());
                if (total > remaining) {
                    long[] weights = Arrays.copyOf(discount, n + 1);
                    weights[n] = shippingOff;
                    long[] parts = allocate(remaining, weights);
                    System.arraycopy(parts, 0, discount, 0, n);
                    shippingOff = parts[n];
                    total = remaining;
                    reason[0] += "; capped by the remaining budget " + Money.ofMinor(remaining, currency).amountString();
                }
            }
            if (total <= 0) {
                rejected.add(new RejectedPromotion(promotion.id(), promotion.name(), capped
                        ? "would push lines below their floor price" : "nothing left to discount"));
                continue;
            }
            if (capped) {
                reason[0] += "; capped so no line goes below its floor";
            }
            for (int i = 0; i < n; i++) {
                current[i] -= discount[i];
            }
            shippingLeft -= shippingOff;
            saving += total;
            lineDiscounts.put(promotion.id(), discount);
            applied.add(new AppliedPromotion(promotion.id(), promotion.name(), Money.ofMinor(total, currency),
                    reason[0]));
            promotion.group().ifPresent(g -> groupsUsed.put(g, promotion.id()));
            if (!promotion.stackable()) {
                alone = promotion.id();
            }
        }
        return new Outcome(current, shipping - shippingLeft, lineDiscounts, applied, rejected, saving);
    }

    /** Fills {@code discount} per line for the offer; returns a rejection reason or null. */
    private String offer(Promotion promotion, boolean[] hits, long[] base, long[] discount, String[] reason) {
        int n = base.length;
        long spend = 0;
        for (int i = 0; i < n; i++) {
            if (hits[i]) {
                spend += base[i];
            }
        }
        Offer offer = promotion.offer();
        if (offer instanceof Offer.Threshold t) {
            Offer.Threshold.Tier reached = null;
            for (Offer.Threshold.Tier tier : t.tiers()) {
                if (spend >= tier.spend().minorUnits()) {
                    reached = tier;
                }
            }
            if (reached == null) {
                return "threshold " + t.tiers().get(0).spend().amountString() + " not reached: cart "
                        + money(spend);
            }
            long times = t.perEvery() ? spend / reached.spend().minorUnits() : 1;
            long off = Math.multiplyExact(times, reached.off().minorUnits());
            spread(off, hits, base, discount);
            reason[0] = t.perEvery() ? times + " × " + reached.spend().amountString() + " in " + money(spend)
                    + ": " + money(off) + " off" : "spend " + money(spend) + " >= " + reached.spend().amountString()
                    + ": " + reached.off().amountString() + " off";
        } else if (offer instanceof Offer.PercentOff percent) {
            for (int i = 0; i < n; i++) {
                if (hits[i]) {
                    discount[i] = percentOf(base[i], percent.discount());
                }
            }
            reason[0] = "-" + percent.discount() + " on target items";
        } else if (offer instanceof Offer.AmountOff off) {
            for (int i = 0; i < n; i++) {
                if (hits[i]) {
                    discount[i] = Math.min(base[i], Math.multiplyExact(off.perUnit().minorUnits(),
                            (long) quantities[i]));
                }
            }
            reason[0] = off.perUnit().amountString() + " off each target unit";
        } else if (offer instanceof Offer.BuyXGetY deal) {
            List<long[]> units = new ArrayList<>(); // {line, amount}
            for (int i = 0; i < n; i++) {
                if (hits[i]) {
                    long[] shares = allocate(base[i], uniform(quantities[i]));
                    for (long share : shares) {
                        units.add(new long[] {i, share});
                    }
                }
            }
            int group = deal.buy() + deal.get();
            if (units.size() < group) {
                return "needs " + group + " target units, cart has " + units.size();
            }
            units.sort(Comparator.<long[]>comparingLong(u -> -u[1]).thenComparingLong(u -> u[0]));
            int discounted = 0;
            for (int g = 0; g + group <= units.size(); g += group) {
                for (int k = g + deal.buy(); k < g + group; k++) {
                    long[] unit = units.get(k);
                    discount[(int) unit[0]] += percentOf(unit[1], deal.discount());
                    discounted++;
                }
            }
            reason[0] = discounted + " of " + units.size() + " units at -" + deal.discount() + " (buy "
                    + deal.buy() + ", get " + deal.get() + ")";
        } else if (offer instanceof Offer.Bundle bundle) {
            long sets = Long.MAX_VALUE;
            for (Map.Entry<Sku, Integer> item : bundle.items().entrySet()) {
                int at = indexOf(item.getKey());
                sets = Math.min(sets, at < 0 ? 0 : quantities[at] / item.getValue());
            }
            if (sets == 0) {
                return "bundle incomplete: needs " + describe(bundle);
            }
            long[] shares = new long[n];
            long regular = 0;
            for (Map.Entry<Sku, Integer> item : bundle.items().entrySet()) {
                int at = indexOf(item.getKey());
                shares[at] = Math.multiplyExact(base[at], sets * item.getValue()) / quantities[at];
                regular += shares[at];
            }
            long price = Math.multiplyExact(sets, bundle.price().minorUnits());
            if (regular <= price) {
                return "bundle price " + money(price) + " is not below the regular " + money(regular);
            }
            spread(regular - price, shares, discount);
            reason[0] = sets + " × bundle (" + describe(bundle) + ") for " + bundle.price().amountString()
                    + " instead of " + money(regular / sets);
        } else if (offer instanceof Offer.OrderPercentOff percent) {
            long off = percentOf(spend, percent.discount());
            if (off == 0) {
                return "nothing left to discount";
            }
            spread(off, hits, base, discount);
            reason[0] = "-" + percent.discount() + " on " + money(spend) + ": " + money(off) + " off";
        } else if (offer instanceof Offer.FreeShipping free) {
            if (free.minimumSpend().isPresent() && spend < free.minimumSpend().get().minorUnits()) {
                return "free shipping from " + free.minimumSpend().get().amountString() + ": cart " + money(spend);
            }
            reason[0] = "free shipping";
        }
        return null;
    }

    private int indexOf(Sku sku) {
        for (int i = 0; i < skus.length; i++) {
            if (skus[i].equals(sku)) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(Offer.Bundle bundle) {
        return bundle.items().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " × " + e.getKey()).reduce((a, b) -> a + " + " + b).orElse("");
    }

    private long percentOf(long amount, BasisPoints discount) {
        return Money.ofMinor(amount, currency).timesFraction(discount.value(), BasisPoints.ONE_HUNDRED_PERCENT,
                rounding).minorUnits();
    }

    /** Spreads {@code total} over the target lines in proportion to their base amounts (largest remainder). */
    private void spread(long total, boolean[] hits, long[] base, long[] discount) {
        long[] weights = new long[base.length];
        for (int i = 0; i < base.length; i++) {
            weights[i] = hits[i] ? base[i] : 0;
        }
        spread(total, weights, discount);
    }

    private void spread(long total, long[] weights, long[] discount) {
        long[] parts = allocate(total, weights);
        for (int i = 0; i < parts.length; i++) {
            discount[i] += parts[i];
        }
    }

    /** Largest-remainder split of {@code total} by weights (zeros when every weight is zero). */
    private long[] allocate(long total, long[] weights) {
        long sum = 0;
        for (long w : weights) {
            sum += w;
        }
        long[] out = new long[weights.length];
        if (sum <= 0 || total == 0) {
            return out;
        }
        Money[] parts = Money.ofMinor(total, currency).allocate(weights);
        for (int i = 0; i < parts.length; i++) {
            out[i] = parts[i].minorUnits();
        }
        return out;
    }

    private static long[] uniform(int count) {
        long[] weights = new long[count];
        Arrays.fill(weights, 1);
        return weights;
    }

    private String money(long minor) {
        return Money.ofMinor(minor, currency).amountString();
    }
}

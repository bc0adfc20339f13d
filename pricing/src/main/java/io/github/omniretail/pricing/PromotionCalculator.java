package io.github.omniretail.pricing;

import io.github.omniretail.core.Money;
import io.github.omniretail.core.Sku;
import io.github.omniretail.pricing.spi.PromotionLedger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies promotions to priced cart lines: eligibility, explicit stacking, exact allocation, floor and budget caps,
 * in priority order. Each {@link Offer} computes its own discount ({@link Offer#apply}); each promotion's
 * {@link Eligibility} and {@link Coupon} explain their own refusals; the best-deal search is {@link BestDealSearch}.
 * One instance per cart quote; not thread-safe.
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
    final List<Promotion> candidates;
    final String[] ineligible;
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
            ineligible[p] = ineligibility(promotion, context, tier, units, couponCodes);
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

    /** Why the promotion cannot apply before its offer is tried (eligibility, coupon, budget), or null. */
    private String ineligibility(Promotion p, PricingContext context, Optional<String> tier, int units,
            java.util.Set<String> couponCodes) {
        Optional<String> refusal = p.eligibility().refusal(context, tier, experiments, units)
                .or(() -> p.coupon().flatMap(c -> c.refusal(couponCodes, context, ledger)));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        if (p.offer() instanceof Offer.Deposit d && !context.at().isBefore(d.balanceDueBy())) {
            return "the pre-sale balance was due by " + d.balanceDueBy() + ": the deposit no longer counts";
        }
        if (p.budget().isPresent() && ledger.spent(p.id()) >= p.budget().get().minorUnits()) {
            return "budget exhausted (" + p.budget().get() + ")";
        }
        return null;
    }

    /** Applies every candidate in priority order (PRIORITY mode). */
    Outcome applyAll() {
        return apply(null, null);
    }

    /** Finds the combination with the largest saving (BEST_DEAL mode): see {@link BestDealSearch}. */
    Outcome bestDeal(int exactLimit) {
        return new BestDealSearch(this).run(exactLimit);
    }

    /**
     * Applies the included candidates (all when {@code include} is null) in priority order. Candidates left out are
     * reported with the reason {@code leftOut} gives for their index (or not at all when it is null).
     */
    Outcome apply(boolean[] include, java.util.function.IntFunction<String> leftOut) {
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
            OfferLines lines = new OfferLines(skus, quantities, base, targets[p], currency, rounding);
            Offer.Result result = promotion.offer().apply(lines);
            long[] discount = lines.discountsView();
            String[] reason = {result.reason()};
            long shippingOff = 0;
            String rejection = result.applied() ? null : result.reason();
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
                    long[] parts = OfferLines.allocate(remaining, weights, currency);
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

    String money(long minor) {
        return Money.ofMinor(minor, currency).amountString();
    }
}

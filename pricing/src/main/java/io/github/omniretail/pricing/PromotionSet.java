package io.github.omniretail.pricing;

import io.github.omniretail.core.CurrencyMismatchException;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.Sku;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The active promotions, versioned and indexed by target SKU and category so a cart looks only at promotions that
 * can touch it (never a scan of every promotion). Immutable and thread-safe.
 */
public final class PromotionSet {

    private final String version;
    private final List<Promotion> all;
    private final Map<Sku, List<Promotion>> bySku;
    private final Map<String, List<Promotion>> byCategory;
    private final List<Promotion> everyLine;
    private final boolean indexed;

    private PromotionSet(String version, List<Promotion> all) {
        this(version, all, true);
    }

    private PromotionSet(String version, List<Promotion> all, boolean indexed) {
        this.indexed = indexed;
        this.version = version;
        this.all = all;
        Map<Sku, List<Promotion>> skus = new HashMap<>();
        Map<String, List<Promotion>> categories = new HashMap<>();
        List<Promotion> every = new ArrayList<>();
        for (Promotion p : all) {
            Eligibility e = p.eligibility();
            if (e.targetsEverything() && !(p.offer() instanceof Offer.Bundle)) {
                every.add(p);
            }
            for (Sku sku : e.skus()) {
                skus.computeIfAbsent(sku, k -> new ArrayList<>()).add(p);
            }
            for (String c : e.categories()) {
                categories.computeIfAbsent(c, k -> new ArrayList<>()).add(p);
            }
            if (p.offer() instanceof Offer.Bundle bundle && e.targetsEverything()) {
                for (Sku sku : bundle.items().keySet()) {
                    skus.computeIfAbsent(sku, k -> new ArrayList<>()).add(p);
                }
            }
        }
        this.bySku = skus;
        this.byCategory = categories;
        this.everyLine = List.copyOf(every);
    }

    /**
     * A set of promotions.
     *
     * @param version a label carried by cart quotes; non-blank
     * @param currency the currency of every amount in the promotions; non-null
     * @param promotions ids and priorities unique; non-null
     * @return the set
     * @throws IllegalArgumentException naming both promotions when an id or a priority repeats
     * @throws CurrencyMismatchException when an amount is in another currency
     */
    public static PromotionSet of(String version, Currency currency, List<Promotion> promotions) {
        PricingRules.requireId(version);
        Map<String, Promotion> ids = new HashMap<>();
        Map<Integer, Promotion> priorities = new HashMap<>();
        for (Promotion p : promotions) {
            Promotion sameId = ids.put(p.id(), p);
            if (sameId != null) {
                throw new IllegalArgumentException("promotion id " + p.id() + " is used twice");
            }
            Promotion samePriority = priorities.put(p.priority(), p);
            if (samePriority != null) {
                throw new IllegalArgumentException("promotions " + samePriority.id() + " and " + p.id()
                        + " share priority " + p.priority() + "; priorities must be unique so the order is explicit");
            }
            for (Money m : amounts(p)) {
                if (!m.currency().equals(currency)) {
                    throw new CurrencyMismatchException(currency, m.currency());
                }
            }
        }
        List<Promotion> sorted = new ArrayList<>(promotions);
        sorted.sort(Comparator.comparingInt(Promotion::priority));
        return new PromotionSet(version, List.copyOf(sorted));
    }

    private static List<Money> amounts(Promotion p) {
        List<Money> out = new ArrayList<>();
        p.budget().ifPresent(out::add);
        Offer offer = p.offer();
        if (offer instanceof Offer.Threshold t) {
            t.tiers().forEach(tier -> {
                out.add(tier.spend());
                out.add(tier.off());
            });
        } else if (offer instanceof Offer.AmountOff a) {
            out.add(a.perUnit());
        } else if (offer instanceof Offer.Bundle b) {
            out.add(b.price());
        } else if (offer instanceof Offer.FreeShipping f) {
            f.minimumSpend().ifPresent(out::add);
        } else if (offer instanceof Offer.Deposit d) {
            out.add(d.deposit());
        }
        return out;
    }

    /**
     * The same promotions found by scanning every one of them for each cart instead of through the index: the
     * naive approach, kept for comparison benchmarks. Results are identical; only the cost differs.
     *
     * @return an unindexed copy
     */
    public PromotionSet withoutIndex() {
        return new PromotionSet(version, all, false);
    }

    /** @return an empty set */
    public static PromotionSet empty() {
        return new PromotionSet("none", List.of());
    }

    /** @return the version label */
    public String version() {
        return version;
    }

    /** @return every promotion, by priority */
    public List<Promotion> promotions() {
        return all;
    }

    /** The promotions that can touch a cart of these SKUs with these categories, by priority. */
    List<Promotion> candidates(List<Sku> skus, PricingRules rules) {
        if (!indexed) {
            List<Promotion> scanned = new ArrayList<>();
            for (Promotion p : all) { // already in priority order
                for (Sku sku : skus) {
                    boolean hit = p.offer() instanceof Offer.Bundle bundle ? bundle.items().containsKey(sku)
                            : p.eligibility().targets(sku, rules.categories(sku));
                    if (hit) {
                        scanned.add(p);
                        break;
                    }
                }
            }
            return scanned;
        }
        Set<Promotion> found = new LinkedHashSet<>(everyLine);
        for (Sku sku : skus) {
            found.addAll(bySku.getOrDefault(sku, List.of()));
            for (String c : rules.categories(sku)) {
                found.addAll(byCategory.getOrDefault(c, List.of()));
            }
        }
        List<Promotion> list = new ArrayList<>(found);
        list.sort(Comparator.comparingInt(Promotion::priority));
        return list;
    }
}

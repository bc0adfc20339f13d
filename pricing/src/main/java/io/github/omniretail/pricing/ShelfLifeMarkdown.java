package io.github.omniretail.pricing;

import io.github.omniretail.core.BasisPoints;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Markdowns by days to expiry of the batch being sold: the discount of the smallest threshold the batch is within.
 * For example {@code {0: 50 %, 1: 30 %, 2: 10 %}} marks a batch expiring today 50 %, tomorrow 30 %.
 *
 * @param id rule id; non-blank
 * @param categories categories it applies to; empty = every SKU; non-null
 * @param byDaysToExpiry discount for a batch expiring within that many days (≥ 0); non-empty
 */
public record ShelfLifeMarkdown(String id, Set<String> categories, NavigableMap<Integer, BasisPoints> byDaysToExpiry) {

    /**
     * Validates and copies.
     *
     * @param id rule id
     * @param categories categories
     * @param byDaysToExpiry discounts by days
     */
    public ShelfLifeMarkdown {
        PricingRules.requireId(id);
        categories = Set.copyOf(categories);
        Objects.requireNonNull(byDaysToExpiry, "byDaysToExpiry");
        if (byDaysToExpiry.isEmpty()) {
            throw new IllegalArgumentException("shelf-life markdown " + id + " has no steps");
        }
        TreeMap<Integer, BasisPoints> copy = new TreeMap<>();
        for (Map.Entry<Integer, BasisPoints> e : byDaysToExpiry.entrySet()) {
            if (e.getKey() < 0) {
                throw new IllegalArgumentException("shelf-life markdown " + id + ": days must be >= 0, was "
                        + e.getKey());
            }
            PricingRules.requireDiscount(id, e.getValue());
            copy.put(e.getKey(), e.getValue());
        }
        byDaysToExpiry = java.util.Collections.unmodifiableNavigableMap(copy);
    }

    /**
     * @param id rule id
     * @param categories categories (empty = all)
     * @param steps days to expiry → discount
     * @return the markdown
     */
    public static ShelfLifeMarkdown of(String id, Set<String> categories, Map<Integer, BasisPoints> steps) {
        return new ShelfLifeMarkdown(id, categories, new TreeMap<>(steps));
    }
}

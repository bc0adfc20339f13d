package io.github.omniretail.pricing;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Sku;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Set;

/**
 * A discount during a daily window in the selling node's time zone, e.g. −30 % on fresh produce from 20:00 to
 * closing. The window is [from, to); when {@code to} is not after {@code from} it wraps past midnight.
 *
 * @param id rule id; non-blank
 * @param categories categories it applies to (any SKU in one of them); non-null
 * @param skus SKUs it applies to besides the categories; non-null; both empty means every SKU
 * @param from window start, inclusive; non-null
 * @param to window end, exclusive; non-null
 * @param discount the discount, 0 &lt; discount ≤ 100 %; non-null
 */
public record TimeOfDaySchedule(String id, Set<String> categories, Set<Sku> skus, LocalTime from, LocalTime to,
        BasisPoints discount) {

    /**
     * Validates and copies.
     *
     * @param id rule id
     * @param categories categories
     * @param skus SKUs
     * @param from window start
     * @param to window end
     * @param discount the discount
     */
    public TimeOfDaySchedule {
        PricingRules.requireId(id);
        categories = Set.copyOf(categories);
        skus = Set.copyOf(skus);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        PricingRules.requireDiscount(id, discount);
        if (from.equals(to)) {
            throw new IllegalArgumentException("schedule " + id + " has an empty window " + from + "-" + to);
        }
    }

    /** The breakdown's reason in a zone, e.g. {@code "20:00-02:00 Asia/Shanghai: -30.00%"}. */
    String reasonIn(java.time.ZoneId zone) {
        return from + "-" + to + " " + zone.getId() + ": -" + discount;
    }

    boolean covers(LocalTime time) {
        return from.isBefore(to) ? !time.isBefore(from) && time.isBefore(to)
                : !time.isBefore(from) || time.isBefore(to);
    }

    boolean appliesTo(Sku sku, Set<String> skuCategories) {
        if (categories.isEmpty() && skus.isEmpty()) {
            return true;
        }
        if (skus.contains(sku)) {
            return true;
        }
        for (String c : skuCategories) {
            if (categories.contains(c)) {
                return true;
            }
        }
        return false;
    }
}

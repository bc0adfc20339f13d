package io.github.omniretail.loyalty.spi;

import io.github.omniretail.core.Sku;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which categories a SKU belongs to, for category bonuses in
 * {@link io.github.omniretail.loyalty.LoyaltyRules#categoryBonusPerUnit()}. Usually backed by the retailer's
 * catalogue (cache it: it is called once per order line). Implementations must be thread-safe.
 */
@FunctionalInterface
public interface CategoryLookup {

    /**
     * The categories of a SKU; a bonus is counted once per category, however many paths lead to it.
     *
     * @param sku non-null SKU
     * @return non-null, possibly empty set of category ids
     */
    Set<String> categoriesOf(Sku sku);

    /**
     * No SKU is in any category (the default).
     *
     * @return the lookup
     */
    static CategoryLookup none() {
        return sku -> Set.of();
    }

    /**
     * A fixed table.
     *
     * @param categories non-null categories per SKU (copied); SKUs absent are in no category
     * @return a thread-safe lookup
     */
    static CategoryLookup of(Map<Sku, Set<String>> categories) {
        Map<Sku, Set<String>> copy = new java.util.HashMap<>();
        categories.forEach((sku, set) -> copy.put(Objects.requireNonNull(sku, "sku"), Set.copyOf(set)));
        Map<Sku, Set<String>> table = Map.copyOf(copy);
        return sku -> table.getOrDefault(sku, Set.of());
    }
}

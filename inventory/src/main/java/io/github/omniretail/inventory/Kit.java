package io.github.omniretail.inventory;

import io.github.omniretail.core.Sku;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A virtual kit: a SKU sold as a set of other SKUs (a gift box of tea, cups and a tin), with no stock of its own.
 * Its available-to-promise at a node is the fewest whole kits its components make there; a hold line of the kit
 * holds every component (kit units × the component's quantity) at the same node, all or none, and is fulfilled,
 * released and expired as one line. An assembled kit (boxed ahead, with its own stock) is an ordinary SKU, not
 * defined as a kit: a {@code Kit} value is then its recipe for {@link InventoryEngine#assemble} and
 * {@link InventoryEngine#disassemble}.
 *
 * @param sku non-null SKU the kit is sold as
 * @param components non-null, non-empty component SKU → units per kit ({@code >= 1}), never the kit itself (copied,
 *     sorted by SKU)
 */
public record Kit(Sku sku, Map<Sku, Integer> components) {

    /**
     * Validates and copies.
     *
     * @param sku non-null
     * @param components non-empty, units {@code >= 1}, without the kit's own SKU
     */
    public Kit {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(components, "components");
        if (components.isEmpty()) {
            throw new IllegalArgumentException("kit " + sku + " needs at least one component");
        }
        TreeMap<Sku, Integer> sorted = new TreeMap<>();
        for (Map.Entry<Sku, Integer> e : components.entrySet()) {
            Objects.requireNonNull(e.getKey(), "component");
            if (e.getKey().equals(sku)) {
                throw new IllegalArgumentException("kit " + sku + " cannot contain itself");
            }
            if (e.getValue() == null || e.getValue() < 1) {
                throw new IllegalArgumentException("kit " + sku + ": units of " + e.getKey() + " per kit must be >= 1, "
                        + "was " + e.getValue());
            }
            sorted.put(e.getKey(), e.getValue());
        }
        components = components instanceof Components known ? known : new Components(sorted);
    }

    /**
     * A kit's components: immutable and sorted by SKU, so hold views can share it instead of copying it per hold.
     */
    static final class Components extends java.util.AbstractMap<Sku, Integer> {
        private final Map<Sku, Integer> sorted;

        private Components(TreeMap<Sku, Integer> sorted) {
            this.sorted = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sorted));
        }

        @Override
        public java.util.Set<Entry<Sku, Integer>> entrySet() {
            return sorted.entrySet();
        }

        @Override
        public Integer get(Object key) {
            return sorted.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return sorted.containsKey(key);
        }

        @Override
        public int size() {
            return sorted.size();
        }
    }

    /**
     * @param sku non-null SKU the kit is sold as
     * @param components component SKU → units per kit
     * @return the kit
     */
    public static Kit of(Sku sku, Map<Sku, Integer> components) {
        return new Kit(sku, components);
    }
}

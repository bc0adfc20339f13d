package io.github.omniretail.inventory.spi;

import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.PoolId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The stored catalogue: nodes in registration order (a node's position is its number in {@link StoredSku}),
 * pools in definition order, each node's channel rules as the engine's JSON.
 *
 * @param version non-negative version, bumped by every catalogue write
 * @param nodes non-null nodes, distinct
 * @param pools non-null pools in definition order with their member nodes
 * @param rules non-null rules JSON by node (nodes without rules absent)
 * @param kits non-null virtual kits: kit SKU → component SKU → units per kit (copied)
 */
public record StoredCatalogue(long version, List<NodeId> nodes, List<Map.Entry<PoolId, Set<NodeId>>> pools,
        Map<NodeId, String> rules, Map<Sku, Map<Sku, Integer>> kits) {

    /** Copies and checks. */
    public StoredCatalogue {
        if (version < 0) {
            throw new IllegalArgumentException("catalogue version must be >= 0, was " + version);
        }
        nodes = List.copyOf(nodes);
        pools = pools.stream().map(e -> Map.entry(e.getKey(), Set.copyOf(e.getValue()))).toList();
        rules = Map.copyOf(rules);
        kits = kits.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey,
                e -> Map.copyOf(e.getValue())));
        Objects.requireNonNull(nodes, "nodes");
    }
}

package io.github.omniretail.inventory;

import io.github.omniretail.core.NodeId;
import io.github.omniretail.inventory.StockRules.PoolDef;
import io.github.omniretail.inventory.spi.StoredCatalogue;
import java.util.Objects;

/**
 * A stored catalogue in the kernel's form ({@link StockRules}) with lookups by name, at one stored version. Immutable.
 */
record Catalogue(long version, StockRules stock, java.util.Map<NodeId, Integer> nodes,
        java.util.Map<PoolId, PoolDef> pools) {

    static Catalogue of(StoredCatalogue stored) {
        StockRules stock = StockRules.EMPTY;
        java.util.Map<NodeId, Integer> nodes = new java.util.HashMap<>();
        for (NodeId node : stored.nodes()) {
            nodes.put(node, stock.nodes.length);
            stock = stock.withNode(node);
        }
        for (java.util.Map.Entry<NodeId, String> e : stored.rules().entrySet()) {
            stock = stock.withRules(nodes.get(e.getKey()), InventoryJson.rules(e.getValue()));
        }
        PoolDef[] defs = new PoolDef[stored.pools().size()];
        java.util.Map<PoolId, PoolDef> pools = new java.util.HashMap<>();
        for (int i = 0; i < defs.length; i++) {
            var e = stored.pools().get(i);
            defs[i] = new PoolDef(e.getKey(), i, e.getValue().stream().mapToInt(nodes::get).sorted().toArray());
            pools.put(e.getKey(), defs[i]);
        }
        stock = stock.withPools(defs);
        for (var e : new java.util.TreeMap<>(stored.kits()).entrySet()) {
            stock = stock.withKit(Kit.of(e.getKey(), e.getValue()));
        }
        return new Catalogue(stored.version(), stock, java.util.Map.copyOf(nodes),
                java.util.Map.copyOf(pools));
    }

    int node(NodeId node) {
        Integer index = nodes.get(Objects.requireNonNull(node, "node"));
        if (index == null) {
            throw new UnknownNodeException(node);
        }
        return index;
    }

    PoolDef pool(PoolId pool) {
        PoolDef def = pools.get(Objects.requireNonNull(pool, "pool"));
        if (def == null) {
            throw new UnknownPoolException(pool);
        }
        return def;
    }
}

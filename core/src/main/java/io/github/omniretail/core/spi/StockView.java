package io.github.omniretail.core.spi;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;

/**
 * What another module may read of stock: units available to promise at a node, as a channel sees them. The
 * inventory engine provides it ({@code InventoryEngine.stockView()}); routing reads it, so routing needs nothing else
 * of inventory. Implementations must be thread-safe.
 */
public interface StockView {

    /**
     * Units of {@code sku} available to promise at {@code node} to {@code channel}: after holds, safety stock and
     * the channel's rules.
     *
     * @param sku non-null SKU
     * @param node non-null node
     * @param channel non-null channel
     * @return units, {@code >= 0}; 0 for a SKU or node the stock does not know
     */
    long available(Sku sku, NodeId node, Channel channel);

    /**
     * Whether the node's stock is tracked. A stock-holding node that is not would look empty to every order, so
     * routing refuses to use it; an implementation that registers nodes on first use may register it now.
     *
     * @param node non-null node
     * @return whether its stock is tracked (after registering it, if the implementation does that)
     */
    boolean tracks(NodeId node);
}

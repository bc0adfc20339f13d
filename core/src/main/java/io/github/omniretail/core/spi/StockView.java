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
     * The earliest instant from which {@code units} of {@code sku} can be promised at {@code node} to
     * {@code channel}, counting stock expected to arrive (a pre-sale's promise date). The default knows only stock
     * on hand: {@code now} if {@link #available} covers the units, else empty.
     *
     * @param sku non-null SKU
     * @param node non-null node
     * @param channel non-null channel
     * @param units units wanted, {@code > 0}
     * @param now non-null current instant, returned when the units are available now
     * @return the instant, or empty when no known receipt brings enough
     */
    default java.util.Optional<java.time.Instant> availableFrom(Sku sku, NodeId node, Channel channel, long units,
            java.time.Instant now) {
        return available(sku, node, channel) >= units ? java.util.Optional.of(now) : java.util.Optional.empty();
    }

    /**
     * Whether the node's stock is tracked. A stock-holding node that is not would look empty to every order, so
     * routing refuses to use it; an implementation that registers nodes on first use may register it now.
     *
     * @param node non-null node
     * @return whether its stock is tracked (after registering it, if the implementation does that)
     */
    boolean tracks(NodeId node);
}

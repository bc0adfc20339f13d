package io.github.omniretail.pricing.spi;

import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Days of stock cover of a SKU (at a node, or across the network when no node is given): stock divided by expected
 * daily demand, for example from the inventory module's available-to-promise and your forecast. Thread-safe.
 */
@FunctionalInterface
public interface StockCoverLookup {

    /**
     * @param sku non-null
     * @param node the selling node, if any
     * @return days of cover (≥ 0), or empty when unknown (no adjustment)
     */
    OptionalDouble coverDays(Sku sku, Optional<NodeId> node);

    /** @return a lookup that never knows (stock-cover adjustments off) */
    static StockCoverLookup none() {
        return (sku, node) -> OptionalDouble.empty();
    }
}

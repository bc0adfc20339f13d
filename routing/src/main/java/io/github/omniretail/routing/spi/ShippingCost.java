package io.github.omniretail.routing.spi;

import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeType;

/** The shipping cost of one shipment: a function of distance and the shipping node's type. Must be thread-safe. */
@FunctionalInterface
public interface ShippingCost {

    /**
     * The cost of shipping one parcel.
     *
     * @param metres great-circle distance from node to destination, {@code >= 0}
     * @param type the shipping node's type
     * @return a non-negative cost in the cost model's currency
     */
    Money cost(double metres, NodeType type);
}

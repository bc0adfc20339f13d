package io.github.omniretail.core;

/** What a fulfilment node is. */
public enum NodeType {
    /** A distribution centre or warehouse: large stock, ships, usually no walk-in customers. */
    DISTRIBUTION_CENTER,
    /** A physical store: sells to walk-in customers and may ship, hand over pickups or deliver. */
    STORE,
    /** A dark store (front warehouse, 前置仓): a small urban warehouse for instant delivery, no walk-in customers. */
    DARK_STORE,
    /** A pickup point (locker, partner shop): hands orders over, holds little or no own stock. */
    PICKUP_POINT
}

package io.github.omniretail.core;

/** What a fulfilment node can do for an order. */
public enum NodeCapability {
    /** Ships parcels to an address. */
    SHIP,
    /** Hands orders over to customers who come to collect them. */
    PICKUP,
    /** Delivers the same day within its same-day radius. */
    SAME_DAY,
    /** Accepts stock transfers from other nodes (for pickup orders it cannot serve from its own stock). */
    RECEIVE_TRANSFER
}

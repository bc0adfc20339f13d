package io.github.omniretail.inventory;

import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.util.Optional;

/**
 * Not enough stock available to promise for a line: the whole request was refused and nothing changed.
 * Carries the first short line's SKU, where it was asked for, how many were requested and how many were
 * available from the requesting channel's point of view.
 */
public final class InsufficientStockException extends InventoryException {

    private static final long serialVersionUID = 1L;

    /** The SKU that was short. */
    private final Sku sku;
    /** The node asked for, if the line was node-level. */
    private final transient Optional<NodeId> node;
    /** The pool asked for, if the line was pool-level. */
    private final transient Optional<PoolId> pool;
    /** The requesting channel. */
    private final ChannelId channel;
    /** Units requested there (summed over the request's lines for that place). */
    private final long requested;
    /** Units available to the channel there. */
    private final long available;

    /**
     * Creates the exception (public so that store implementations can report it).
     *
     * @param sku the SKU
     * @param node the node, if the shortage is at a node
     * @param pool the pool, if the shortage is in a pool
     * @param channel the requesting channel
     * @param requested units requested there
     * @param available units available to the channel there
     */
    public InsufficientStockException(Sku sku, Optional<NodeId> node, Optional<PoolId> pool, ChannelId channel,
            long requested, long available) {
        this(sku, node, pool, channel, requested, available, "");
    }

    /**
     * Creates the exception with a note on why (a named lot short, say).
     *
     * @param sku the SKU
     * @param node the node, if the shortage is at a node
     * @param pool the pool, if the shortage is in a pool
     * @param channel the requesting channel
     * @param requested units requested there
     * @param available units available to the channel there
     * @param why non-null note appended to the message; empty for none
     */
    public InsufficientStockException(Sku sku, Optional<NodeId> node, Optional<PoolId> pool, ChannelId channel,
            long requested, long available, String why) {
        super("insufficient stock of " + sku + " at " + node.map(n -> "node " + n).orElseGet(() -> "pool " + pool.get())
                + " for channel " + channel + ": requested " + requested + ", available " + available
                + (why.isEmpty() ? "" : " (" + why + ")"));
        this.sku = sku;
        this.node = node;
        this.pool = pool;
        this.channel = channel;
        this.requested = requested;
        this.available = available;
    }

    /** @return the SKU that was short */
    public Sku sku() {
        return sku;
    }

    /** @return the node asked for, if the short line was node-level */
    public Optional<NodeId> node() {
        return node;
    }

    /** @return the pool asked for, if the short line was pool-level */
    public Optional<PoolId> pool() {
        return pool;
    }

    /** @return the requesting channel */
    public ChannelId channel() {
        return channel;
    }

    /** @return units requested at that place (summed over the request's lines for it) */
    public long requested() {
        return requested;
    }

    /** @return units available to the channel there when the request was refused */
    public long available() {
        return available;
    }
}

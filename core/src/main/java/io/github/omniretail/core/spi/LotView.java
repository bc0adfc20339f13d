package io.github.omniretail.core.spi;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.time.Instant;
import java.util.Optional;

/**
 * What another module may read of lots: when the lot expires that the next unit of a SKU sold at a node to a
 * channel would come from. The inventory engine provides it ({@code InventoryEngine.lotView()}); pricing's
 * shelf-life stage reads it, so a quote marks down the batch an order would really take without hand feeding.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface LotView {

    /**
     * The expiry of the lot a first-expiry-first-out hold of one unit would take now: the soonest-expiring lot
     * the channel may still sell (its minimum shelf life applied) with a unit available.
     *
     * @param sku non-null SKU
     * @param node non-null selling node
     * @param channel non-null channel
     * @return the lot's expiry; empty when that unit has no lot, its lot does not expire, no unit is available,
     *     or the SKU or node is unknown
     */
    Optional<Instant> nextExpiry(Sku sku, NodeId node, Channel channel);

    /**
     * The last day a lot expiring at {@code expiresAt} may be sold in {@code zone}: the day of the instant just
     * before it expires (a lot best before 12 May expires at the start of 13 May, and 12 May is its last day).
     *
     * @param expiresAt non-null expiry
     * @param zone non-null zone
     * @return the day
     */
    static java.time.LocalDate lastDay(Instant expiresAt, java.time.ZoneId zone) {
        return java.time.LocalDate.ofInstant(expiresAt.minusNanos(1), zone);
    }

    /** @return a view that never knows a lot (shelf-life markdowns only for batches quoted explicitly) */
    static LotView none() {
        return (sku, node, channel) -> Optional.empty();
    }
}

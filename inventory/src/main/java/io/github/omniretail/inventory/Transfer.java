package io.github.omniretail.inventory;

import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stock transfer between nodes (调拨): the units leave the source at dispatch, are in transit, and arrive at the
 * destination on receipt.
 *
 * @param id non-null id
 * @param sku non-null SKU
 * @param from non-null source node
 * @param to non-null destination node
 * @param quantity units dispatched, {@code > 0}
 * @param received units received at the destination (less than {@code quantity} if some were lost in transit);
 *     0 while in transit
 * @param dispatchedAt non-null dispatch instant
 * @param receivedAt receipt instant, empty while in transit
 */
public record Transfer(TransferId id, Sku sku, NodeId from, NodeId to, int quantity, int received,
        Instant dispatchedAt, Optional<Instant> receivedAt) {

    /**
     * Checks for nulls.
     *
     * @param id non-null id
     * @param sku non-null SKU
     * @param from non-null source node
     * @param to non-null destination node
     * @param quantity units dispatched, {@code > 0}
     * @param received units received at the destination; 0 while in transit
     * @param dispatchedAt non-null dispatch instant
     * @param receivedAt receipt instant, empty while in transit
     */
    public Transfer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(dispatchedAt, "dispatchedAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** @return true until the destination has received it */
    public boolean inTransit() {
        return receivedAt.isEmpty();
    }
}

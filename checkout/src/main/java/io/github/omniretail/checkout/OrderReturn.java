package io.github.omniretail.checkout;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.Disposition;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Units of an order returned: put back in stock at a node, their share of what was paid given back — in money,
 * and in points when the order was paid partly with points — and the points they earned reversed. Shares are
 * cumulative, so any sequence of returns of a whole order gives back exactly the goods' net amount and exactly the
 * points paid. Immutable and thread-safe.
 *
 * @param key non-null key of the return
 * @param units non-null, non-empty units returned per SKU, each {@code > 0}
 * @param restockAt non-null node the units went back to
 * @param disposition non-null what became of them there: on the shelf, in quarantine, or written off
 * @param net non-null the returned units' share of their lines' net amounts (what they cost after promotions)
 * @param refund non-null money to refund: {@code net} less the value of the points given back
 * @param pointsReturned paid points given back to the member, {@code >= 0}
 * @param pointsReversed points taken back from what the order earned, {@code >= 0}
 * @param at non-null when the return was recorded
 */
public record OrderReturn(IdempotencyKey key, Map<Sku, Integer> units, NodeId restockAt, Disposition disposition,
        Money net, Money refund, long pointsReturned, long pointsReversed, Instant at) {

    /** Validates and copies. */
    public OrderReturn {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(restockAt, "restockAt");
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(refund, "refund");
        if (refund.isNegative() || refund.isGreaterThan(net) || pointsReturned < 0 || pointsReversed < 0) {
            throw new IllegalArgumentException("a return refunds 0..net and non-negative points, was net " + net
                    + ", refund " + refund + ", points " + pointsReturned + " / " + pointsReversed);
        }
        Objects.requireNonNull(at, "at");
        units = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(units));
        if (units.isEmpty() || units.values().stream().anyMatch(u -> u <= 0)) {
            throw new IllegalArgumentException("a return needs positive units, was " + units);
        }
    }

    /**
     * A return of units put back on the shelf ({@link Disposition#SELLABLE}).
     *
     * @param key non-null key of the return
     * @param units non-null, non-empty units per SKU
     * @param restockAt non-null node
     * @param net non-null net share
     * @param refund non-null money refunded
     * @param pointsReturned paid points given back
     * @param pointsReversed earned points taken back
     * @param at non-null when
     */
    public OrderReturn(IdempotencyKey key, Map<Sku, Integer> units, NodeId restockAt, Money net, Money refund,
            long pointsReturned, long pointsReversed, Instant at) {
        this(key, units, restockAt, Disposition.SELLABLE, net, refund, pointsReturned, pointsReversed, at);
    }
}

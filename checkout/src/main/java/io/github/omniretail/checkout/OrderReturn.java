package io.github.omniretail.checkout;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Units of an order returned: put back in stock at a node, their net amount refunded, the points they earned
 * reversed. Immutable and thread-safe.
 *
 * @param key non-null key of the return
 * @param units non-null, non-empty units returned per SKU, each {@code > 0}
 * @param restockAt non-null node the units went back to
 * @param refund non-null money to refund: the returned units' share of their lines' net amounts
 * @param pointsReversed points taken back from what the order earned, {@code >= 0}
 * @param at non-null when the return was recorded
 */
public record OrderReturn(IdempotencyKey key, Map<Sku, Integer> units, NodeId restockAt, Money refund,
        long pointsReversed, Instant at) {

    /** Validates and copies. */
    public OrderReturn {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(restockAt, "restockAt");
        Objects.requireNonNull(refund, "refund");
        Objects.requireNonNull(at, "at");
        units = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(units));
        if (units.isEmpty() || units.values().stream().anyMatch(u -> u <= 0)) {
            throw new IllegalArgumentException("a return needs positive units, was " + units);
        }
    }
}

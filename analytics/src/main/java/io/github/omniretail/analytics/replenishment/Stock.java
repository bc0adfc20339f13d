package io.github.omniretail.analytics.replenishment;

import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.util.Objects;

/**
 * What a planner knows of one position: its demand history and its stock now. Immutable (the history array is
 * copied).
 *
 * @param sku the SKU
 * @param node the node
 * @param history units demanded per day, oldest first, the last element yesterday
 * @param onHand units on hand, {@code >= 0}
 * @param held units held for orders, {@code >= 0}
 * @param inbound units on order or in transit to the node, {@code >= 0}
 */
public record Stock(Sku sku, NodeId node, int[] history, int onHand, int held, int inbound) {

    /** Validates and copies the history. */
    public Stock {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(node, "node");
        history = history.clone();
        if (onHand < 0 || held < 0 || inbound < 0) {
            throw new IllegalArgumentException("on hand, held and inbound must be >= 0, were " + onHand + ", " + held
                    + ", " + inbound + " for " + sku + " at " + node);
        }
    }

    /**
     * Inventory position: on hand − held + inbound.
     *
     * @return units
     */
    public long position() {
        return (long) onHand - held + inbound;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stock s && sku.equals(s.sku) && node.equals(s.node) && java.util.Arrays.equals(history, s.history)
                && onHand == s.onHand && held == s.held && inbound == s.inbound;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sku, node, java.util.Arrays.hashCode(history), onHand, held, inbound);
    }

    @Override
    public String toString() {
        return "Stock[" + sku + " at " + node + ", " + history.length + " days, on hand " + onHand + ", held " + held
                + ", inbound " + inbound + "]";
    }
}

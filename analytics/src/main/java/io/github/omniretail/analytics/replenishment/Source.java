package io.github.omniretail.analytics.replenishment;

import io.github.omniretail.core.NodeId;
import java.time.Duration;
import java.util.Objects;

/**
 * Where a node's stock comes from and how long it takes: another node of ours (a DC shipping to stores and dark
 * stores) or a supplier. Immutable values.
 */
public sealed interface Source permits Source.Transfer, Source.Supplier {

    /**
     * The time from ordering to units on hand.
     *
     * @return the lead time, positive
     */
    Duration leadTime();

    /**
     * The lead time in days, fractional.
     *
     * @return days
     */
    default double leadTimeDays() {
        return leadTime().toMinutes() / 1440.0;
    }

    /**
     * Transfers from another node.
     *
     * @param from the shipping node
     * @param leadTime dispatch to arrival, positive
     */
    record Transfer(NodeId from, Duration leadTime) implements Source {
        /** Validates. */
        public Transfer {
            Objects.requireNonNull(from, "from");
            positive(leadTime);
        }
    }

    /**
     * Purchase orders to a supplier.
     *
     * @param supplier the supplier's id, non-blank
     * @param leadTime order to delivery, positive
     */
    record Supplier(String supplier, Duration leadTime) implements Source {
        /** Validates. */
        public Supplier {
            Objects.requireNonNull(supplier, "supplier");
            if (supplier.isBlank()) {
                throw new IllegalArgumentException("supplier must not be blank");
            }
            positive(leadTime);
        }
    }

    private static void positive(Duration leadTime) {
        Objects.requireNonNull(leadTime, "leadTime");
        if (leadTime.isNegative() || leadTime.isZero()) {
            throw new IllegalArgumentException("lead time must be positive, was " + leadTime);
        }
    }

    /**
     * Transfers from {@code from}.
     *
     * @param from the shipping node
     * @param leadTime positive
     * @return the source
     */
    static Source transferFrom(NodeId from, Duration leadTime) {
        return new Transfer(from, leadTime);
    }

    /**
     * Purchase orders to {@code supplier}.
     *
     * @param supplier the supplier id
     * @param leadTime positive
     * @return the source
     */
    static Source supplier(String supplier, Duration leadTime) {
        return new Supplier(supplier, leadTime);
    }
}

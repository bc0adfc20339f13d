package io.github.omniretail.inventory;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How a position's safety stock is set: a fixed number of units, or days of cover times average daily sales (for
 * fresh goods, say 3 days), recomputed whenever the host feeds a day's sales with
 * {@link InventoryEngine#recordDailySales}.
 */
public sealed interface SafetyStockPolicy permits SafetyStockPolicy.Fixed, SafetyStockPolicy.DaysOfCover {

    /**
     * A fixed number of units.
     *
     * @param units safety stock, {@code >= 0}
     */
    record Fixed(int units) implements SafetyStockPolicy {
        /**
         * Validates.
         *
         * @param units safety stock, {@code >= 0}
         */
        public Fixed {
            if (units < 0) {
                throw new IllegalArgumentException("safety stock must be >= 0, was " + units);
            }
        }
    }

    /**
     * {@code ceil(days × average daily sales over the last windowDays recorded days)}.
     *
     * @param days days of cover, {@code > 0} (may be fractional, e.g. 1.5)
     * @param windowDays how many most recent recorded days the average uses, 1..365
     */
    record DaysOfCover(BigDecimal days, int windowDays) implements SafetyStockPolicy {
        /**
         * Validates.
         *
         * @param days days of cover, {@code > 0}
         * @param windowDays how many most recent recorded days the average uses, 1..365
         */
        public DaysOfCover {
            Objects.requireNonNull(days, "days");
            if (days.signum() <= 0) {
                throw new IllegalArgumentException("days of cover must be > 0, was " + days);
            }
            if (windowDays < 1 || windowDays > 365) {
                throw new IllegalArgumentException("window must be 1..365 days, was " + windowDays);
            }
        }
    }

    /**
     * A fixed safety stock.
     *
     * @param units units, {@code >= 0}
     * @return the policy
     */
    static SafetyStockPolicy fixed(int units) {
        return new Fixed(units);
    }

    /**
     * Days of cover over a 28-day average.
     *
     * @param days days of cover, {@code > 0}
     * @return the policy
     */
    static SafetyStockPolicy daysOfCover(int days) {
        return new DaysOfCover(BigDecimal.valueOf(days), 28);
    }
}

package io.github.omniretail.loyalty.analytics;

import io.github.omniretail.core.Money;

/**
 * A calibration/holdout split: the calibration {@link CustomerBase} and, for each of its customers, what they
 * bought in the holdout period that follows. Built by {@link PurchaseHistory#split(SummaryDefinition,
 * java.time.LocalDate)}. Immutable and thread-safe.
 */
public final class CalibrationSplit {

    private final CustomerBase calibration;
    private final int[] holdoutDays;
    private final long[] holdoutSpend;
    private final double holdoutLength;

    CalibrationSplit(CustomerBase calibration, int[] holdoutDays, long[] holdoutSpend, double holdoutLength) {
        this.calibration = calibration;
        this.holdoutDays = holdoutDays;
        this.holdoutSpend = holdoutSpend;
        this.holdoutLength = holdoutLength;
    }

    /** @return the customers as of the calibration end */
    public CustomerBase calibration() {
        return calibration;
    }

    /** @return the holdout period's length in the calibration definition's time unit */
    public double holdoutLength() {
        return holdoutLength;
    }

    /**
     * @param i index of a customer in {@link #calibration()}
     * @return distinct purchase days in the holdout period
     */
    public int holdoutPurchases(int i) {
        return holdoutDays[i];
    }

    /**
     * @param i index of a customer in {@link #calibration()}
     * @return spend in the holdout period
     */
    public Money holdoutSpend(int i) {
        return Money.ofMinor(holdoutSpend[i], calibration.currency());
    }
}

package io.github.omniretail.loyalty.analytics;

/** What an RFM monetary value is. */
public enum MonetaryMeasure {
    /** Total spend over the period (the default). */
    TOTAL,
    /** Mean spend per frequency unit (per purchase day or per order, as the frequency counts), rounded half-even. */
    MEAN
}

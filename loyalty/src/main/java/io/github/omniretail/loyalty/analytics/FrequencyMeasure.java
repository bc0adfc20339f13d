package io.github.omniretail.loyalty.analytics;

/** What an RFM frequency counts. */
public enum FrequencyMeasure {
    /** Distinct calendar days with a purchase (the default; the models' x + 1). Two orders on one day count once. */
    PURCHASE_DAYS,
    /** Every recorded purchase (order), even several on one day. */
    ORDERS
}

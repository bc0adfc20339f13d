package io.github.omniretail.loyalty.analytics;

/**
 * A fitted model of repeat purchasing (when customers buy and when they silently leave): {@link BgNbdModel} or
 * {@link ParetoNbdModel}. Times are in the {@link ModelTimeUnit} of the data it was fitted to. Immutable and
 * thread-safe.
 */
public sealed interface PurchaseModel permits BgNbdModel, ParetoNbdModel {

    /**
     * The probability that a customer is still active ("alive") at T.
     *
     * @param x repeat purchases
     * @param tx time of the last purchase
     * @param age T, the customer's age at the end of calibration
     * @return P(alive), in [0, 1]
     */
    double probabilityAlive(int x, double tx, double age);

    /**
     * Expected purchases in the next {@code t} units for a customer with this history.
     *
     * @param t horizon, ≥ 0
     * @param x repeat purchases
     * @param tx time of the last purchase
     * @param age T
     * @return the conditional expectation E[Y(t) | x, t_x, T]
     */
    double expectedPurchases(double t, int x, double tx, double age);

    /**
     * Expected purchases in the first {@code t} units of a newly acquired customer.
     *
     * @param t horizon, ≥ 0
     * @return E[X(t)]
     */
    double expectedPurchasesNewCustomer(double t);

    /** @return the maximised log-likelihood of the data it was fitted to */
    double logLikelihood();

    /** @return the number of customers it was fitted to */
    int customers();
}

package io.github.omniretail.loyalty.analytics;

import java.util.Objects;

/**
 * Customer lifetime value from a purchase model and a spend model: the discounted sum, month by month, of expected
 * purchases times expected spend per purchase,
 * CLV = Σ_{k=1..K} (E[Y(t_k)] − E[Y(t_(k−1))]) · E[M] / (1 + d)^k with t_k = min(k months, horizon).
 * Immutable and thread-safe.
 */
public final class LifetimeValue {

    private final PurchaseModel purchases;
    private final GammaGammaModel spend;
    private final ModelTimeUnit unit;
    private final double monthlyDiscountRate;

    private LifetimeValue(PurchaseModel purchases, GammaGammaModel spend, ModelTimeUnit unit,
            double monthlyDiscountRate) {
        this.purchases = purchases;
        this.spend = spend;
        this.unit = unit;
        this.monthlyDiscountRate = monthlyDiscountRate;
    }

    /**
     * @param purchases fitted purchase model; non-null
     * @param spend fitted spend model; non-null
     * @param unit the time unit the models were fitted in; non-null
     * @param monthlyDiscountRate discount rate per month, ≥ 0 (0.01 = 1 % a month)
     * @return the calculator
     */
    public static LifetimeValue of(PurchaseModel purchases, GammaGammaModel spend, ModelTimeUnit unit,
            double monthlyDiscountRate) {
        Objects.requireNonNull(purchases, "purchases");
        Objects.requireNonNull(spend, "spend");
        Objects.requireNonNull(unit, "unit");
        if (!(monthlyDiscountRate >= 0) || !Double.isFinite(monthlyDiscountRate)) {
            throw new IllegalArgumentException("monthlyDiscountRate must be finite and >= 0, was "
                    + monthlyDiscountRate);
        }
        return new LifetimeValue(purchases, spend, unit, monthlyDiscountRate);
    }

    /**
     * @param horizon how far ahead, in the models' unit, &gt; 0
     * @param x repeat purchases
     * @param tx time of the last purchase
     * @param age T
     * @param meanRepeatSpend mean repeat spend in major units
     * @return the discounted value in major units of the currency
     */
    public double clv(double horizon, int x, double tx, double age, double meanRepeatSpend) {
        if (!(horizon > 0) || !Double.isFinite(horizon)) {
            throw new IllegalArgumentException("horizon must be finite and > 0, was " + horizon);
        }
        double perPurchase = spend.expectedAverageSpend(x, meanRepeatSpend);
        double month = unit.fromDays(ModelTimeUnit.MONTHS.days());
        double value = 0;
        double previous = 0;
        for (int k = 1; ; k++) {
            double t = Math.min(k * month, horizon);
            double expected = purchases.expectedPurchases(t, x, tx, age);
            value += (expected - previous) * perPurchase / Math.pow(1 + monthlyDiscountRate, k);
            previous = expected;
            if (t >= horizon) {
                return value;
            }
        }
    }

    /**
     * CLV of every customer of a model data set.
     *
     * @param horizon in the models' unit, &gt; 0
     * @param data non-null
     * @return the value per customer, in the data's order
     */
    public double[] clvAll(double horizon, ModelData data) {
        double[] out = new double[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = clv(horizon, data.repeatPurchases(i), data.timeOfLastPurchase(i), data.age(i),
                    data.repeatAverageSpend(i));
        }
        return out;
    }
}

package io.github.omniretail.loyalty.analytics;

import java.util.Arrays;

/**
 * The inputs of the lifetime-value models for a set of customers: per customer x (repeat purchase days),
 * t_x (time of the last purchase), T (age at the end of calibration) and the mean repeat spend. Immutable,
 * thread-safe.
 *
 * <p>Built from a {@link CustomerBase} ({@link CustomerBase#modelData()}) or from arrays a caller already has
 * ({@link #of(int[], double[], double[], double[])}).
 */
public final class ModelData {

    private final int[] x;
    private final double[] tx;
    private final double[] age;
    private final double[] spend;

    private ModelData(int[] x, double[] tx, double[] age, double[] spend) {
        this.x = x;
        this.tx = tx;
        this.age = age;
        this.spend = spend;
    }

    /**
     * Model inputs from arrays (copied).
     *
     * @param x repeat purchases per customer, each ≥ 0
     * @param tx time of the last purchase, 0 ≤ t_x ≤ T, and 0 when x = 0
     * @param age the customer's age T at the end of calibration, finite
     * @param repeatAverageSpend mean repeat spend in major units, ≥ 0 (0 when x = 0)
     * @return the data
     * @throws IllegalArgumentException naming the first offending customer index and values
     */
    public static ModelData of(int[] x, double[] tx, double[] age, double[] repeatAverageSpend) {
        int n = x.length;
        if (tx.length != n || age.length != n || repeatAverageSpend.length != n) {
            throw new IllegalArgumentException("arrays differ in length: x=" + n + ", tx=" + tx.length + ", T="
                    + age.length + ", spend=" + repeatAverageSpend.length);
        }
        for (int i = 0; i < n; i++) {
            if (x[i] < 0 || !(tx[i] >= 0) || !(age[i] >= tx[i]) || !Double.isFinite(age[i])
                    || (x[i] == 0 && tx[i] != 0) || !(repeatAverageSpend[i] >= 0)
                    || !Double.isFinite(repeatAverageSpend[i])) {
                throw new IllegalArgumentException("customer " + i + " has invalid model inputs: x=" + x[i]
                        + ", t_x=" + tx[i] + ", T=" + age[i] + ", spend=" + repeatAverageSpend[i]
                        + " (need x >= 0, 0 <= t_x <= T, t_x = 0 when x = 0, spend >= 0)");
            }
        }
        return new ModelData(x.clone(), tx.clone(), age.clone(), repeatAverageSpend.clone());
    }

    static ModelData wrap(int[] x, double[] tx, double[] age, double[] spend) {
        return new ModelData(x, tx, age, spend);
    }

    /** @return the number of customers */
    public int size() {
        return x.length;
    }

    /**
     * @param i customer index, 0 ≤ i &lt; size
     * @return x, repeat purchases
     */
    public int repeatPurchases(int i) {
        return x[i];
    }

    /**
     * @param i customer index
     * @return t_x
     */
    public double timeOfLastPurchase(int i) {
        return tx[i];
    }

    /**
     * @param i customer index
     * @return T
     */
    public double age(int i) {
        return age[i];
    }

    /**
     * @param i customer index
     * @return mean repeat spend in major units (0 when x = 0)
     */
    public double repeatAverageSpend(int i) {
        return spend[i];
    }

    /** @return the number of customers with at least one repeat purchase */
    public int repeatBuyers() {
        int count = 0;
        for (int v : x) {
            if (v > 0) {
                count++;
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return "ModelData[customers=" + x.length + ", repeatBuyers=" + repeatBuyers() + ", maxX="
                + Arrays.stream(x).max().orElse(0) + "]";
    }
}

package io.github.omniretail.loyalty.analytics;

/**
 * The RFM scores of every customer of a {@link CustomerBase}, in its order. Immutable and thread-safe.
 */
public final class RfmScores {

    private final CustomerBase base;
    private final RfmModel model;
    private final byte[] r;
    private final byte[] f;
    private final byte[] m;

    RfmScores(CustomerBase base, RfmModel model, byte[] r, byte[] f, byte[] m) {
        this.base = base;
        this.model = model;
        this.r = r;
        this.f = f;
        this.m = m;
    }

    /** @return the scored customers */
    public CustomerBase base() {
        return base;
    }

    /** @return the scales used */
    public RfmModel model() {
        return model;
    }

    /** @return the number of customers */
    public int size() {
        return r.length;
    }

    /**
     * @param i customer index in the base
     * @return the customer's scores
     */
    public RfmScore score(int i) {
        return new RfmScore(r[i], f[i], m[i]);
    }

    /**
     * @param i customer index
     * @return the recency score
     */
    public int r(int i) {
        return r[i];
    }

    /**
     * @param i customer index
     * @return the frequency score
     */
    public int f(int i) {
        return f[i];
    }

    /**
     * @param i customer index
     * @return the monetary score
     */
    public int m(int i) {
        return m[i];
    }

    /**
     * Customers per (R, F) cell.
     *
     * @return counts[r − 1][f − 1]
     */
    public int[][] recencyFrequencyCounts() {
        int n = model.scores();
        int[][] counts = new int[n][n];
        for (int i = 0; i < r.length; i++) {
            counts[r[i] - 1][f[i] - 1]++;
        }
        return counts;
    }
}

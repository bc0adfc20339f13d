package io.github.omniretail.loyalty.analytics;

/**
 * A customer's recency, frequency and monetary scores, each 1..n (n ≤ 9; higher is better, so R 5 = most recent).
 *
 * @param r recency score, 1..9
 * @param f frequency score, 1..9
 * @param m monetary score, 1..9
 */
public record RfmScore(int r, int f, int m) {

    /**
     * Validates the components.
     *
     * @param r recency score, 1..9
     * @param f frequency score, 1..9
     * @param m monetary score, 1..9
     */
    public RfmScore {
        if (r < 1 || r > 9 || f < 1 || f > 9 || m < 1 || m > 9) {
            throw new IllegalArgumentException("RFM scores must be 1..9, were r=" + r + ", f=" + f + ", m=" + m);
        }
    }

    /** @return the three digits, e.g. {@code "545"} */
    public String code() {
        return "" + r + f + m;
    }
}

package io.github.omniretail.loyalty.analytics;

import java.util.Objects;

/**
 * Three {@link ScoreScale}s — recency, frequency, monetary — with the same number of scores, and how they were
 * made (quantiles, the mean, or fixed), so that {@link #refit(CustomerBase)} can make them again from new data.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * RfmModel model = RfmModel.quantiles(base, 5);
 * RfmScores scores = model.scoreAll(base);
 * }</pre>
 */
public final class RfmModel {

    /** How a model's scales were made. */
    public enum Method {
        /** Quantiles of the customer base (see {@link ScoreScale#quantiles(long[], int, boolean)}). */
        QUANTILES,
        /** Above / below the mean (two scores). */
        ABOVE_MEAN,
        /** Thresholds the user gave; {@link #refit(CustomerBase)} keeps them. */
        FIXED
    }

    private final Method method;
    private final ScoreScale recency;
    private final ScoreScale frequency;
    private final ScoreScale monetary;

    private RfmModel(Method method, ScoreScale recency, ScoreScale frequency, ScoreScale monetary) {
        this.method = method;
        this.recency = recency;
        this.frequency = frequency;
        this.monetary = monetary;
    }

    /**
     * Quantile scales fitted to a customer base (recency reversed: 5 = most recent).
     *
     * @param base not empty
     * @param scores n, 2..9 (5 is the usual choice)
     * @return the model
     * @throws IllegalArgumentException if the base is empty or n is out of range
     */
    public static RfmModel quantiles(CustomerBase base, int scores) {
        return fit(Method.QUANTILES, scores, Measures.of(base));
    }

    /**
     * Two-score scales split at each measure's mean (2 = better than the mean).
     *
     * @param base not empty
     * @return the model
     */
    public static RfmModel aboveMean(CustomerBase base) {
        return fit(Method.ABOVE_MEAN, 2, Measures.of(base));
    }

    /**
     * Fixed scales: recency must be descending (lower is better), frequency and monetary ascending, all with the
     * same number of scores.
     *
     * @param recency non-null, descending
     * @param frequency non-null, ascending
     * @param monetary non-null, ascending (minor units)
     * @return the model
     * @throws IllegalArgumentException if directions or score counts disagree
     */
    public static RfmModel fixed(ScoreScale recency, ScoreScale frequency, ScoreScale monetary) {
        Objects.requireNonNull(recency, "recency");
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(monetary, "monetary");
        if (recency.higherIsBetter() || !frequency.higherIsBetter() || !monetary.higherIsBetter()) {
            throw new IllegalArgumentException("recency must be descending and frequency and monetary ascending, were "
                    + recency + ", " + frequency + ", " + monetary);
        }
        if (recency.scores() != frequency.scores() || recency.scores() != monetary.scores()) {
            throw new IllegalArgumentException("scales must have the same number of scores, had " + recency.scores()
                    + ", " + frequency.scores() + ", " + monetary.scores());
        }
        return new RfmModel(Method.FIXED, recency, frequency, monetary);
    }

    static RfmModel fit(Method method, int scores, Measures measures) {
        if (measures.size() == 0) {
            throw new IllegalArgumentException("cannot fit RFM scales to an empty customer base");
        }
        return switch (method) {
            case QUANTILES -> new RfmModel(method, ScoreScale.quantiles(measures.recency, scores, false),
                    ScoreScale.quantiles(measures.frequency, scores, true),
                    ScoreScale.quantiles(measures.monetary, scores, true));
            case ABOVE_MEAN -> new RfmModel(method, ScoreScale.aboveMean(measures.recency, false),
                    ScoreScale.aboveMean(measures.frequency, true), ScoreScale.aboveMean(measures.monetary, true));
            case FIXED -> throw new IllegalStateException("fixed scales are not fitted");
        };
    }

    /**
     * The same method applied to new data (fixed scales are returned unchanged).
     *
     * @param base not empty unless the scales are fixed
     * @return the re-fitted model
     */
    public RfmModel refit(CustomerBase base) {
        return method == Method.FIXED ? this : fit(method, scores(), Measures.of(base));
    }

    RfmModel refit(Measures measures) {
        return method == Method.FIXED ? this : fit(method, scores(), measures);
    }

    /** @return how the scales were made */
    public Method method() {
        return method;
    }

    /** @return n, the highest score */
    public int scores() {
        return recency.scores();
    }

    /** @return the recency scale (days; lower is better) */
    public ScoreScale recency() {
        return recency;
    }

    /** @return the frequency scale */
    public ScoreScale frequency() {
        return frequency;
    }

    /** @return the monetary scale (minor units) */
    public ScoreScale monetary() {
        return monetary;
    }

    /**
     * @param summary non-null
     * @return its scores against these scales
     */
    public RfmScore score(CustomerSummary summary) {
        return score(summary.recencyDays(), summary.frequency(), summary.monetary().minorUnits());
    }

    /**
     * @param recencyDays days since the last purchase
     * @param frequency the frequency measure
     * @param monetaryMinor the monetary measure in minor units
     * @return the scores
     */
    public RfmScore score(long recencyDays, long frequency, long monetaryMinor) {
        return new RfmScore(recency.score(recencyDays), this.frequency.score(frequency),
                monetary.score(monetaryMinor));
    }

    /**
     * Scores a whole customer base.
     *
     * @param base non-null
     * @return the scores, in the base's customer order
     */
    public RfmScores scoreAll(CustomerBase base) {
        int n = base.size();
        byte[] r = new byte[n];
        byte[] f = new byte[n];
        byte[] m = new byte[n];
        for (int i = 0; i < n; i++) {
            r[i] = (byte) recency.score(base.recencyDays(i));
            f[i] = (byte) frequency.score(base.frequency(i));
            m[i] = (byte) monetary.score(base.monetaryMinor(i));
        }
        return new RfmScores(base, this, r, f, m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RfmModel other && other.method == method && other.recency.equals(recency)
                && other.frequency.equals(frequency) && other.monetary.equals(monetary);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, recency, frequency, monetary);
    }

    @Override
    public String toString() {
        return "RfmModel[" + method + ", R " + recency + ", F " + frequency + ", M " + monetary + "]";
    }

    /** The three measures of every customer, as arrays. */
    static final class Measures {
        final long[] recency;
        final long[] frequency;
        final long[] monetary;

        Measures(long[] recency, long[] frequency, long[] monetary) {
            this.recency = recency;
            this.frequency = frequency;
            this.monetary = monetary;
        }

        static Measures of(CustomerBase base) {
            int n = base.size();
            long[] r = new long[n];
            long[] f = new long[n];
            long[] m = new long[n];
            for (int i = 0; i < n; i++) {
                r[i] = base.recencyDays(i);
                f[i] = base.frequency(i);
                m[i] = base.monetaryMinor(i);
            }
            return new Measures(r, f, m);
        }

        int size() {
            return recency.length;
        }
    }
}

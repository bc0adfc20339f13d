package io.github.omniretail.loyalty.analytics;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Maps one RFM measure (recency days, frequency, or monetary minor units) to a score 1..n. Immutable,
 * thread-safe.
 *
 * <p>A scale has n − 1 thresholds; {@code threshold(k)} is what a value needs to reach score k + 1. When higher
 * values are better (frequency, monetary) a value reaches score k + 1 when it is ≥ the threshold; when lower values
 * are better (recency) when it is ≤ the threshold. Thresholds may repeat (a score is then skipped) and may be
 * unreachable ({@link Long#MAX_VALUE} ascending, {@link Long#MIN_VALUE} descending).
 *
 * <p><b>Quantile scales and ties.</b> {@link #quantiles(long[], int, boolean)} gives a value the score
 * 1 + ⌊n · w / N⌋, where N is the number of values and w the number of values strictly worse than it. Equal values
 * therefore always get equal scores, whatever their order, and a tied block lands in the bin where its first
 * member would fall: a value's score says "better than at least (score − 1)/n of customers". With heavy ties some
 * scores stay empty (if 60 % of customers bought once, frequency 1 scores 1 and frequency 2 scores 4). SQL's
 * {@code NTILE} and pandas' {@code qcut(rank(method='first'))} instead split a tied block across bins by row order.
 */
public final class ScoreScale {

    private final boolean higherIsBetter;
    private final long[] thresholds;

    private ScoreScale(boolean higherIsBetter, long[] thresholds) {
        this.higherIsBetter = higherIsBetter;
        this.thresholds = thresholds;
    }

    /**
     * A fixed scale where higher values score higher: value ≥ {@code thresholds[k − 1]} reaches score k + 1.
     *
     * @param thresholds n − 1 non-decreasing thresholds (1 ≤ n − 1 ≤ 8)
     * @return the scale
     * @throws IllegalArgumentException if the count is out of range or the thresholds decrease
     */
    public static ScoreScale ascending(long... thresholds) {
        return checked(true, thresholds.clone());
    }

    /**
     * A fixed scale where lower values score higher (recency): value ≤ {@code thresholds[k − 1]} reaches score
     * k + 1. For example {@code descending(365, 180, 90, 30)} scores recency ≤ 30 days 5, ≤ 90 days 4, … and over
     * 365 days 1.
     *
     * @param thresholds n − 1 non-increasing thresholds (1 ≤ n − 1 ≤ 8)
     * @return the scale
     */
    public static ScoreScale descending(long... thresholds) {
        return checked(false, thresholds.clone());
    }

    private static ScoreScale checked(boolean higherIsBetter, long[] thresholds) {
        if (thresholds.length < 1 || thresholds.length > 8) {
            throw new IllegalArgumentException("a scale needs 1 to 8 thresholds (2 to 9 scores), was "
                    + thresholds.length + ": " + Arrays.toString(thresholds));
        }
        for (int k = 1; k < thresholds.length; k++) {
            if (higherIsBetter ? thresholds[k] < thresholds[k - 1] : thresholds[k] > thresholds[k - 1]) {
                throw new IllegalArgumentException("thresholds must be " + (higherIsBetter ? "non-decreasing"
                        : "non-increasing") + ", were " + Arrays.toString(thresholds));
            }
        }
        return new ScoreScale(higherIsBetter, thresholds);
    }

    /**
     * Quantile thresholds fitted to values with the deterministic tie rule in the class description.
     *
     * @param values the measure of every customer; not empty; not modified
     * @param scores n, 2..9
     * @param higherIsBetter true for frequency and monetary, false for recency
     * @return the scale
     */
    public static ScoreScale quantiles(long[] values, int scores, boolean higherIsBetter) {
        checkScores(scores);
        int count = values.length;
        if (count == 0) {
            throw new IllegalArgumentException("cannot fit quantiles to no values");
        }
        OrderStatistics stats = OrderStatistics.of(values);
        long[] thresholds = new long[scores - 1];
        for (int k = 1; k < scores; k++) {
            long p = ((long) k * count + scores - 1) / scores; // ceil(k·N/n): worse values needed
            if (higherIsBetter) {
                // smallest value with at least p values strictly below it
                thresholds[k - 1] = p == 0 ? stats.min() : stats.next(stats.at(p - 1), Long.MAX_VALUE);
            } else {
                // largest value with at least p values strictly above it
                thresholds[k - 1] = p == 0 ? stats.max() : stats.previous(stats.at(count - p), Long.MIN_VALUE);
            }
        }
        return new ScoreScale(higherIsBetter, thresholds);
    }

    /**
     * Two scores split at the mean: score 2 when the value is strictly better than the mean (above it, or below it
     * for recency), else 1. The basis of the 8-class scheme.
     *
     * @param values not empty
     * @param higherIsBetter true for frequency and monetary, false for recency
     * @return the scale
     */
    public static ScoreScale aboveMean(long[] values, boolean higherIsBetter) {
        if (values.length == 0) {
            throw new IllegalArgumentException("cannot fit a mean to no values");
        }
        BigInteger sum = BigInteger.ZERO;
        long partial = 0;
        for (long v : values) {
            long s = partial + v;
            if (((partial ^ s) & (v ^ s)) < 0) {
                sum = sum.add(BigInteger.valueOf(partial));
                s = v;
            }
            partial = s;
        }
        sum = sum.add(BigInteger.valueOf(partial));
        BigInteger n = BigInteger.valueOf(values.length);
        BigInteger[] qr = sum.divideAndRemainder(n);
        BigInteger floor = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        BigInteger ceil = qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
        long threshold = higherIsBetter ? floor.longValueExact() + 1 : ceil.longValueExact() - 1;
        return new ScoreScale(higherIsBetter, new long[] {threshold});
    }

    static void checkScores(int scores) {
        if (scores < 2 || scores > 9) {
            throw new IllegalArgumentException("scores must be 2..9, was " + scores);
        }
    }

    /** @return n, the highest score */
    public int scores() {
        return thresholds.length + 1;
    }

    /** @return true when higher values score higher */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /**
     * @param k 1..n − 1
     * @return the value needed for score k + 1
     */
    public long threshold(int k) {
        return thresholds[k - 1];
    }

    /**
     * @param value the measure
     * @return its score, 1..n
     */
    public int score(long value) {
        int score = 1;
        if (higherIsBetter) {
            for (long t : thresholds) {
                if (value >= t) {
                    score++;
                }
            }
        } else {
            for (long t : thresholds) {
                if (value <= t) {
                    score++;
                }
            }
        }
        return score;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoreScale other && other.higherIsBetter == higherIsBetter
                && Arrays.equals(other.thresholds, thresholds);
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(higherIsBetter) * 31 + Arrays.hashCode(thresholds);
    }

    @Override
    public String toString() {
        return (higherIsBetter ? "ascending" : "descending") + Arrays.toString(thresholds);
    }

    /** Order statistics of a value array: a histogram for narrow ranges, a sorted copy otherwise. */
    private static final class OrderStatistics {
        private final long[] sorted;
        private final long min;
        private final int[] cumulative; // cumulative[i] = count of values <= min + i

        private OrderStatistics(long[] sorted, long min, int[] cumulative) {
            this.sorted = sorted;
            this.min = min;
            this.cumulative = cumulative;
        }

        static OrderStatistics of(long[] values) {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (long v : values) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (max - min >= 0 && max - min < (1 << 22)) {
                int[] cumulative = new int[(int) (max - min) + 1];
                for (long v : values) {
                    cumulative[(int) (v - min)]++;
                }
                for (int i = 1; i < cumulative.length; i++) {
                    cumulative[i] += cumulative[i - 1];
                }
                return new OrderStatistics(null, min, cumulative);
            }
            long[] sorted = values.clone();
            Arrays.parallelSort(sorted);
            return new OrderStatistics(sorted, min, null);
        }

        long min() {
            return sorted != null ? sorted[0] : min;
        }

        long max() {
            return sorted != null ? sorted[sorted.length - 1] : min + cumulative.length - 1;
        }

        /** The value at 0-based position p of the sorted values. */
        long at(long p) {
            if (sorted != null) {
                return sorted[(int) p];
            }
            int lo = 0;
            int hi = cumulative.length - 1;
            while (lo < hi) { // first bucket whose cumulative count exceeds p
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] > p) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return min + lo;
        }

        /** The smallest value strictly greater than v, or {@code none}. */
        long next(long v, long none) {
            if (sorted != null) {
                int i = upperBound(v);
                return i < sorted.length ? sorted[i] : none;
            }
            int base = (int) (v - min);
            for (int i = base + 1; i < cumulative.length; i++) {
                if (cumulative[i] > cumulative[i - 1]) {
                    return min + i;
                }
            }
            return none;
        }

        /** The largest value strictly less than v, or {@code none}. */
        long previous(long v, long none) {
            if (sorted != null) {
                int i = lowerBound(v) - 1;
                return i >= 0 ? sorted[i] : none;
            }
            int base = (int) (v - min);
            for (int i = base - 1; i >= 0; i--) {
                if (cumulative[i] > (i == 0 ? 0 : cumulative[i - 1])) {
                    return min + i;
                }
            }
            return none;
        }

        private int upperBound(long v) {
            int lo = 0;
            int hi = sorted.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] <= v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        private int lowerBound(long v) {
            int lo = 0;
            int hi = sorted.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] < v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}

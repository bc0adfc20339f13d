package io.github.omniretail.analytics.forecast;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Forecasts daily demand of one SKU at one node from its daily history.
 *
 * <p><b>Choosing a method per series.</b> The last {@code backtestDays} of the history are held out; every candidate
 * method is fitted on the rest and forecasts them; the method with the lowest mean squared error wins (the mean is
 * what replenishment needs; absolute error would favour all-zero forecasts of intermittent series) and is fitted
 * again on the whole history. Fast movers usually get {@link ForecastMethod#ETS_SEASONAL} (weekday effects), slow and
 * intermittent ones {@link ForecastMethod#CROSTON} or {@link ForecastMethod#TSB}. Each candidate's score is its
 * MASE: backtest MAE ÷ the in-sample mean absolute seasonal (7-day) difference, so below 1 beats the seasonal-naive
 * forecast's in-sample accuracy. Histories too short to backtest ({@code < backtestDays + 21}) get TSB when more than
 * half the days are zero, SES otherwise.
 *
 * <p><b>Intervals.</b> Empirical quantiles of the chosen method's one-step in-sample residuals, widened for day
 * {@code h} by the method's h-step variance factor (Hyndman &amp; Athanasopoulos, FPP3 §8.7), floored at 0. Each
 * level's stated coverage ({@link DemandForecast#coverage}) is the share of those residuals the band holds: the level
 * itself for continuous demand, more for whole-number demand that is mostly zero, where any interval containing 0
 * covers at least the zero days.
 *
 * <p><b>Input.</b> Units sold per day, oldest first, the last element yesterday. Sales under a stock-out understate
 * demand; pass demand (sales plus refused requests) where the host has it.
 *
 * <p><b>Thread-safety.</b> Immutable and thread-safe; {@link #forecastAll} uses the common fork-join pool.
 */
public final class DemandForecaster {
    private final int horizon;
    private final int backtestDays;
    private final int historyDays;
    private final int[] levels;
    private final Set<ForecastMethod> methods;

    private DemandForecaster(Builder b) {
        this.horizon = b.horizon;
        this.backtestDays = b.backtestDays;
        this.historyDays = b.historyDays;
        this.levels = b.levels.clone();
        this.methods = EnumSet.copyOf(b.methods);
    }

    /**
     * A builder with the defaults: horizon 14 days, backtest 28 days, history up to 728 days, intervals at 80 % and
     * 95 %, every method a candidate.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The interval levels, percent.
     *
     * @return a copy
     */
    public int[] levels() {
        return levels.clone();
    }

    /**
     * Days forecast.
     *
     * @return the horizon
     */
    public int horizon() {
        return horizon;
    }

    /**
     * Forecasts one series.
     *
     * @param dailyUnits units per day, oldest first; at least 1 day, none negative
     * @return the forecast
     * @throws IllegalArgumentException for an empty history or a negative day, naming its index
     */
    public DemandForecast forecast(int[] dailyUnits) {
        Objects.requireNonNull(dailyUnits, "dailyUnits");
        if (dailyUnits.length == 0) {
            throw new IllegalArgumentException("history must have at least one day");
        }
        for (int i = 0; i < dailyUnits.length; i++) {
            if (dailyUnits[i] < 0) {
                throw new IllegalArgumentException("day " + i + " of the history is negative: " + dailyUnits[i]);
            }
        }
        int n = dailyUnits.length;
        int from = Math.max(0, n - historyDays);
        Map<ForecastMethod, Double> mase = new EnumMap<>(ForecastMethod.class);
        Smoothing.Fit trained = choose(dailyUnits, from, n, mase);
        Smoothing.Fit fit = new Smoothing.Fit(trained.method);
        double[] residuals = new double[n - from];
        int k = Smoothing.refit(trained, dailyUnits, from, n, fit, residuals);
        double sigma = 0;
        for (int i = 0; i < k; i++) {
            sigma += residuals[i] * residuals[i];
        }
        sigma = k == 0 ? 0 : Math.sqrt(sigma / k);
        double[] lo = new double[levels.length];
        double[] hi = new double[levels.length];
        double[] coverage = new double[levels.length];
        for (int i = 0; i < levels.length && k > 0; i++) {
            double tail = (100 - levels[i]) / 200.0;
            lo[i] = Quantiles.of(residuals, k, tail);
            hi[i] = Quantiles.of(residuals, k, 1 - tail);
            int inside = 0;
            for (int j = 0; j < k; j++) {
                if (residuals[j] >= lo[i] - 1e-9 && residuals[j] <= hi[i] + 1e-9) {
                    inside++;
                }
            }
            coverage[i] = (double) inside / k;
        }
        ForecastMethod chosen = trained.method;
        double[] mean = new double[horizon];
        double[][] lower = new double[levels.length][horizon];
        double[][] upper = new double[levels.length][horizon];
        for (int h = 1; h <= horizon; h++) {
            double point = fit.point(h);
            mean[h - 1] = point;
            double widen = Math.sqrt(fit.varianceFactor(h));
            for (int i = 0; i < levels.length; i++) {
                lower[i][h - 1] = Math.max(0, point + lo[i] * widen);
                upper[i][h - 1] = Math.max(0, point + hi[i] * widen);
            }
        }
        return new DemandForecast(chosen, mean, levels, lower, upper, coverage, sigma, mase);
    }

    /**
     * Forecasts many series in parallel (the common fork-join pool).
     *
     * @param histories one history per series
     * @return forecasts in the same order
     */
    public List<DemandForecast> forecastAll(List<int[]> histories) {
        DemandForecast[] out = new DemandForecast[histories.size()];
        IntStream.range(0, out.length).parallel().forEach(i -> out[i] = forecast(histories.get(i)));
        return List.of(out);
    }

    private Smoothing.Fit choose(int[] y, int from, int n, Map<ForecastMethod, Double> mase) {
        int train = n - backtestDays;
        int zeros = 0;
        for (int t = from; t < n; t++) {
            if (y[t] == 0) {
                zeros++;
            }
        }
        if (train - from < 3 * Smoothing.M) {
            ForecastMethod m = 2 * zeros > n - from && methods.contains(ForecastMethod.TSB) ? ForecastMethod.TSB
                    : methods.contains(ForecastMethod.SES) ? ForecastMethod.SES : methods.iterator().next();
            if (m == ForecastMethod.ETS_SEASONAL && n - from < 2 * Smoothing.M) {
                m = ForecastMethod.SEASONAL_NAIVE;
            }
            return Smoothing.fit(m, y, from, n);
        }
        double scale = 0;
        for (int t = from + Smoothing.M; t < train; t++) {
            scale += Math.abs(y[t] - y[t - Smoothing.M]);
        }
        scale /= train - from - Smoothing.M;
        Smoothing.Fit best = null;
        double bestMse = Double.MAX_VALUE;
        for (ForecastMethod m : methods) {
            // Without a zero day Croston and TSB are simple exponential smoothing on a narrower grid: SES stands in.
            if (zeros == 0 && (m == ForecastMethod.CROSTON || m == ForecastMethod.TSB) && methods.contains(ForecastMethod.SES)) {
                continue;
            }
            Smoothing.Fit fit = Smoothing.fit(m, y, from, train);
            double mae = 0;
            double mse = 0;
            for (int h = 1; h <= backtestDays; h++) {
                double e = y[train + h - 1] - fit.point(h);
                mae += Math.abs(e);
                mse += e * e;
            }
            mae /= backtestDays;
            mase.put(m, scale > 0 ? mae / scale : mae == 0 ? 0.0 : Double.POSITIVE_INFINITY);
            if (mse < bestMse) {
                bestMse = mse;
                best = fit;
            }
        }
        return best;
    }

    /** Builds a forecaster; each setting may be set once. */
    public static final class Builder {
        private final Map<String, Boolean> set = new HashMap<>();
        private int horizon = 14;
        private int backtestDays = 28;
        private int historyDays = 728;
        private int[] levels = {80, 95};
        private Set<ForecastMethod> methods = EnumSet.allOf(ForecastMethod.class);

        private Builder() {
        }

        private void once(String setting) {
            if (set.putIfAbsent(setting, Boolean.TRUE) != null) {
                throw new IllegalStateException(setting + " is already set");
            }
        }

        /**
         * Days to forecast.
         *
         * @param days 1..366
         * @return this builder
         */
        public Builder horizon(int days) {
            once("horizon");
            if (days < 1 || days > 366) {
                throw new IllegalArgumentException("horizon must be 1..366 days, was " + days);
            }
            this.horizon = days;
            return this;
        }

        /**
         * Days held out to choose a method.
         *
         * @param days 7..366
         * @return this builder
         */
        public Builder backtestDays(int days) {
            once("backtestDays");
            if (days < 7 || days > 366) {
                throw new IllegalArgumentException("backtestDays must be 7..366, was " + days);
            }
            this.backtestDays = days;
            return this;
        }

        /**
         * The most recent days of history used; older days are ignored.
         *
         * @param days {@code >= 42}
         * @return this builder
         */
        public Builder historyDays(int days) {
            once("historyDays");
            if (days < 42) {
                throw new IllegalArgumentException("historyDays must be >= 42, was " + days);
            }
            this.historyDays = days;
            return this;
        }

        /**
         * Prediction-interval levels, percent.
         *
         * @param levels each 1..99, distinct, at least one
         * @return this builder
         */
        public Builder levels(int... levels) {
            once("levels");
            if (levels.length == 0 || Arrays.stream(levels).distinct().count() != levels.length) {
                throw new IllegalArgumentException("levels must be distinct and non-empty, were "
                        + Arrays.toString(levels));
            }
            for (int l : levels) {
                if (l < 1 || l > 99) {
                    throw new IllegalArgumentException("a level must be 1..99 percent, was " + l);
                }
            }
            this.levels = levels.clone();
            return this;
        }

        /**
         * The candidate methods.
         *
         * @param methods at least one
         * @return this builder
         */
        public Builder methods(Set<ForecastMethod> methods) {
            once("methods");
            if (methods.isEmpty()) {
                throw new IllegalArgumentException("methods must not be empty");
            }
            this.methods = EnumSet.copyOf(methods);
            return this;
        }

        /**
         * Builds.
         *
         * @return the forecaster
         */
        public DemandForecaster build() {
            return new DemandForecaster(this);
        }
    }
}

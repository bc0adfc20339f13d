package io.github.omniretail.analytics.forecast;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * One series' forecast: daily point forecasts (units) for days 1..horizon after the history, prediction intervals at
 * the forecaster's levels, the method the backtest chose and every candidate's backtest MASE. Immutable.
 */
public final class DemandForecast {
    private final ForecastMethod method;
    private final double[] mean;
    private final int[] levels;
    private final double[][] lower;
    private final double[][] upper;
    private final double[] coverage;
    private final double sigma;
    private final Map<ForecastMethod, Double> backtestMase;

    DemandForecast(ForecastMethod method, double[] mean, int[] levels, double[][] lower, double[][] upper,
            double[] coverage, double sigma, Map<ForecastMethod, Double> backtestMase) {
        this.method = method;
        this.mean = mean;
        this.levels = levels;
        this.lower = lower;
        this.upper = upper;
        this.coverage = coverage;
        this.sigma = sigma;
        this.backtestMase = backtestMase.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(backtestMase));
    }

    /**
     * The method chosen for this series.
     *
     * @return the method
     */
    public ForecastMethod method() {
        return method;
    }

    /**
     * Days forecast.
     *
     * @return the horizon
     */
    public int horizon() {
        return mean.length;
    }

    /**
     * The point forecast (expected units) for a day.
     *
     * @param day 1 = the day after the history, up to {@link #horizon()}
     * @return expected units, {@code >= 0}
     * @throws IndexOutOfBoundsException outside 1..horizon
     */
    public double mean(int day) {
        return mean[check(day)];
    }

    /**
     * Expected units (demand, not money) over days {@code from..from+days-1}.
     *
     * @param from the first day, 1-based
     * @param days how many days
     * @return the sum of point forecasts
     */
    public double unitsOver(int from, int days) {
        double s = 0;
        for (int d = from; d < from + days; d++) {
            s += mean[check(d)];
        }
        return s;
    }

    /**
     * The lower bound of the prediction interval at {@code level} for a day.
     *
     * @param level one of the forecaster's levels (percent)
     * @param day 1..horizon
     * @return units, {@code >= 0}
     */
    public double lower(int level, int day) {
        return lower[levelIndex(level)][check(day)];
    }

    /**
     * The upper bound of the prediction interval at {@code level} for a day.
     *
     * @param level one of the forecaster's levels (percent)
     * @param day 1..horizon
     * @return units
     */
    public double upper(int level, int day) {
        return upper[levelIndex(level)][check(day)];
    }

    /**
     * The share of demand outcomes the interval at {@code level} is expected to hold: the share of the series' own
     * one-step errors inside its band. About {@code level} for continuous demand; more for whole-number demand that is
     * mostly zero (an interval containing 0 holds every zero day), which no interval of whole units can avoid.
     *
     * @param level one of the forecaster's levels (percent)
     * @return the stated coverage, 0..1
     */
    public double coverage(int level) {
        return coverage[levelIndex(level)];
    }

    /**
     * The standard deviation of one-day forecast errors (in-sample, the chosen method): the σ safety stock uses.
     *
     * @return units
     */
    public double sigma() {
        return sigma;
    }

    /**
     * The standard deviation of the forecast error of total demand over {@code days} days, assuming independent daily
     * errors: σ·√days.
     *
     * @param days {@code >= 0}
     * @return units
     */
    public double sigmaOver(double days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must be >= 0, was " + days);
        }
        return sigma * Math.sqrt(days);
    }

    /**
     * Each candidate's MASE on the backtest window (mean absolute error ÷ the in-sample mean absolute seasonal
     * difference); empty when the history was too short to backtest.
     *
     * @return MASE by method
     */
    public Map<ForecastMethod, Double> backtestMase() {
        return backtestMase;
    }

    /**
     * The chosen method's backtest MASE.
     *
     * @return the MASE, empty without a backtest
     */
    public Optional<Double> mase() {
        return Optional.ofNullable(backtestMase.get(method));
    }

    private int check(int day) {
        if (day < 1 || day > mean.length) {
            throw new IndexOutOfBoundsException("day must be 1.." + mean.length + ", was " + day);
        }
        return day - 1;
    }

    private int levelIndex(int level) {
        for (int i = 0; i < levels.length; i++) {
            if (levels[i] == level) {
                return i;
            }
        }
        throw new IllegalArgumentException("no interval at level " + level + "; levels are " + Arrays.toString(levels));
    }

    @Override
    public String toString() {
        return "DemandForecast[" + method + ", day 1 " + String.format(java.util.Locale.ROOT, "%.2f", mean[0])
                + ", σ " + String.format(java.util.Locale.ROOT, "%.2f", sigma) + "]";
    }
}

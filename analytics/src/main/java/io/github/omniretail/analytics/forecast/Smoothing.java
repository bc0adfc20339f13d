package io.github.omniretail.analytics.forecast;

/**
 * The fitting kernels: each method's recursion over {@code y[0..n)}, its in-sample one-step squared error for a
 * parameter choice, and its final state. Parameters are chosen by grid search on that error. Allocation-free except
 * the fitted state; a kernel instance is confined to one thread.
 *
 * <p>Sources: Hyndman &amp; Athanasopoulos, <i>Forecasting: Principles and Practice</i> (3rd ed.), §8 (ETS state
 * space forms and their h-step variances); Croston (1972); Syntetos &amp; Boylan (2005); Teunter, Syntetos &amp;
 * Babai (2011); Nixtla statsforecast's {@code CrostonOptimized} (each component's parameter in [0.1, 0.3]).
 */
final class Smoothing {
    static final int M = 7;
    private static final double[] SES_ALPHAS = {0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.7};
    private static final double[] ETS_ALPHAS = {0.02, 0.05, 0.1, 0.2, 0.3, 0.5};
    private static final double[] ETS_GAMMAS = {0.0, 0.02, 0.05, 0.1};
    private static final double[] CROSTON_ALPHAS = {0.1, 0.15, 0.2, 0.25, 0.3};
    private static final double[] TSB_ALPHAS = {0.05, 0.1, 0.2, 0.3};
    private static final double[] TSB_BETAS = {0.01, 0.02, 0.05, 0.1, 0.2};

    private Smoothing() {
    }

    /** A fitted method: its state at {@code n}, parameters and one-step residual scale. */
    static final class Fit {
        final ForecastMethod method;
        double level;
        final double[] season = new double[M];
        double alpha;
        double gamma;
        /** The end index the state describes. */
        int n;
        /** The last season of data, for the seasonal-naive forecast. */
        final double[] lastSeason = new double[M];

        Fit(ForecastMethod method) {
            this.method = method;
        }

        /** The point forecast for day {@code n + h - 1} (h ≥ 1), never below 0. */
        double point(int h) {
            int day = n + h - 1;
            double f = switch (method) {
                case SEASONAL_NAIVE -> lastSeason[Math.floorMod(day, M)];
                case ETS_SEASONAL -> level + season[Math.floorMod(day, M)];
                default -> level;
            };
            return Math.max(0, f);
        }

        /** h-step forecast variance ÷ one-step variance (FPP3 table 8.8; 1 for the intermittent methods). */
        double varianceFactor(int h) {
            int k = (h - 1) / M;
            return switch (method) {
                case SEASONAL_NAIVE -> k + 1;
                case SES -> 1 + (h - 1) * alpha * alpha;
                case ETS_SEASONAL -> 1 + (h - 1) * alpha * alpha + k * gamma * (2 * alpha + gamma);
                default -> 1;
            };
        }
    }

    static Fit fit(ForecastMethod method, int[] y, int from, int n) {
        return switch (method) {
            case SEASONAL_NAIVE -> seasonalNaive(y, n);
            case SES -> ses(y, from, n);
            case ETS_SEASONAL -> ets(y, from, n);
            case CROSTON -> croston(y, from, n);
            case TSB -> tsb(y, from, n);
        };
    }

    /** The smallest history each method needs after {@code from}. */
    static int minimum(ForecastMethod method) {
        return method == ForecastMethod.ETS_SEASONAL ? 3 * M : M + 1;
    }

    private static Fit seasonalNaive(int[] y, int n) {
        Fit f = new Fit(ForecastMethod.SEASONAL_NAIVE);
        f.n = n;
        for (int t = Math.max(0, n - M); t < n; t++) {
            f.lastSeason[Math.floorMod(t, M)] = y[t];
        }
        return f;
    }

    private static double mean(int[] y, int from, int to) {
        long s = 0;
        for (int t = from; t < to; t++) {
            s += y[t];
        }
        return to > from ? (double) s / (to - from) : 0;
    }

    private static Fit ses(int[] y, int from, int n) {
        double l0 = mean(y, from, Math.min(n, from + M));
        double best = Double.MAX_VALUE;
        double bestAlpha = SES_ALPHAS[0];
        for (double a : SES_ALPHAS) {
            double l = l0;
            double sse = 0;
            for (int t = from + M; t < n; t++) {
                double e = y[t] - l;
                sse += e * e;
                l += a * e;
            }
            if (sse < best) {
                best = sse;
                bestAlpha = a;
            }
        }
        Fit f = new Fit(ForecastMethod.SES);
        f.alpha = bestAlpha;
        double l = l0;
        for (int t = from + M; t < n; t++) {
            l += bestAlpha * (y[t] - l);
        }
        f.level = l;
        f.n = n;
        return f;
    }

    private static void etsInit(int[] y, int from, double[] s, double[] l0) {
        double level = mean(y, from, from + 2 * M);
        for (int j = 0; j < M; j++) {
            int t = from + j;
            s[Math.floorMod(t, M)] = (y[t] + y[t + M]) / 2.0 - level;
        }
        l0[0] = level;
    }

    private static Fit ets(int[] y, int from, int n) {
        double[] s0 = new double[M];
        double[] l0 = new double[1];
        etsInit(y, from, s0, l0);
        double[] s = new double[M];
        double best = Double.MAX_VALUE;
        double bestA = ETS_ALPHAS[0];
        double bestG = 0;
        int start = from + 2 * M;
        for (double a : ETS_ALPHAS) {
            for (double g : ETS_GAMMAS) {
                System.arraycopy(s0, 0, s, 0, M);
                double l = l0[0];
                double sse = 0;
                int j = Math.floorMod(start, M);
                for (int t = start; t < n; t++) {
                    double e = y[t] - l - s[j];
                    sse += e * e;
                    l += a * e;
                    s[j] += g * e;
                    if (++j == M) {
                        j = 0;
                    }
                }
                if (sse < best) {
                    best = sse;
                    bestA = a;
                    bestG = g;
                }
            }
        }
        Fit f = new Fit(ForecastMethod.ETS_SEASONAL);
        f.alpha = bestA;
        f.gamma = bestG;
        System.arraycopy(s0, 0, f.season, 0, M);
        double l = l0[0];
        for (int t = start; t < n; t++) {
            int j = Math.floorMod(t, M);
            double e = y[t] - l - f.season[j];
            l += bestA * e;
            f.season[j] += bestG * e;
        }
        f.level = l;
        f.n = n;
        return f;
    }

    private static Fit croston(int[] y, int from, int n) {
        // Sizes and intervals of the demand days, smoothed separately (SES, each parameter by its own error).
        int count = 0;
        for (int t = from; t < n; t++) {
            if (y[t] > 0) {
                count++;
            }
        }
        Fit f = new Fit(ForecastMethod.CROSTON);
        f.n = n;
        if (count == 0) {
            return f;
        }
        double[] sizes = new double[count];
        double[] gaps = new double[count];
        int i = 0;
        int last = from - 1;
        for (int t = from; t < n; t++) {
            if (y[t] > 0) {
                sizes[i] = y[t];
                gaps[i] = t - last;
                last = t;
                i++;
            }
        }
        double z = sesLast(sizes, count, chooseAlpha(sizes, count));
        double p = sesLast(gaps, count, chooseAlpha(gaps, count));
        f.alpha = 0;
        f.level = z / Math.max(1, p);
        return f;
    }

    private static double chooseAlpha(double[] x, int count) {
        double best = Double.MAX_VALUE;
        double bestA = CROSTON_ALPHAS[0];
        for (double a : CROSTON_ALPHAS) {
            double l = x[0];
            double sse = 0;
            for (int i = 1; i < count; i++) {
                double e = x[i] - l;
                sse += e * e;
                l += a * e;
            }
            if (sse < best) {
                best = sse;
                bestA = a;
            }
        }
        return bestA;
    }

    private static double sesLast(double[] x, int count, double a) {
        double l = x[0];
        for (int i = 1; i < count; i++) {
            l += a * (x[i] - l);
        }
        return l;
    }

    private static Fit tsb(int[] y, int from, int n) {
        int warm = Math.min(n, from + 4 * M);
        int demands = 0;
        long units = 0;
        for (int t = from; t < warm; t++) {
            if (y[t] > 0) {
                demands++;
                units += y[t];
            }
        }
        double p0 = (double) demands / Math.max(1, warm - from);
        double z0 = demands == 0 ? 1 : (double) units / demands;
        double best = Double.MAX_VALUE;
        double bestA = TSB_ALPHAS[0];
        double bestB = TSB_BETAS[0];
        for (double a : TSB_ALPHAS) {
            for (double b : TSB_BETAS) {
                double p = p0;
                double z = z0;
                double sse = 0;
                for (int t = warm; t < n; t++) {
                    double e = y[t] - p * z;
                    sse += e * e;
                    if (y[t] > 0) {
                        p += b * (1 - p);
                        z += a * (y[t] - z);
                    } else {
                        p -= b * p;
                    }
                }
                if (sse < best) {
                    best = sse;
                    bestA = a;
                    bestB = b;
                }
            }
        }
        double p = p0;
        double z = z0;
        for (int t = warm; t < n; t++) {
            if (y[t] > 0) {
                p += bestB * (1 - p);
                z += bestA * (y[t] - z);
            } else {
                p -= bestB * p;
            }
        }
        Fit f = new Fit(ForecastMethod.TSB);
        f.alpha = bestA;
        f.gamma = bestB;
        f.level = p * z;
        f.n = n;
        return f;
    }

    /**
     * One-step in-sample residuals of a fitted method (its parameters fixed) over {@code [from + warm-up, n)}, written
     * into {@code out}; returns how many.
     */
    static int residuals(Fit fit, int[] y, int from, int n, double[] out) {
        int k = 0;
        switch (fit.method) {
            case SEASONAL_NAIVE -> {
                for (int t = from + M; t < n; t++) {
                    out[k++] = y[t] - y[t - M];
                }
            }
            case SES -> {
                double l = mean(y, from, Math.min(n, from + M));
                for (int t = from + M; t < n; t++) {
                    double e = y[t] - l;
                    out[k++] = e;
                    l += fit.alpha * e;
                }
            }
            case ETS_SEASONAL -> {
                double[] s = new double[M];
                double[] l0 = new double[1];
                etsInit(y, from, s, l0);
                double l = l0[0];
                for (int t = from + 2 * M; t < n; t++) {
                    int j = Math.floorMod(t, M);
                    double e = y[t] - l - s[j];
                    out[k++] = e;
                    l += fit.alpha * e;
                    s[j] += fit.gamma * e;
                }
            }
            case CROSTON, TSB -> {
                // Against the final rate: for stationary intermittent demand the spread of y around the rate is
                // what an interval must cover; the smoothed path's own noise is second order.
                for (int t = Math.max(from, n - 364); t < n; t++) {
                    out[k++] = y[t] - fit.level;
                }
            }
        }
        return k;
    }
}

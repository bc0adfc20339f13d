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
        Fit f = new Fit(method);
        switch (method) {
            case SES -> chooseSes(f, y, from, n);
            case ETS_SEASONAL -> chooseEts(f, y, from, n);
            case CROSTON -> chooseCroston(f, y, from, n);
            case TSB -> chooseTsb(f, y, from, n);
            default -> {
            }
        }
        state(f, y, from, n, null);
        return f;
    }

    /**
     * The same method with the same parameters run over {@code [from, n)}: its state at {@code n}, and its one-step
     * in-sample residuals written into {@code residuals}.
     *
     * @return how many residuals
     */
    static int refit(Fit trained, int[] y, int from, int n, Fit into, double[] residuals) {
        into.alpha = trained.alpha;
        into.gamma = trained.gamma;
        return state(into, y, from, n, residuals);
    }

    private static double mean(int[] y, int from, int to) {
        long s = 0;
        for (int t = from; t < to; t++) {
            s += y[t];
        }
        return to > from ? (double) s / (to - from) : 0;
    }

    // ---- parameter choice: grid search on one-step squared error, abandoning a candidate once it is worse

    private static void chooseSes(Fit f, int[] y, int from, int n) {
        double l0 = mean(y, from, Math.min(n, from + M));
        double best = Double.MAX_VALUE;
        f.alpha = SES_ALPHAS[0];
        for (double a : SES_ALPHAS) {
            double l = l0;
            double sse = 0;
            for (int t = from + M; t < n && sse < best; t++) {
                double e = y[t] - l;
                sse += e * e;
                l += a * e;
            }
            if (sse < best) {
                best = sse;
                f.alpha = a;
            }
        }
    }

    private static double etsInit(int[] y, int from, double[] s) {
        double level = mean(y, from, from + 2 * M);
        for (int j = 0; j < M; j++) {
            int t = from + j;
            s[Math.floorMod(t, M)] = (y[t] + y[t + M]) / 2.0 - level;
        }
        return level;
    }

    /**
     * ETS(A,N,A) parameters by coordinate search: the level's α over its grid with γ at 0.05, then γ over its grid
     * with that α (10 passes instead of the full grid's 24).
     */
    private static void chooseEts(Fit f, int[] y, int from, int n) {
        double[] s0 = new double[M];
        double l0 = etsInit(y, from, s0);
        double[] s = new double[M];
        double[] best = {Double.MAX_VALUE};
        f.alpha = ETS_ALPHAS[0];
        f.gamma = 0.05;
        for (double a : ETS_ALPHAS) {
            if (etsCandidate(y, from, n, s0, l0, s, a, 0.05, best)) {
                f.alpha = a;
            }
        }
        for (double g : ETS_GAMMAS) {
            if (g != 0.05 && etsCandidate(y, from, n, s0, l0, s, f.alpha, g, best)) {
                f.gamma = g;
            }
        }
    }

    private static boolean etsCandidate(int[] y, int from, int n, double[] s0, double l0, double[] s, double a, double g,
            double[] best) {
        System.arraycopy(s0, 0, s, 0, M);
        int start = from + 2 * M;
        double l = l0;
        double sse = 0;
        int j = Math.floorMod(start, M);
        for (int t = start; t < n && sse < best[0]; t++) {
            double e = y[t] - l - s[j];
            sse += e * e;
            l += a * e;
            s[j] += g * e;
            if (++j == M) {
                j = 0;
            }
        }
        if (sse < best[0]) {
            best[0] = sse;
            return true;
        }
        return false;
    }

    /** Croston: {@code alpha} smooths demand sizes, {@code gamma} the intervals between demands. */
    private static void chooseCroston(Fit f, int[] y, int from, int n) {
        int count = 0;
        for (int t = from; t < n; t++) {
            if (y[t] > 0) {
                count++;
            }
        }
        f.alpha = CROSTON_ALPHAS[0];
        f.gamma = CROSTON_ALPHAS[0];
        if (count < 2) {
            return;
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
        f.alpha = sesAlpha(sizes, count);
        f.gamma = sesAlpha(gaps, count);
    }

    private static double sesAlpha(double[] x, int count) {
        double best = Double.MAX_VALUE;
        double bestA = CROSTON_ALPHAS[0];
        for (double a : CROSTON_ALPHAS) {
            double l = x[0];
            double sse = 0;
            for (int i = 1; i < count && sse < best; i++) {
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

    /** TSB: {@code alpha} smooths sizes, {@code gamma} the probability of a demand; coordinate search as ETS. */
    private static void chooseTsb(Fit f, int[] y, int from, int n) {
        int warm = Math.min(n, from + 4 * M);
        double[] pz = tsbInit(y, from, warm);
        double[] best = {Double.MAX_VALUE};
        f.alpha = TSB_ALPHAS[1];
        f.gamma = TSB_BETAS[0];
        for (double b : TSB_BETAS) {
            if (tsbCandidate(y, warm, n, pz, TSB_ALPHAS[1], b, best)) {
                f.gamma = b;
            }
        }
        for (double a : TSB_ALPHAS) {
            if (a != TSB_ALPHAS[1] && tsbCandidate(y, warm, n, pz, a, f.gamma, best)) {
                f.alpha = a;
            }
        }
    }

    private static boolean tsbCandidate(int[] y, int warm, int n, double[] pz, double a, double b, double[] best) {
        double p = pz[0];
        double z = pz[1];
        double sse = 0;
        for (int t = warm; t < n && sse < best[0]; t++) {
            double e = y[t] - p * z;
            sse += e * e;
            if (y[t] > 0) {
                p += b * (1 - p);
                z += a * (y[t] - z);
            } else {
                p -= b * p;
            }
        }
        if (sse < best[0]) {
            best[0] = sse;
            return true;
        }
        return false;
    }

    private static double[] tsbInit(int[] y, int from, int warm) {
        int demands = 0;
        long units = 0;
        for (int t = from; t < warm; t++) {
            if (y[t] > 0) {
                demands++;
                units += y[t];
            }
        }
        return new double[] {(double) demands / Math.max(1, warm - from), demands == 0 ? 1 : (double) units / demands};
    }

    // ---- the recursions with fixed parameters: final state, and residuals when asked

    private static int state(Fit f, int[] y, int from, int n, double[] residuals) {
        f.n = n;
        int k = 0;
        switch (f.method) {
            case SEASONAL_NAIVE -> {
                for (int t = Math.max(0, n - M); t < n; t++) {
                    f.lastSeason[Math.floorMod(t, M)] = y[t];
                }
                if (residuals != null) {
                    for (int t = from + M; t < n; t++) {
                        residuals[k++] = y[t] - y[t - M];
                    }
                }
            }
            case SES -> {
                double l = mean(y, from, Math.min(n, from + M));
                for (int t = from + M; t < n; t++) {
                    double e = y[t] - l;
                    if (residuals != null) {
                        residuals[k++] = e;
                    }
                    l += f.alpha * e;
                }
                f.level = l;
            }
            case ETS_SEASONAL -> {
                double l = etsInit(y, from, f.season);
                for (int t = from + 2 * M; t < n; t++) {
                    int j = Math.floorMod(t, M);
                    double e = y[t] - l - f.season[j];
                    if (residuals != null) {
                        residuals[k++] = e;
                    }
                    l += f.alpha * e;
                    f.season[j] += f.gamma * e;
                }
                f.level = l;
            }
            case CROSTON -> {
                double z = 0;
                double p = 0;
                int last = from - 1;
                boolean first = true;
                for (int t = from; t < n; t++) {
                    if (y[t] > 0) {
                        if (first) {
                            z = y[t];
                            p = t - last;
                            first = false;
                        } else {
                            z += f.alpha * (y[t] - z);
                            p += f.gamma * ((t - last) - p);
                        }
                        last = t;
                    }
                }
                f.level = first ? 0 : z / Math.max(1, p);
                k = flatResiduals(f, y, from, n, residuals);
            }
            case TSB -> {
                int warm = Math.min(n, from + 4 * M);
                double[] pz = tsbInit(y, from, warm);
                double p = pz[0];
                double z = pz[1];
                for (int t = warm; t < n; t++) {
                    if (y[t] > 0) {
                        p += f.gamma * (1 - p);
                        z += f.alpha * (y[t] - z);
                    } else {
                        p -= f.gamma * p;
                    }
                }
                f.level = p * z;
                k = flatResiduals(f, y, from, n, residuals);
            }
        }
        return k;
    }

    /**
     * Residuals of the intermittent methods, against the final rate over the last year: for stationary intermittent
     * demand the spread of y around the rate is what an interval must cover; the smoothed path's noise is second order.
     */
    private static int flatResiduals(Fit f, int[] y, int from, int n, double[] residuals) {
        if (residuals == null) {
            return 0;
        }
        int k = 0;
        for (int t = Math.max(from, n - 364); t < n; t++) {
            residuals[k++] = y[t] - f.level;
        }
        return k;
    }
}

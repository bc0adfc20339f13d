package io.github.omniretail.loyalty.analytics;

import java.util.Arrays;

/** Unconstrained minimisers for the models' negative log-likelihoods (in log-parameter space). Stateless. */
final class Minimizer {

    /** A function to minimise. */
    interface Objective {
        /** @return f(x), or +∞ where undefined */
        double value(double[] x);
    }

    /** A function with its gradient. */
    interface GradientObjective extends Objective {
        /** Writes ∇f(x) into {@code gradient} and returns f(x). */
        double valueAndGradient(double[] x, double[] gradient);

        @Override
        default double value(double[] x) {
            return valueAndGradient(x, new double[x.length]);
        }
    }

    /** Central-difference gradient of a value-only objective (step h in each coordinate). */
    static GradientObjective numericGradient(Objective f, double h) {
        return (x, gradient) -> {
            double value = f.value(x);
            if (!Double.isFinite(value)) {
                return Double.POSITIVE_INFINITY;
            }
            double[] probe = x.clone();
            for (int i = 0; i < x.length; i++) {
                probe[i] = x[i] + h;
                double up = f.value(probe);
                probe[i] = x[i] - h;
                double down = f.value(probe);
                probe[i] = x[i];
                gradient[i] = Double.isFinite(up) && Double.isFinite(down) ? (up - down) / (2 * h)
                        : Double.isFinite(up) ? (up - value) / h : (value - down) / h;
            }
            return value;
        };
    }

    /** A minimum found. */
    record Result(double[] x, double value, int evaluations, boolean converged) {
    }

    private Minimizer() {
    }

    /** BFGS with an analytic gradient and a backtracking (Armijo) line search. */
    static Result bfgs(GradientObjective f, double[] start, int maxIterations, double gradientTolerance) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        int evaluations = 1;
        if (!Double.isFinite(fx)) {
            return new Result(x, fx, evaluations, false);
        }
        double[][] h = identity(n);
        double[] direction = new double[n];
        double[] next = new double[n];
        double[] gNext = new double[n];
        int stalled = 0;
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            if (maxAbs(g) < gradientTolerance) {
                return new Result(x, fx, evaluations, true);
            }
            for (int i = 0; i < n; i++) {
                double d = 0;
                for (int j = 0; j < n; j++) {
                    d -= h[i][j] * g[j];
                }
                direction[i] = d;
            }
            double slope = dot(direction, g);
            if (!(slope < 0)) { // not a descent direction: restart from steepest descent
                h = identity(n);
                for (int i = 0; i < n; i++) {
                    direction[i] = -g[i];
                }
                slope = dot(direction, g);
            }
            double step = 1;
            double maxStep = maxAbs(direction);
            if (maxStep > 5) {
                step = 5 / maxStep; // never jump more than e^5 in one parameter
            }
            double fNext = Double.NaN;
            boolean accepted = false;
            for (int k = 0; k < 60; k++) {
                for (int i = 0; i < n; i++) {
                    next[i] = x[i] + step * direction[i];
                }
                fNext = f.valueAndGradient(next, gNext);
                evaluations++;
                if (Double.isFinite(fNext) && fNext <= fx + 1e-4 * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                return new Result(x, fx, evaluations, maxAbs(g) < gradientTolerance * 1e3);
            }
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = next[i] - x[i];
                y[i] = gNext[i] - g[i];
            }
            double sy = dot(s, y);
            double improvement = fx - fNext;
            System.arraycopy(next, 0, x, 0, n);
            System.arraycopy(gNext, 0, g, 0, n);
            fx = fNext;
            if (sy > 1e-12) {
                double rho = 1 / sy;
                double[] hy = new double[n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        hy[i] += h[i][j] * y[j];
                    }
                }
                double yhy = dot(y, hy);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        h[i][j] += (1 + yhy * rho) * rho * s[i] * s[j] - rho * (hy[i] * s[j] + s[i] * hy[j]);
                    }
                }
            }
            // a flat valley (a parameter drifting to a boundary) improves ever less: stop when the relative
            // improvement has been negligible for several iterations in a row
            if (improvement < 1e-12 * (1 + Math.abs(fx))) {
                if (++stalled >= 5) {
                    return new Result(x, fx, evaluations, maxAbs(g) < gradientTolerance * 1e3);
                }
            } else {
                stalled = 0;
            }
        }
        return new Result(x, fx, evaluations, maxAbs(g) < gradientTolerance * 1e3);
    }

    /** Nelder–Mead, restarted from its best point with a fresh simplex until a restart no longer improves. */
    static Result nelderMead(Objective f, double[] start, double initialStep, int maxEvaluations, double tolerance) {
        double[] best = start.clone();
        double bestValue = f.value(best);
        int evaluations = 1;
        boolean converged = false;
        for (int restart = 0; restart < 20 && evaluations < maxEvaluations; restart++) {
            Result run = nelderMeadOnce(f, best, restart == 0 ? initialStep : initialStep / 4,
                    maxEvaluations - evaluations, tolerance);
            evaluations += run.evaluations();
            boolean improved = run.value() < bestValue - tolerance * (1 + Math.abs(bestValue));
            if (run.value() < bestValue) {
                best = run.x();
                bestValue = run.value();
            }
            if (!improved && run.converged()) {
                converged = true;
                break;
            }
        }
        return new Result(best, bestValue, evaluations, converged);
    }

    private static Result nelderMeadOnce(Objective f, double[] start, double step, int maxEvaluations,
            double tolerance) {
        int n = start.length;
        double[][] simplex = new double[n + 1][];
        double[] values = new double[n + 1];
        simplex[0] = start.clone();
        values[0] = f.value(simplex[0]);
        for (int i = 0; i < n; i++) {
            simplex[i + 1] = start.clone();
            simplex[i + 1][i] += step;
            values[i + 1] = f.value(simplex[i + 1]);
        }
        int evaluations = n + 1;
        Integer[] order = new Integer[n + 1];
        while (evaluations < maxEvaluations) {
            for (int i = 0; i <= n; i++) {
                order[i] = i;
            }
            final double[] v = values;
            Arrays.sort(order, (p, q) -> Double.compare(v[p], v[q]));
            double[][] sortedSimplex = new double[n + 1][];
            double[] sortedValues = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                sortedSimplex[i] = simplex[order[i]];
                sortedValues[i] = values[order[i]];
            }
            simplex = sortedSimplex;
            values = sortedValues;
            double spread = Math.abs(values[n] - values[0]);
            double size = 0;
            for (int i = 1; i <= n; i++) {
                for (int j = 0; j < n; j++) {
                    size = Math.max(size, Math.abs(simplex[i][j] - simplex[0][j]));
                }
            }
            if (spread <= tolerance * (1 + Math.abs(values[0])) && size < 1e-7) {
                return new Result(simplex[0], values[0], evaluations, true);
            }
            double[] centroid = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    centroid[j] += simplex[i][j] / n;
                }
            }
            double[] reflected = move(centroid, simplex[n], -1);
            double fr = f.value(reflected);
            evaluations++;
            if (fr < values[0]) {
                double[] expanded = move(centroid, simplex[n], -2);
                double fe = f.value(expanded);
                evaluations++;
                if (fe < fr) {
                    simplex[n] = expanded;
                    values[n] = fe;
                } else {
                    simplex[n] = reflected;
                    values[n] = fr;
                }
            } else if (fr < values[n - 1]) {
                simplex[n] = reflected;
                values[n] = fr;
            } else {
                boolean outside = fr < values[n];
                double[] contracted = move(centroid, simplex[n], outside ? -0.5 : 0.5);
                double fc = f.value(contracted);
                evaluations++;
                if (fc < (outside ? fr : values[n])) {
                    simplex[n] = contracted;
                    values[n] = fc;
                } else {
                    for (int i = 1; i <= n; i++) {
                        simplex[i] = move(simplex[0], simplex[i], 0.5);
                        values[i] = f.value(simplex[i]);
                        evaluations++;
                    }
                }
            }
        }
        int bestAt = 0;
        for (int i = 1; i <= n; i++) {
            if (values[i] < values[bestAt]) {
                bestAt = i;
            }
        }
        return new Result(simplex[bestAt], values[bestAt], evaluations, false);
    }

    /** centroid + t (point − centroid). */
    private static double[] move(double[] centroid, double[] point, double t) {
        double[] out = new double[centroid.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = centroid[i] + t * (point[i] - centroid[i]);
        }
        return out;
    }

    /** Central-difference Hessian of f at x (step h in each coordinate). */
    static double[][] hessian(Objective f, double[] x, double h) {
        int n = x.length;
        double[][] hess = new double[n][n];
        double f0 = f.value(x);
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double value;
                if (i == j) {
                    double[] p = x.clone();
                    p[i] += h;
                    double[] m = x.clone();
                    m[i] -= h;
                    value = (f.value(p) - 2 * f0 + f.value(m)) / (h * h);
                } else {
                    double[] pp = x.clone();
                    pp[i] += h;
                    pp[j] += h;
                    double[] pm = x.clone();
                    pm[i] += h;
                    pm[j] -= h;
                    double[] mp = x.clone();
                    mp[i] -= h;
                    mp[j] += h;
                    double[] mm = x.clone();
                    mm[i] -= h;
                    mm[j] -= h;
                    value = (f.value(pp) - f.value(pm) - f.value(mp) + f.value(mm)) / (4 * h * h);
                }
                hess[i][j] = value;
                hess[j][i] = value;
            }
        }
        return hess;
    }

    /** Inverse of a small symmetric matrix by Gauss–Jordan; null when singular. */
    static double[][] invert(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(matrix[i], 0, a[i], 0, n);
            a[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            if (Math.abs(a[pivot][col]) < 1e-300 || !Double.isFinite(a[pivot][col])) {
                return null;
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            double p = a[col][col];
            for (int j = 0; j < 2 * n; j++) {
                a[col][j] /= p;
            }
            for (int row = 0; row < n; row++) {
                if (row != col) {
                    double factor = a[row][col];
                    for (int j = 0; j < 2 * n; j++) {
                        a[row][j] -= factor * a[col][j];
                    }
                }
            }
        }
        double[][] inverse = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, inverse[i], 0, n);
        }
        return inverse;
    }

    /**
     * Standard errors of exp(θ) from the Hessian of the total negative log-likelihood in θ = log-parameters
     * (delta method); +∞ where the information matrix is not positive definite.
     */
    static double[] standardErrors(Objective totalNegativeLogLikelihood, double[] theta) {
        double[][] hess = hessian(totalNegativeLogLikelihood, theta, 1e-4);
        double[][] cov = invert(hess);
        double[] se = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            double var = cov == null ? Double.NaN : cov[i][i];
            se[i] = var > 0 && Double.isFinite(var) ? Math.exp(theta[i]) * Math.sqrt(var) : Double.POSITIVE_INFINITY;
        }
        return se;
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}

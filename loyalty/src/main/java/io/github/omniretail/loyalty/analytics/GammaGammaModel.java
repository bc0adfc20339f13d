package io.github.omniretail.loyalty.analytics;

import static io.github.omniretail.loyalty.analytics.SpecialFunctions.digamma;
import static io.github.omniretail.loyalty.analytics.SpecialFunctions.logGamma;

import java.util.Map;

/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie &amp; Lee, "RFM and CLV: Using Iso-Value Curves",
 * 2005; Fader &amp; Hardie, "The Gamma-Gamma Model of Monetary Value", 2013): a customer's transaction values are
 * Gamma(p, ν) with ν ~ Gamma(q, γ) across customers ({@code v} here is γ). Fitted on repeat buyers only, with the
 * mean spend of their repeat purchase days. Immutable and thread-safe.
 */
public final class GammaGammaModel {

    private static final String[] NAMES = {"p", "q", "v"};
    private static final String NAME = "Gamma-Gamma";

    private final double p;
    private final double q;
    private final double v;
    private final double logLikelihood;
    private final int customers;

    private GammaGammaModel(double p, double q, double v, double logLikelihood, int customers) {
        this.p = p;
        this.q = q;
        this.v = v;
        this.logLikelihood = logLikelihood;
        this.customers = customers;
    }

    /**
     * A model with given parameters; its {@link #logLikelihood()} and {@link #customers()} are 0.
     *
     * @param p shape of transaction values, &gt; 0
     * @param q shape of the scale distribution, &gt; 0
     * @param v scale γ of the scale distribution, &gt; 0
     * @return the model
     */
    public static GammaGammaModel of(double p, double q, double v) {
        Parameters.requirePositive(NAME, NAMES, p, q, v);
        return new GammaGammaModel(p, q, v, 0, 0);
    }

    /**
     * Maximum-likelihood fit on the customers with x &gt; 0 and a positive mean repeat spend (others carry no
     * information about spend per transaction).
     *
     * @param data non-null
     * @return the fitted model
     * @throws ModelFitException when fewer than two such customers exist or the fit degenerates
     */
    public static GammaGammaModel fit(ModelData data) {
        int n = 0;
        for (int i = 0; i < data.size(); i++) {
            if (data.repeatPurchases(i) > 0 && data.repeatAverageSpend(i) > 0) {
                n++;
            }
        }
        if (n < 2) {
            throw new ModelFitException(NAME, "needs at least 2 repeat buyers with positive spend, found " + n);
        }
        int[] x = new int[n];
        double[] m = new double[n];
        int k = 0;
        for (int i = 0; i < data.size(); i++) {
            if (data.repeatPurchases(i) > 0 && data.repeatAverageSpend(i) > 0) {
                x[k] = data.repeatPurchases(i);
                m[k] = data.repeatAverageSpend(i);
                k++;
            }
        }
        Likelihood likelihood = new Likelihood(x, m);
        double meanSpend = 0;
        for (double value : m) {
            meanSpend += value / n;
        }
        Minimizer.Result best = null;
        double[][] starts = {{0, 0, 0}, {0, Math.log(2), Math.log(meanSpend)}, {Math.log(5), Math.log(4),
            Math.log(4 * meanSpend)}};
        for (double[] start : starts) {
            Minimizer.Result run = Minimizer.bfgs(likelihood, start, 300, 1e-9);
            if (Double.isFinite(run.value()) && (best == null || run.value() < best.value())) {
                best = run;
            }
        }
        if (best == null) {
            throw new ModelFitException(NAME, "log-likelihood is not finite at any starting point");
        }
        double[] theta = best.x();
        Parameters.requireIdentified(NAME, NAMES, theta, "spend identical for every customer?");
        return new GammaGammaModel(Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]),
                logLikelihood(x, m, Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2])), n);
    }

    /** Mean negative log-likelihood over log-parameters with its analytic gradient (digamma). */
    private static final class Likelihood implements Minimizer.GradientObjective {
        private final int[] x;
        private final double[] logM;
        private final double[] m;
        private final double constant;

        Likelihood(int[] x, double[] m) {
            this.x = x;
            this.m = m;
            this.logM = new double[m.length];
            double c = 0;
            for (int i = 0; i < m.length; i++) {
                logM[i] = Math.log(m[i]);
                c -= logM[i];
            }
            this.constant = c;
        }

        @Override
        public double valueAndGradient(double[] theta, double[] gradient) {
            double p = Math.exp(theta[0]);
            double q = Math.exp(theta[1]);
            double v = Math.exp(theta[2]);
            if (!Double.isFinite(p + q + v) || !(p > 0 && q > 0 && v > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            double lgQ = logGamma(q);
            double psiQ = digamma(q);
            double logV = Math.log(v);
            double sum = constant;
            double gp = 0;
            double gq = 0;
            double gv = 0;
            for (int i = 0; i < x.length; i++) {
                double px = p * x[i];
                double logX = Math.log(x[i]);
                double logVxm = Math.log(v + x[i] * m[i]);
                double psiPxQ = digamma(px + q);
                sum += logGamma(px + q) - logGamma(px) - lgQ + q * logV + px * (logM[i] + logX) - (px + q) * logVxm;
                gp += x[i] * (psiPxQ - digamma(px) + logM[i] + logX - logVxm);
                gq += psiPxQ - psiQ + logV - logVxm;
                gv += q / v - (px + q) / (v + x[i] * m[i]);
            }
            if (!Double.isFinite(sum)) {
                return Double.POSITIVE_INFINITY;
            }
            int n = x.length;
            gradient[0] = -gp * p / n;
            gradient[1] = -gq * q / n;
            gradient[2] = -gv * v / n;
            return -sum / n;
        }
    }

    static double logLikelihood(int[] x, double[] m, double p, double q, double v) {
        double sum = 0;
        double lgQ = logGamma(q);
        double logV = Math.log(v);
        for (int i = 0; i < x.length; i++) {
            double px = p * x[i];
            sum += logGamma(px + q) - logGamma(px) - lgQ + q * logV + (px - 1) * Math.log(m[i]) + px * Math.log(x[i])
                    - (px + q) * Math.log(v + x[i] * m[i]);
        }
        return sum;
    }

    /** @return p */
    public double p() {
        return p;
    }

    /** @return q */
    public double q() {
        return q;
    }

    /** @return v (γ) */
    public double v() {
        return v;
    }

    /** @return the maximised log-likelihood */
    public double logLikelihood() {
        return logLikelihood;
    }

    /** @return the number of repeat buyers it was fitted to */
    public int customers() {
        return customers;
    }

    /**
     * The expected mean spend per transaction of a customer: a weighted average of the population mean
     * p·v/(q − 1) and the customer's own mean, weighted by x.
     *
     * @param x repeat purchases, ≥ 0
     * @param meanRepeatSpend the customer's mean repeat spend in major units (ignored when x = 0), ≥ 0
     * @return E[M | p, q, v, x, m_x] in major units
     * @throws ArithmeticException when p·x + q ≤ 1 (the expectation does not exist)
     */
    public double expectedAverageSpend(int x, double meanRepeatSpend) {
        if (x < 0 || !(meanRepeatSpend >= 0)) {
            throw new IllegalArgumentException("need x >= 0 and spend >= 0, were x=" + x + ", spend="
                    + meanRepeatSpend);
        }
        double px = p * x;
        if (!(px + q > 1)) {
            throw new ArithmeticException("expected spend does not exist for p*x + q <= 1 (p=" + p + ", q=" + q
                    + ", x=" + x + ")");
        }
        return p * (v + x * meanRepeatSpend) / (px + q - 1);
    }

    /** @return the parameters by name, in the order of the literature (for saving and printing) */
    public Map<String, Double> parameters() {
        return Parameters.view(NAMES, p, q, v);
    }

    @Override
    public String toString() {
        return String.format("GammaGammaModel[p=%.4f, q=%.4f, v=%.4f, logLikelihood=%.4f, customers=%d]", p, q, v,
                logLikelihood, customers);
    }
}

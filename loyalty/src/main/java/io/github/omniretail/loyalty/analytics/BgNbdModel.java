package io.github.omniretail.loyalty.analytics;

import static io.github.omniretail.loyalty.analytics.SpecialFunctions.digamma;
import static io.github.omniretail.loyalty.analytics.SpecialFunctions.hyp2f1;
import static io.github.omniretail.loyalty.analytics.SpecialFunctions.logGamma;

import java.util.Map;

/**
 * The BG/NBD model (Fader, Hardie &amp; Lee, "Counting Your Customers the Easy Way", Marketing Science 2005): while
 * active a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each purchase they leave with
 * probability p ~ Beta(a, b). Immutable and thread-safe.
 *
 * <p>{@link #fit(ModelData)} maximises the log-likelihood over log-parameters with BFGS and analytic gradients
 * (log-sum-exp and log-gamma throughout, identical customers merged), restarted from perturbed points; the best
 * run wins. Standard errors come from the observed information (numerical Hessian of the log-likelihood).
 */
public final class BgNbdModel implements PurchaseModel {

    private static final String[] NAMES = {"r", "alpha", "a", "b"};
    private static final String NAME = "BG/NBD";

    private final double r;
    private final double alpha;
    private final double a;
    private final double b;
    private final double logLikelihood;
    private final int customers;
    private final double[] standardErrors;

    private BgNbdModel(double r, double alpha, double a, double b, double logLikelihood, int customers,
            double[] standardErrors) {
        this.r = r;
        this.alpha = alpha;
        this.a = a;
        this.b = b;
        this.logLikelihood = logLikelihood;
        this.customers = customers;
        this.standardErrors = standardErrors;
    }

    /**
     * A model with given parameters (for example read back from a saved fit); its {@link #logLikelihood()} is 0
     * and {@link #customers()} 0.
     *
     * @param r shape of the purchase-rate distribution, &gt; 0
     * @param alpha scale of the purchase-rate distribution, &gt; 0
     * @param a first shape of the dropout distribution, &gt; 0
     * @param b second shape of the dropout distribution, &gt; 0
     * @return the model
     */
    public static BgNbdModel of(double r, double alpha, double a, double b) {
        Parameters.requirePositive(NAME, NAMES, r, alpha, a, b);
        double inf = Double.POSITIVE_INFINITY;
        return new BgNbdModel(r, alpha, a, b, 0, 0, new double[] {inf, inf, inf, inf});
    }

    /**
     * Maximum-likelihood fit.
     *
     * @param data at least one customer with a repeat purchase
     * @return the fitted model
     * @throws ModelFitException when there is no repeat buyer or the fit degenerates
     */
    public static BgNbdModel fit(ModelData data) {
        return fit(data, 0);
    }

    /**
     * Maximum-likelihood fit with an L2 penalty {@code l2 · (r² + α² + a² + b²)} added to the mean negative
     * log-likelihood (as the {@code lifetimes} package does), which keeps sparse data from running a parameter off
     * to infinity.
     *
     * @param data at least one customer with a repeat purchase
     * @param l2 penalty weight, ≥ 0
     * @return the fitted model
     * @throws ModelFitException when there is no repeat buyer or the fit degenerates
     */
    public static BgNbdModel fit(ModelData data, double l2) {
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("l2 penalty must be finite and >= 0, was " + l2);
        }
        if (data.size() == 0) {
            throw new ModelFitException(NAME, "no customers");
        }
        if (data.repeatBuyers() == 0) {
            throw new ModelFitException(NAME, "no repeat buyers among " + data.size()
                    + " customers: nothing identifies the dropout process");
        }
        GroupedData grouped = GroupedData.of(data);
        Likelihood likelihood = new Likelihood(grouped, l2);
        double[][] starts = {{0, 0, 0, 0}, {Math.log(0.5), Math.log(5), Math.log(0.5), Math.log(2)},
            {Math.log(2), Math.log(20), Math.log(2), Math.log(5)}};
        Minimizer.Result best = null;
        for (double[] start : starts) {
            Minimizer.Result run = Minimizer.bfgs(likelihood, start, 500, 1e-9);
            if (Double.isFinite(run.value()) && (best == null || run.value() < best.value())) {
                best = run;
            }
        }
        if (best == null) {
            throw new ModelFitException(NAME, "log-likelihood is not finite at any starting point");
        }
        double[] theta = best.x();
        Parameters.requireIdentified(NAME, NAMES, theta, "try an L2 penalty or more data");
        double ll = -likelihood.totalNegative(theta);
        if (!Double.isFinite(ll)) {
            throw new ModelFitException(NAME, "log-likelihood at the optimum is not finite: " + ll);
        }
        double[] se = Minimizer.standardErrors(t -> likelihood.totalNegative(t), theta);
        return new BgNbdModel(Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]), Math.exp(theta[3]), ll,
                data.size(), se);
    }

    /**
     * The log-likelihood of data under these parameters.
     *
     * @param data non-null
     * @return Σ ln L(r, α, a, b | x, t_x, T)
     */
    public double logLikelihood(ModelData data) {
        Likelihood likelihood = new Likelihood(GroupedData.of(data), 0);
        return -likelihood.totalNegative(new double[] {Math.log(r), Math.log(alpha), Math.log(a), Math.log(b)});
    }

    /** @return r */
    public double r() {
        return r;
    }

    /** @return α */
    public double alpha() {
        return alpha;
    }

    /** @return a */
    public double a() {
        return a;
    }

    /** @return b */
    public double b() {
        return b;
    }

    /** @return standard errors of r, α, a, b (+∞ where the data do not identify a parameter) */
    public double[] standardErrors() {
        return standardErrors.clone();
    }

    @Override
    public double logLikelihood() {
        return logLikelihood;
    }

    @Override
    public int customers() {
        return customers;
    }

    @Override
    public double probabilityAlive(int x, double tx, double age) {
        check(x, tx, age);
        if (x == 0) {
            return 1;
        }
        double logRatio = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + age) - Math.log(alpha + tx));
        return 1 / (1 + Math.exp(logRatio));
    }

    @Override
    public double expectedPurchases(double t, int x, double tx, double age) {
        check(x, tx, age);
        if (!(t >= 0)) {
            throw new IllegalArgumentException("horizon must be >= 0, was " + t);
        }
        if (t == 0) {
            return 0;
        }
        double z = t / (alpha + age + t);
        double f = hyp2f1(r + x, b + x, a + b + x - 1, z);
        double head = (a + b + x - 1) / (a - 1);
        double tail = 1 - Math.exp((r + x) * Math.log((alpha + age) / (alpha + age + t))) * f;
        double denominator = 1;
        if (x > 0) {
            denominator += Math.exp(Math.log(a) - Math.log(b + x - 1)
                    + (r + x) * (Math.log(alpha + age) - Math.log(alpha + tx)));
        }
        return Math.max(0, head * tail / denominator);
    }

    @Override
    public double expectedPurchasesNewCustomer(double t) {
        if (!(t >= 0)) {
            throw new IllegalArgumentException("horizon must be >= 0, was " + t);
        }
        if (t == 0) {
            return 0;
        }
        double f = hyp2f1(r, b, a + b - 1, t / (alpha + t));
        return Math.max(0, (a + b - 1) / (a - 1) * (1 - Math.pow(alpha / (alpha + t), r) * f));
    }

    static void check(int x, double tx, double age) {
        if (x < 0 || !(tx >= 0) || !(age >= tx) || (x == 0 && tx != 0)) {
            throw new IllegalArgumentException("need x >= 0, 0 <= t_x <= T and t_x = 0 when x = 0; were x=" + x
                    + ", t_x=" + tx + ", T=" + age);
        }
    }

    /** @return the parameters by name, in the order of the literature (for saving and printing) */
    public Map<String, Double> parameters() {
        return Parameters.view(NAMES, r, alpha, a, b);
    }

    @Override
    public String toString() {
        return String.format("BgNbdModel[r=%.4f, alpha=%.4f, a=%.4f, b=%.4f, logLikelihood=%.4f, customers=%d]", r,
                alpha, a, b, logLikelihood, customers);
    }

    /** Mean negative log-likelihood (plus penalty) over log-parameters, with its analytic gradient. */
    static final class Likelihood implements Minimizer.GradientObjective {
        private final GroupedData data;
        private final double l2;

        Likelihood(GroupedData data, double l2) {
            this.data = data;
            this.l2 = l2;
        }

        @Override
        public double valueAndGradient(double[] theta, double[] gradient) {
            double negativeLogLikelihood = evaluate(theta, gradient, true);
            if (!Double.isFinite(negativeLogLikelihood)) {
                return Double.POSITIVE_INFINITY;
            }
            double value = negativeLogLikelihood / data.customers;
            for (int i = 0; i < 4; i++) {
                double p = Math.exp(theta[i]);
                gradient[i] = gradient[i] / data.customers + 2 * l2 * p * p;
                value += l2 * p * p;
            }
            return value;
        }

        double totalNegative(double[] theta) {
            return evaluate(theta, new double[4], false);
        }

        /** Σ −w ln L, and (when asked) its gradient with respect to θ. */
        private double evaluate(double[] theta, double[] gradient, boolean withGradient) {
            double r = Math.exp(theta[0]);
            double alpha = Math.exp(theta[1]);
            double a = Math.exp(theta[2]);
            double b = Math.exp(theta[3]);
            if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !Double.isFinite(r + alpha + a + b)) {
                return Double.POSITIVE_INFINITY;
            }
            int maxX = data.maxX;
            double[] perX = new double[maxX + 1];
            double[] dr = withGradient ? new double[maxX + 1] : null;
            double[] da = withGradient ? new double[maxX + 1] : null;
            double[] db = withGradient ? new double[maxX + 1] : null;
            double lgR = logGamma(r);
            double lgB = logGamma(b);
            double lgAB = logGamma(a + b);
            double psiR = withGradient ? digamma(r) : 0;
            double psiB = withGradient ? digamma(b) : 0;
            double psiAB = withGradient ? digamma(a + b) : 0;
            boolean[] seen = new boolean[maxX + 1];
            for (int x : data.x) {
                seen[x] = true;
            }
            for (int x = 0; x <= maxX; x++) {
                if (!seen[x]) {
                    continue;
                }
                perX[x] = logGamma(r + x) - lgR + logGamma(b + x) - lgB + lgAB - logGamma(a + b + x);
                if (withGradient) {
                    dr[x] = digamma(r + x) - psiR;
                    double psiABX = digamma(a + b + x);
                    da[x] = psiAB - psiABX;
                    db[x] = digamma(b + x) - psiB + psiAB - psiABX;
                }
            }
            double logAlpha = Math.log(alpha);
            double logA = Math.log(a);
            double sum = 0;
            double gr = 0;
            double gAlpha = 0;
            double ga = 0;
            double gb = 0;
            int[] xs = data.x;
            double[] txs = data.tx;
            double[] ages = data.age;
            double[] w = data.weight;
            for (int i = 0; i < xs.length; i++) {
                int x = xs[i];
                double alphaT = alpha + ages[i];
                double logAT = Math.log(alphaT);
                double ll = perX[x] + r * logAlpha - (r + x) * logAT;
                double s = 0;
                double logRatio = 0;
                double alphaTx = 0;
                if (x > 0) {
                    alphaTx = alpha + txs[i];
                    logRatio = logAT - Math.log(alphaTx);
                    double e = logA - Math.log(b + x - 1) + (r + x) * logRatio;
                    if (e > 0) {
                        ll += e + Math.log1p(Math.exp(-e));
                        s = 1 / (1 + Math.exp(-e));
                    } else {
                        double ee = Math.exp(e);
                        ll += Math.log1p(ee);
                        s = ee / (1 + ee);
                    }
                }
                sum += w[i] * ll;
                if (withGradient) {
                    double gri = dr[x] + logAlpha - logAT;
                    double gAi = r / alpha - (r + x) / alphaT;
                    double gai = da[x];
                    double gbi = db[x];
                    if (x > 0) {
                        gri += s * logRatio;
                        gAi += s * (r + x) * (1 / alphaT - 1 / alphaTx);
                        gai += s / a;
                        gbi -= s / (b + x - 1);
                    }
                    gr += w[i] * gri;
                    gAlpha += w[i] * gAi;
                    ga += w[i] * gai;
                    gb += w[i] * gbi;
                }
            }
            if (withGradient) {
                gradient[0] = -gr * r;
                gradient[1] = -gAlpha * alpha;
                gradient[2] = -ga * a;
                gradient[3] = -gb * b;
            }
            return Double.isFinite(sum) ? -sum : Double.POSITIVE_INFINITY;
        }
    }
}

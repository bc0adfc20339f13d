package io.github.omniretail.loyalty.analytics;

import static io.github.omniretail.loyalty.analytics.SpecialFunctions.hyp2f1;
import static io.github.omniretail.loyalty.analytics.SpecialFunctions.logGamma;
import static io.github.omniretail.loyalty.analytics.SpecialFunctions.logSumExp;

import java.util.Map;

/**
 * The Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987): while active a customer buys as a Poisson
 * process with rate λ ~ Gamma(r, α) and stays active for an exponential lifetime with rate μ ~ Gamma(s, β).
 * Immutable and thread-safe.
 *
 * <p>The likelihood follows Fader, Hardie &amp; Lee, "A Note on Implementing the Pareto/NBD Model in MATLAB"
 * (2005), with the Gaussian hypergeometric function evaluated in plain Java and every difference taken in log
 * space. {@link #fit(ModelData)} runs BFGS over log-parameters on a central-difference gradient from two starts,
 * then a short Nelder–Mead from the best point.
 */
public final class ParetoNbdModel implements PurchaseModel {

    private static final String[] NAMES = {"r", "alpha", "s", "beta"};
    private static final String NAME = "Pareto/NBD";

    private final double r;
    private final double alpha;
    private final double s;
    private final double beta;
    private final double logLikelihood;
    private final int customers;

    private ParetoNbdModel(double r, double alpha, double s, double beta, double logLikelihood, int customers) {
        this.r = r;
        this.alpha = alpha;
        this.s = s;
        this.beta = beta;
        this.logLikelihood = logLikelihood;
        this.customers = customers;
    }

    /**
     * A model with given parameters; its {@link #logLikelihood()} and {@link #customers()} are 0.
     *
     * @param r purchase-rate shape, &gt; 0
     * @param alpha purchase-rate scale, &gt; 0
     * @param s dropout-rate shape, &gt; 0
     * @param beta dropout-rate scale, &gt; 0
     * @return the model
     */
    public static ParetoNbdModel of(double r, double alpha, double s, double beta) {
        Parameters.requirePositive(NAME, NAMES, r, alpha, s, beta);
        return new ParetoNbdModel(r, alpha, s, beta, 0, 0);
    }

    /**
     * Maximum-likelihood fit.
     *
     * @param data at least one customer with a repeat purchase
     * @return the fitted model
     * @throws ModelFitException when there is no repeat buyer or the fit degenerates
     */
    public static ParetoNbdModel fit(ModelData data) {
        if (data.size() == 0) {
            throw new ModelFitException(NAME, "no customers");
        }
        if (data.repeatBuyers() == 0) {
            throw new ModelFitException(NAME, "no repeat buyers among " + data.size() + " customers");
        }
        GroupedData grouped = GroupedData.of(data);
        Minimizer.Objective objective = theta -> {
            try {
                double ll = logLikelihood(grouped, Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]),
                        Math.exp(theta[3]));
                return Double.isFinite(ll) ? -ll / grouped.customers : Double.POSITIVE_INFINITY;
            } catch (ArithmeticException e) {
                return Double.POSITIVE_INFINITY; // 2F1 out of reach there: treat as outside the domain
            }
        };
        // BFGS on a central-difference gradient (few likelihood evaluations, each costly: two 2F1 per customer),
        // then Nelder–Mead from its end point to confirm the optimum without derivatives.
        Minimizer.Result best = null;
        double[][] starts = {{0, 0, 0, 0}, {Math.log(0.5), Math.log(10), Math.log(0.5), Math.log(10)}};
        for (double[] start : starts) {
            Minimizer.Result run = Minimizer.bfgs(Minimizer.numericGradient(objective, 1e-5), start, 200, 1e-7);
            if (Double.isFinite(run.value()) && (best == null || run.value() < best.value())) {
                best = run;
            }
        }
        if (best != null) {
            Minimizer.Result polished = Minimizer.nelderMead(objective, best.x(), 0.05, 400, 1e-12);
            if (polished.value() < best.value()) {
                best = polished;
            }
        }
        if (best == null) {
            throw new ModelFitException(NAME, "log-likelihood is not finite at any starting point");
        }
        double[] theta = best.x();
        Parameters.requireIdentified(NAME, NAMES, theta, "more data, or fewer customers who never return");
        double ll = -best.value() * grouped.customers;
        return new ParetoNbdModel(Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]), Math.exp(theta[3]), ll,
                data.size());
    }

    /**
     * The log-likelihood of data under these parameters.
     *
     * @param data non-null
     * @return Σ ln L(r, α, s, β | x, t_x, T)
     */
    public double logLikelihood(ModelData data) {
        return logLikelihood(GroupedData.of(data), r, alpha, s, beta);
    }

    private static double logLikelihood(GroupedData data, double r, double alpha, double s, double beta) {
        double sum = 0;
        double lgR = logGamma(r);
        for (int i = 0; i < data.rows(); i++) {
            int x = data.x[i];
            double head = logGamma(r + x) - lgR + r * Math.log(alpha) + s * Math.log(beta);
            sum += data.weight[i] * (head + logBracket(r, alpha, s, beta, x, data.tx[i], data.age[i]));
        }
        return sum;
    }

    /** ln[ 1/((α+T)^(r+x) (β+T)^s) + s/(r+s+x) · A0 ]. */
    private static double logBracket(double r, double alpha, double s, double beta, int x, double tx, double age) {
        double first = -(r + x) * Math.log(alpha + age) - s * Math.log(beta + age);
        double logA0 = logA0(r, alpha, s, beta, x, tx, age);
        return logSumExp(first, Math.log(s / (r + s + x)) + logA0);
    }

    /** ln A0 of Fader, Hardie &amp; Lee's note, with the difference of its two terms taken in log space. */
    private static double logA0(double r, double alpha, double s, double beta, int x, double tx, double age) {
        double rsx = r + s + x;
        double logAtTx;
        double logAtT;
        if (alpha >= beta) {
            logAtTx = Math.log(hyp2f1(rsx, s + 1, rsx + 1, (alpha - beta) / (alpha + tx))) - rsx * Math.log(alpha + tx);
            logAtT = Math.log(hyp2f1(rsx, s + 1, rsx + 1, (alpha - beta) / (alpha + age))) - rsx * Math.log(alpha + age);
        } else {
            logAtTx = Math.log(hyp2f1(rsx, r + x, rsx + 1, (beta - alpha) / (beta + tx))) - rsx * Math.log(beta + tx);
            logAtT = Math.log(hyp2f1(rsx, r + x, rsx + 1, (beta - alpha) / (beta + age))) - rsx * Math.log(beta + age);
        }
        if (!(logAtT < logAtTx)) {
            return Double.NEGATIVE_INFINITY; // t_x = T: A0 = 0
        }
        return logAtTx + Math.log1p(-Math.exp(logAtT - logAtTx));
    }

    /** @return r */
    public double r() {
        return r;
    }

    /** @return α */
    public double alpha() {
        return alpha;
    }

    /** @return s */
    public double s() {
        return s;
    }

    /** @return β */
    public double beta() {
        return beta;
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
        BgNbdModel.check(x, tx, age);
        double first = -(r + x) * Math.log(alpha + age) - s * Math.log(beta + age);
        return Math.exp(first - logBracket(r, alpha, s, beta, x, tx, age));
    }

    @Override
    public double expectedPurchases(double t, int x, double tx, double age) {
        BgNbdModel.check(x, tx, age);
        if (!(t >= 0)) {
            throw new IllegalArgumentException("horizon must be >= 0, was " + t);
        }
        double grow = Math.log((beta + age + t) / (beta + age));
        return probabilityAlive(x, tx, age) * (r + x) * (beta + age) / (alpha + age) * survivalIntegral(grow);
    }

    @Override
    public double expectedPurchasesNewCustomer(double t) {
        if (!(t >= 0)) {
            throw new IllegalArgumentException("horizon must be >= 0, was " + t);
        }
        return r * beta / alpha * survivalIntegral(Math.log((beta + t) / beta));
    }

    /** [1 − e^(−(s−1)·g)] / (s − 1), continuous at s = 1 (where it is g). */
    private double survivalIntegral(double g) {
        double k = s - 1;
        return Math.abs(k) < 1e-12 ? g : -Math.expm1(-k * g) / k;
    }

    /** @return the parameters by name, in the order of the literature (for saving and printing) */
    public Map<String, Double> parameters() {
        return Parameters.view(NAMES, r, alpha, s, beta);
    }

    @Override
    public String toString() {
        return String.format("ParetoNbdModel[r=%.4f, alpha=%.4f, s=%.4f, beta=%.4f, logLikelihood=%.4f, customers=%d]",
                r, alpha, s, beta, logLikelihood, customers);
    }
}

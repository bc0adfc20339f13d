package io.github.omniretail.loyalty.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The models' log-likelihoods and predictions against independent computations: the individual-level likelihood
 * integrated numerically over the mixing distributions (no hypergeometric function, no log-gamma of ours).
 */
class ModelLikelihoodTest {

    private static final int[] X = {0, 1, 3, 5, 2};
    private static final double[] TX = {0, 4, 7.5, 9.9, 2};
    private static final double[] AGE = {10, 10, 12, 10, 30};
    private static final double[] SPEND = {0, 12.5, 30, 8.25, 100};
    private static final double GAMMA_2_5 = 0.75 * Math.sqrt(Math.PI); // Γ(2.5)

    private static ModelData small() {
        return ModelData.of(X, TX, AGE, SPEND);
    }

    @Test
    void bgNbdLogLikelihoodEqualsNumericalIntegration() {
        double r = 2.5;
        double alpha = 3;
        double a = 1.5;
        double b = 2.5;
        double betaAB = Math.PI / 16; // B(1.5, 2.5)
        double expected = 0;
        for (int i = 0; i < X.length; i++) {
            int x = X[i];
            double tx = TX[i];
            double age = AGE[i];
            // E_p[(1−p)^x] and E_p[p(1−p)^(x−1)] with p = u² (smooth at 0)
            DoubleUnaryOperator betaDensityDu = u -> Math.pow(u * u, a - 1) * Math.pow(1 - u * u, b - 1) / betaAB * 2 * u;
            double survive = simpson(u -> Math.pow(1 - u * u, x) * betaDensityDu.applyAsDouble(u), 0, 1, 20_000);
            double dropAtLast = x == 0 ? 0
                    : simpson(u -> u * u * Math.pow(1 - u * u, x - 1) * betaDensityDu.applyAsDouble(u), 0, 1, 20_000);
            DoubleUnaryOperator gammaDensity = l -> Math.pow(alpha, r) * Math.pow(l, r - 1) * Math.exp(-alpha * l)
                    / GAMMA_2_5;
            double stillBuying = simpson(l -> Math.pow(l, x) * Math.exp(-l * age) * gammaDensity.applyAsDouble(l), 0,
                    40, 40_000);
            double lastAtTx = simpson(l -> Math.pow(l, x) * Math.exp(-l * tx) * gammaDensity.applyAsDouble(l), 0, 40,
                    40_000);
            expected += Math.log(survive * stillBuying + dropAtLast * lastAtTx);
        }
        assertEquals(expected, BgNbdModel.of(r, alpha, a, b).logLikelihood(small()), 1e-6);
    }

    @Test
    void paretoNbdLogLikelihoodEqualsNumericalIntegration() {
        double r = 2.5;
        double alpha = 3;
        double s = 2.5;
        double beta = 4;
        double expected = 0;
        for (int i = 0; i < X.length; i++) {
            int x = X[i];
            double tx = TX[i];
            double age = AGE[i];
            // λ = u², μ = w²: the Gamma(2.5) densities become smooth at 0
            double value = simpson(u -> simpson(w -> {
                double l = u * u;
                double m = w * w;
                if (l + m == 0) {
                    return 0;
                }
                double individual = Math.pow(l, x) * m / (l + m) * Math.exp(-(l + m) * tx)
                        + Math.pow(l, x + 1) / (l + m) * Math.exp(-(l + m) * age);
                return individual * Math.pow(beta, s) * Math.pow(m, s - 1) * Math.exp(-beta * m) / GAMMA_2_5 * 2 * w;
            }, 0, Math.sqrt(12), 1_200) * Math.pow(alpha, r) * Math.pow(u * u, r - 1) * Math.exp(-alpha * u * u)
                    / GAMMA_2_5 * 2 * u, 0, Math.sqrt(14), 1_200);
            expected += Math.log(value);
        }
        assertEquals(expected, ParetoNbdModel.of(r, alpha, s, beta).logLikelihood(small()), 1e-6);
    }

    @Test
    void gammaGammaLogLikelihoodEqualsNumericalIntegration() {
        double p = 2;
        double q = 3;
        double v = 10;
        double expected = 0;
        for (int i = 0; i < X.length; i++) {
            int x = X[i];
            if (x == 0) {
                continue;
            }
            double m = SPEND[i];
            double gammaPx = factorial(2 * x - 1); // Γ(p·x) with p = 2
            double density = simpson(nu -> {
                double meanDensity = Math.pow(x * nu, p * x) * Math.pow(m, p * x - 1) * Math.exp(-x * nu * m) / gammaPx;
                return meanDensity * Math.pow(v, q) * nu * nu * Math.exp(-v * nu) / 2; // Γ(3) = 2
            }, 0, 20, 200_000);
            expected += Math.log(density);
        }
        int[] xs = {1, 3, 5, 2};
        double[] ms = {12.5, 30, 8.25, 100};
        assertEquals(expected, GammaGammaModel.logLikelihood(xs, ms, p, q, v), 1e-7);
    }

    @Test
    void forecastsAreConsistentAcrossFormulas() {
        for (PurchaseModel model : new PurchaseModel[] {BgNbdModel.of(0.243, 4.414, 0.793, 2.426),
            ParetoNbdModel.of(0.553, 10.58, 0.606, 11.67)}) {
            // a customer just acquired (x = 0, T = 0) is a new customer
            for (double t : new double[] {1, 10, 39, 52, 200}) {
                assertEquals(model.expectedPurchasesNewCustomer(t), model.expectedPurchases(t, 0, 0, 0),
                        1e-9 * Math.max(1, model.expectedPurchasesNewCustomer(t)), model + " at t=" + t);
            }
            double previous = 0;
            for (double t = 5; t <= 200; t += 5) {
                double e = model.expectedPurchases(t, 4, 30, 38);
                assertTrue(e > previous, "expected purchases grow with the horizon");
                previous = e;
            }
            // the longer a frequent buyer has been silent, the less likely alive
            assertTrue(model.probabilityAlive(6, 35, 38) > model.probabilityAlive(6, 10, 38));
            double pAlive = model.probabilityAlive(3, 20, 38);
            assertTrue(pAlive > 0 && pAlive < 1);
        }
        assertEquals(1, BgNbdModel.of(0.243, 4.414, 0.793, 2.426).probabilityAlive(0, 0, 30));
    }

    @Test
    void bgNbdForecastsTheCdnowHoldoutClosely() {
        PurchaseHistory history = Cdnow.history();
        CalibrationSplit split = history.split(SummaryDefinition.asOf(Cdnow.CALIBRATION_END), Cdnow.HOLDOUT_END);
        BgNbdModel model = BgNbdModel.fit(split.calibration().modelData());
        ModelData data = split.calibration().modelData();
        double forecast = 0;
        long actual = 0;
        for (int i = 0; i < data.size(); i++) {
            forecast += model.expectedPurchases(split.holdoutLength(), data.repeatPurchases(i),
                    data.timeOfLastPurchase(i), data.age(i));
            actual += split.holdoutPurchases(i);
        }
        assertEquals(39, split.holdoutLength(), 0.2);
        // purchase days in the 39-week holdout of the 2,357 customers, against the calibrated model's forecast
        // 1,882 purchase days in the holdout; the calibrated model forecasts about 1,653 (BG/NBD is known to run a
        // little low on CDNOW's holdout: purchase rates rose in early 1998)
        assertEquals(1882, actual);
        assertEquals(actual, forecast, 0.15 * actual);
        // the BTYD package's worked example: x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in 39 weeks
        assertEquals(1.226, BgNbdModel.of(0.2425945, 4.413625, 0.7929103, 2.425943)
                .expectedPurchases(39, 2, 30.43, 38.86), 5e-4);
    }

    @Test
    void clvWithoutDiscountingIsExpectedPurchasesTimesExpectedSpend() {
        BgNbdModel purchases = BgNbdModel.of(0.243, 4.414, 0.793, 2.426);
        GammaGammaModel spend = GammaGammaModel.of(6.25, 3.74, 15.44);
        LifetimeValue undiscounted = LifetimeValue.of(purchases, spend, ModelTimeUnit.WEEKS, 0);
        double horizon = 52;
        double clv = undiscounted.clv(horizon, 4, 30, 38, 25);
        assertEquals(purchases.expectedPurchases(horizon, 4, 30, 38) * spend.expectedAverageSpend(4, 25), clv, 1e-9);
        double discounted = LifetimeValue.of(purchases, spend, ModelTimeUnit.WEEKS, 0.01).clv(horizon, 4, 30, 38, 25);
        assertTrue(discounted < clv && discounted > clv / Math.pow(1.01, 13));
        // a new customer's expected spend is the population mean p·v/(q − 1)
        assertEquals(6.25 * 15.44 / 2.74, spend.expectedAverageSpend(0, 0), 1e-12);
    }

    @Test
    void fitsWithoutInformationFailClearly() {
        ModelData oneTimers = ModelData.of(new int[] {0, 0, 0}, new double[] {0, 0, 0}, new double[] {5, 6, 7},
                new double[3]);
        ModelFitException bg = assertThrows(ModelFitException.class, () -> BgNbdModel.fit(oneTimers));
        assertTrue(bg.getMessage().contains("no repeat buyers"), bg.getMessage());
        assertEquals("BG/NBD", bg.model());
        assertThrows(ModelFitException.class, () -> ParetoNbdModel.fit(oneTimers));
        assertThrows(ModelFitException.class, () -> GammaGammaModel.fit(oneTimers));
        ModelData sameSpend = ModelData.of(new int[] {2, 3, 4}, new double[] {1, 2, 3}, new double[] {5, 6, 7},
                new double[] {10, 10, 10});
        ModelFitException gg = assertThrows(ModelFitException.class, () -> GammaGammaModel.fit(sameSpend));
        assertTrue(gg.getMessage().contains("degenerate"), gg.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelData.of(new int[] {0}, new double[] {1},
                new double[] {2}, new double[] {0}));
    }

    private static double simpson(DoubleUnaryOperator f, double from, double to, int intervals) {
        int n = intervals % 2 == 0 ? intervals : intervals + 1;
        double h = (to - from) / n;
        double sum = f.applyAsDouble(from) + f.applyAsDouble(to);
        for (int i = 1; i < n; i++) {
            sum += f.applyAsDouble(from + i * h) * (i % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }

    private static double factorial(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }
}

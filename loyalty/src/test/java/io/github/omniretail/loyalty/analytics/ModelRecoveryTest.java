package io.github.omniretail.loyalty.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Fits to data drawn from known parameters recover them within sampling error. */
class ModelRecoveryTest {

    @Test
    void bgNbdRecoversKnownParametersWithinFourStandardErrors() {
        double[] truth = {0.6, 4.0, 0.8, 2.5};
        ModelData data = new Simulation(20261122L).bgNbd(30_000, truth[0], truth[1], truth[2], truth[3], 26, 78);
        BgNbdModel model = BgNbdModel.fit(data);
        double[] fitted = {model.r(), model.alpha(), model.a(), model.b()};
        double[] se = model.standardErrors();
        for (int i = 0; i < 4; i++) {
            assertTrue(Double.isFinite(se[i]) && se[i] > 0, "standard error " + i + " = " + se[i]);
            assertTrue(Math.abs(fitted[i] - truth[i]) < 4 * se[i], "parameter " + i + ": fitted " + fitted[i]
                    + ", true " + truth[i] + ", se " + se[i]);
            assertTrue(se[i] < 0.25 * truth[i], "30,000 customers pin parameter " + i + " down: se " + se[i]);
        }
    }

    @Test
    void gammaGammaRecoversKnownParameters() {
        ModelData data = new Simulation(7L).gammaGamma(20_000, 6, 4, 15, 10);
        GammaGammaModel model = GammaGammaModel.fit(data);
        assertEquals(6, model.p(), 0.05 * 6, model.toString());
        assertEquals(4, model.q(), 0.10 * 4, model.toString());
        assertEquals(15, model.v(), 0.15 * 15, model.toString());
    }
}

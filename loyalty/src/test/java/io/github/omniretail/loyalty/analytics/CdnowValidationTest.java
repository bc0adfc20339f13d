package io.github.omniretail.loyalty.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CdnowValidationTest {

    @Test
    void bgNbdReproducesThePublishedFitFromTheRawTransactions() {
        ModelData data = Cdnow.calibration();
        assertEquals(2357, data.size());
        BgNbdModel model = BgNbdModel.fit(data);
        assertEquals(0.243, model.r(), 1e-2);
        assertEquals(4.414, model.alpha(), 1e-2);
        assertEquals(0.793, model.a(), 1e-2);
        assertEquals(2.426, model.b(), 1e-2);
        assertEquals(-9582.4, model.logLikelihood(), 0.1); // as published
        assertEquals(2357, model.customers());
        assertEquals(java.util.List.of("r", "alpha", "a", "b"), java.util.List.copyOf(model.parameters().keySet()));
        assertEquals(model.b(), model.parameters().get("b"));
    }

    @Test
    void gammaGammaReproducesThePublishedFitOnTheRepeatBuyers() {
        ModelData data = Cdnow.calibration();
        assertEquals(946, data.repeatBuyers());
        GammaGammaModel model = GammaGammaModel.fit(data);
        assertEquals(946, model.customers());
        assertEquals(6.25, model.p(), 1e-2);
        assertEquals(3.74, model.q(), 1e-2);
        assertEquals(15.44, model.v(), 1e-2);
    }

    @Test
    void paretoNbdReproducesThePublishedFit() {
        // Fader, Hardie & Lee (2005), table 1: r = 0.55, alpha = 10.58, s = 0.61, beta = 11.67, LL = -9595.0
        ParetoNbdModel model = ParetoNbdModel.fit(Cdnow.calibration());
        assertEquals(0.55, model.r(), 1e-2);
        assertEquals(10.58, model.alpha(), 1e-2);
        assertEquals(0.61, model.s(), 1e-2);
        assertEquals(11.67, model.beta(), 1e-2);
        assertEquals(-9595.0, model.logLikelihood(), 0.1);
    }
}

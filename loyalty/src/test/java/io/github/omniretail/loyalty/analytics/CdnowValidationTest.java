package io.github.omniretail.loyalty.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CdnowValidationTest {

    @Test
    void bgNbdReproducesThePublishedFitFromTheRawTransactions() {
        ModelData data = Cdnow.calibration();
        assertEquals(2357, data.size());
        BgNbdModel model = BgNbdModel.fit(data);
        System.err.println(model + " se=" + java.util.Arrays.toString(model.standardErrors()));
        assertEquals(0.243, model.r(), 1e-2);
        assertEquals(4.414, model.alpha(), 1e-2);
        assertEquals(0.793, model.a(), 1e-2);
        assertEquals(2.426, model.b(), 1e-2);
    }

    @Test
    void gammaGammaReproducesThePublishedFitOnTheRepeatBuyers() {
        ModelData data = Cdnow.calibration();
        assertEquals(946, data.repeatBuyers());
        GammaGammaModel model = GammaGammaModel.fit(data);
        System.err.println(model);
        assertEquals(946, model.customers());
        assertEquals(6.25, model.p(), 1e-2);
        assertEquals(3.74, model.q(), 1e-2);
        assertEquals(15.44, model.v(), 1e-2);
    }

    @Test
    void paretoNbd() {
        ParetoNbdModel model = ParetoNbdModel.fit(Cdnow.calibration());
        System.err.println(model);
    }
}

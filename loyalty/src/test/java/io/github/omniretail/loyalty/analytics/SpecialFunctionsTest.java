package io.github.omniretail.loyalty.analytics;

import static io.github.omniretail.loyalty.analytics.SpecialFunctions.digamma;
import static io.github.omniretail.loyalty.analytics.SpecialFunctions.hyp2f1;
import static io.github.omniretail.loyalty.analytics.SpecialFunctions.logGamma;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SpecialFunctionsTest {

    private static final double EULER_GAMMA = 0.5772156649015329;

    @Test
    void logGammaMatchesKnownValues() {
        assertEquals(0.5 * Math.log(Math.PI), logGamma(0.5), 1e-14);
        assertEquals(Math.log(362880), logGamma(10), 1e-13);
        assertEquals(0, logGamma(1), 1e-15);
        assertEquals(0, logGamma(2), 1e-15);
        assertEquals(Math.log(0.75 * Math.sqrt(Math.PI)), logGamma(2.5), 1e-14);
        // Stirling with its 1/(12x) correction is accurate far out
        double x = 1e6;
        double stirling = (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x);
        assertEquals(stirling, logGamma(x), 1e-6);
        assertEquals(Math.log(Math.abs(-2 * Math.sqrt(Math.PI))), SpecialFunctions.logAbsGamma(-0.5), 1e-13);
        assertEquals(-1, SpecialFunctions.gammaSign(-0.5));
        assertEquals(1, SpecialFunctions.gammaSign(-1.5));
    }

    @Test
    void digammaMatchesKnownValues() {
        assertEquals(-EULER_GAMMA, digamma(1), 1e-13);
        assertEquals(-EULER_GAMMA - 2 * Math.log(2), digamma(0.5), 1e-13);
        assertEquals(1 - EULER_GAMMA + 0.5, digamma(3), 1e-13);
        // derivative of logGamma by central differences
        for (double x : new double[] {0.243, 2.426, 17.5, 300}) {
            double h = 1e-5 * Math.max(1, x);
            assertEquals((logGamma(x + h) - logGamma(x - h)) / (2 * h), digamma(x), 1e-7);
        }
    }

    @Test
    void hypergeometricMatchesClosedFormsInEveryRegion() {
        for (double z : new double[] {-50, -3, -0.9, -0.3, 0.1, 0.5, 0.85, 0.95, 0.999}) {
            assertEquals(-Math.log1p(-z) / z, hyp2f1(1, 1, 2, z), 1e-12 * Math.max(1, Math.abs(Math.log1p(-z) / z)),
                    "2F1(1,1;2;" + z + ")");
            assertEquals(Math.pow(1 - z, -0.7), hyp2f1(0.7, 2.3, 2.3, z), 1e-10 * Math.pow(1 - z, -0.7),
                    "2F1(a,b;b;" + z + ")");
        }
        for (double y : new double[] {0.2, 0.6, 0.9, 0.99}) {
            assertEquals(Math.asin(y) / y, hyp2f1(0.5, 0.5, 1.5, y * y), 1e-12, "arcsin at " + y);
            assertEquals(Math.atan(y * 3) / (y * 3), hyp2f1(0.5, 1, 1.5, -9 * y * y), 1e-12, "arctan at " + y);
        }
        // Gauss's theorem at z = 1: 2F1(a,b;c;1) = Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b))
        double a = 0.3;
        double b = 1.2;
        double c = 3.1;
        double gauss = Math.exp(logGamma(c) + logGamma(c - a - b) - logGamma(c - a) - logGamma(c - b));
        assertEquals(gauss, hyp2f1(a, b, c, 1), 1e-13);
        assertEquals(gauss, hyp2f1(a, b, c, 1 - 1e-12), 1e-6);
        // polynomial case: 2F1(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1))
        assertEquals(1 - 2 * 1.5 * 0.97 / 2.5 + 1.5 * 2.5 * 0.97 * 0.97 / (2.5 * 3.5), hyp2f1(-2, 1.5, 2.5, 0.97),
                1e-13);
    }

    @Test
    void transformationAgreesWithTheSeriesWhereBothConverge() {
        // the BG/NBD forecasting arguments on both sides of the switch at z = 0.9
        double[][] cases = {{0.243 + 3, 2.426 + 3, 0.793 + 2.426 + 2}, {1.7, 0.4, 2.9}, {5.5, 7.25, 3.1}};
        for (double[] p : cases) {
            double below = hyp2f1(p[0], p[1], p[2], 0.9);
            double above = hyp2f1(p[0], p[1], p[2], 0.9 + 1e-12);
            assertEquals(below, above, 1e-8 * Math.abs(below), "continuity at 0.9 for " + java.util.Arrays.toString(p));
        }
    }

    @Test
    void undefinedArgumentsAreRejected() {
        assertThrows(ArithmeticException.class, () -> hyp2f1(1, 1, -2, 0.5));
        assertThrows(ArithmeticException.class, () -> hyp2f1(1, 1, 2, 1.5));
        assertThrows(ArithmeticException.class, () -> hyp2f1(1, 1, 1.5, 1));
        assertThrows(ArithmeticException.class, () -> logGamma(0));
    }
}

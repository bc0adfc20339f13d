package io.github.omniretail.loyalty.analytics;

/**
 * Log-gamma, digamma and the Gauss hypergeometric function 2F1, in plain Java, for the lifetime-value models.
 * Stateless and thread-safe.
 */
final class SpecialFunctions {

    /** Lanczos coefficients (g = 671/128, 14 terms; Numerical Recipes, 3rd ed., §6.1), relative error < 1e-15. */
    private static final double[] LANCZOS = {57.1562356658629235, -59.5979603554754912, 14.1360979747417471,
        -0.491913816097620199, 0.339946499848118887e-4, 0.465236289270485756e-4, -0.983744753048795646e-4,
        0.158088703224912494e-3, -0.210264441724104883e-3, 0.217439618115212643e-3, -0.164318106536763890e-3,
        0.844182239838527433e-4, -0.261908384015814087e-4, 0.368991826595316234e-5};

    /** Above this |z| the 2F1 series is replaced by the 1 − z transformation when it applies. */
    private static final double TRANSFORM_ABOVE = 0.9;
    private static final int MAX_TERMS = 20_000_000;

    private SpecialFunctions() {
    }

    /** ln Γ(x) for x &gt; 0. */
    static double logGamma(double x) {
        if (!(x > 0)) {
            throw new ArithmeticException("logGamma needs x > 0, was " + x);
        }
        double y = x;
        double tmp = x + 5.24218750000000000;
        tmp = (x + 0.5) * Math.log(tmp) - tmp;
        double ser = 0.999999999999997092;
        for (double c : LANCZOS) {
            ser += c / ++y;
        }
        return tmp + Math.log(2.5066282746310005 * ser / x);
    }

    /** ln |Γ(x)| for any x that is not a pole (0, −1, −2, …). */
    static double logAbsGamma(double x) {
        if (x > 0) {
            return logGamma(x);
        }
        if (x == Math.rint(x)) {
            throw new ArithmeticException("Γ has a pole at " + x);
        }
        return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }

    /** Sign of Γ(x) (x not a pole): positive for x &gt; 0, alternating between the negative poles. */
    static int gammaSign(double x) {
        if (x > 0) {
            return 1;
        }
        return ((long) Math.floor(x)) % 2 == 0 ? 1 : -1;
    }

    /** True when x is 0, −1, −2, … where 1/Γ(x) = 0. */
    static boolean isPole(double x) {
        return x <= 0 && x == Math.rint(x);
    }

    /** ψ(x) = d/dx ln Γ(x) for x &gt; 0. */
    static double digamma(double x) {
        if (!(x > 0)) {
            throw new ArithmeticException("digamma needs x > 0, was " + x);
        }
        double result = 0;
        while (x < 10) {
            result -= 1 / x;
            x += 1;
        }
        double inv = 1 / x;
        double inv2 = inv * inv;
        result += Math.log(x) - 0.5 * inv
                - inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 * (1.0 / 132)))));
        return result;
    }

    /** ln(e^a + e^b) without overflow. */
    static double logSumExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double max = Math.max(a, b);
        return max + Math.log1p(Math.exp(Math.min(a, b) - max));
    }

    /**
     * The Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and z ≤ 1.
     *
     * <p>The power series where it converges quickly (|z| ≤ 0.9); Pfaff's transformation
     * 2F1(a,b;c;z) = (1−z)^(−a) 2F1(a, c−b; c; z/(z−1)) for z &lt; 0; the 1 − z connection formula
     * (Abramowitz &amp; Stegun 15.3.6) for 0.9 &lt; z &lt; 1 when c − a − b is not an integer and the two terms do
     * not cancel; the long series otherwise; Gauss's theorem at z = 1.
     *
     * @throws ArithmeticException if c is a non-positive integer, z &gt; 1, the value diverges at z = 1, or the
     *     series does not converge within its term budget
     */
    static double hyp2f1(double a, double b, double c, double z) {
        if (Double.isNaN(a + b + c + z)) {
            throw new ArithmeticException("2F1 argument is NaN: a=" + a + ", b=" + b + ", c=" + c + ", z=" + z);
        }
        if (isPole(c)) {
            throw new ArithmeticException("2F1 undefined for c = " + c);
        }
        if (z > 1) {
            throw new ArithmeticException("2F1 implemented for z <= 1 only, was " + z);
        }
        if (z == 0 || a == 0 || b == 0) {
            return 1;
        }
        if (z == 1) {
            double s = c - a - b;
            if (!(s > 0)) {
                throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; 1) diverges (c - a - b <= 0)");
            }
            return gammaRatio(new double[] {c, s}, new double[] {c - a, c - b});
        }
        if (z < 0) {
            double w = z / (z - 1);
            // Of the two Pfaff forms pick the one whose series parameter stays smaller.
            if (Math.abs(a) <= Math.abs(b)) {
                return Math.pow(1 - z, -a) * hyp2f1(a, c - b, c, w);
            }
            return Math.pow(1 - z, -b) * hyp2f1(c - a, b, c, w);
        }
        if (z > TRANSFORM_ABOVE) {
            double s = c - a - b;
            if (Math.abs(s - Math.rint(s)) > 1e-9) {
                double y = 1 - z;
                double first = isPole(c - a) || isPole(c - b) ? 0
                        : gammaRatio(new double[] {c, s}, new double[] {c - a, c - b}) * series(a, b, 1 - s, y);
                double second = isPole(a) || isPole(b) ? 0
                        : gammaRatio(new double[] {c, -s}, new double[] {a, b}) * Math.pow(y, s)
                                * series(c - a, c - b, 1 + s, y);
                double value = first + second;
                double scale = Math.max(Math.abs(first), Math.abs(second));
                if (Double.isFinite(value) && (scale == 0 || Math.abs(value) >= 1e-7 * scale)) {
                    return value;
                }
            }
        }
        return series(a, b, c, z);
    }

    /** Γ(n1)Γ(n2)…/(Γ(d1)Γ(d2)…) through signed log-gamma; a pole in the denominator gives 0. */
    private static double gammaRatio(double[] numerator, double[] denominator) {
        double log = 0;
        int sign = 1;
        for (double d : denominator) {
            if (isPole(d)) {
                return 0;
            }
            log -= logAbsGamma(d);
            sign *= gammaSign(d);
        }
        for (double n : numerator) {
            if (isPole(n)) {
                throw new ArithmeticException("Γ has a pole at " + n);
            }
            log += logAbsGamma(n);
            sign *= gammaSign(n);
        }
        return sign * Math.exp(log);
    }

    /** The defining power series, summed until the terms no longer change the sum. */
    private static double series(double a, double b, double c, double z) {
        double term = 1;
        double sum = 1;
        double compensation = 0;
        int small = 0;
        for (int k = 0; k < MAX_TERMS; k++) {
            double ratio = (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            term *= ratio;
            if (term == 0) {
                return sum + compensation;
            }
            double y = term - compensation;
            double t = sum + y;
            compensation = (t - sum) - y;
            sum = t;
            // stop once terms are negligible and shrinking (the ratio tends to z, |z| < 1)
            if (Math.abs(term) <= 1e-17 * Math.abs(sum) && Math.abs(ratio) < 1) {
                if (++small >= 3) {
                    return sum;
                }
            } else {
                small = 0;
            }
            if (!Double.isFinite(sum)) {
                break;
            }
        }
        throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") series did not converge");
    }
}

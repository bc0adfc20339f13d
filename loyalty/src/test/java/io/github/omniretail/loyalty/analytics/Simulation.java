package io.github.omniretail.loyalty.analytics;

import java.util.SplittableRandom;

/** Draws customers from the models' own generative stories, for parameter-recovery tests. */
final class Simulation {

    private final SplittableRandom random;

    Simulation(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Gamma(shape, rate) by Marsaglia &amp; Tsang, boosted for shape &lt; 1. */
    double gamma(double shape, double rate) {
        if (shape < 1) {
            return gamma(shape + 1, rate) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = normal();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v / rate;
            }
        }
    }

    double beta(double a, double b) {
        double x = gamma(a, 1);
        return x / (x + gamma(b, 1));
    }

    private double normal() {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** BG/NBD customers with ages T uniform in [minAge, maxAge]. */
    ModelData bgNbd(int customers, double r, double alpha, double a, double b, double minAge, double maxAge) {
        int[] x = new int[customers];
        double[] tx = new double[customers];
        double[] age = new double[customers];
        for (int i = 0; i < customers; i++) {
            double lambda = gamma(r, alpha);
            double p = beta(a, b);
            double t = 0;
            age[i] = minAge + (maxAge - minAge) * random.nextDouble();
            while (true) {
                t += -Math.log(1 - random.nextDouble()) / lambda;
                if (t > age[i]) {
                    break;
                }
                x[i]++;
                tx[i] = t;
                if (random.nextDouble() < p) {
                    break;
                }
            }
        }
        return ModelData.of(x, tx, age, new double[customers]);
    }

    /** Repeat buyers with x uniform in 1..maxX and mean spend from the Gamma-Gamma story. */
    ModelData gammaGamma(int customers, double p, double q, double v, int maxX) {
        int[] x = new int[customers];
        double[] tx = new double[customers];
        double[] age = new double[customers];
        double[] spend = new double[customers];
        for (int i = 0; i < customers; i++) {
            x[i] = 1 + random.nextInt(maxX);
            tx[i] = 1;
            age[i] = 2;
            double nu = gamma(q, v);
            double sum = 0;
            for (int k = 0; k < x[i]; k++) {
                sum += gamma(p, nu);
            }
            spend[i] = sum / x[i];
        }
        return ModelData.of(x, tx, age, spend);
    }
}

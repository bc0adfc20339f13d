package io.github.omniretail.benchmarks.analytics;

import io.github.omniretail.loyalty.analytics.BgNbdModel;
import io.github.omniretail.loyalty.analytics.ModelData;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A BG/NBD maximum-likelihood fit on {@code customers} customers drawn from the model (r = 0.25, α = 4.4,
 * a = 0.8, b = 2.4, as CDNOW) with daily purchase times over a 78-week window, in weeks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class BgNbdFitBenchmark {

    @Param({"100000"})
    public int customers;

    ModelData data;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        int[] x = new int[customers];
        double[] tx = new double[customers];
        double[] age = new double[customers];
        for (int i = 0; i < customers; i++) {
            double lambda = gamma(random, 0.25) / 4.4;
            double a = gamma(random, 0.8);
            double p = a / (a + gamma(random, 2.4));
            int firstDay = random.nextInt(84); // acquired over 12 weeks, observed to day 546 (78 weeks)
            int ageDays = 546 - firstDay;
            double t = 0;
            int lastDay = 0;
            while (true) {
                t += -Math.log(1 - random.nextDouble()) / lambda * 7;
                int day = (int) t;
                if (day > ageDays) {
                    break;
                }
                if (day > lastDay) {
                    x[i]++;
                    lastDay = day;
                }
                if (random.nextDouble() < p) {
                    break;
                }
            }
            tx[i] = lastDay / 7.0;
            age[i] = ageDays / 7.0;
        }
        data = ModelData.of(x, tx, age, new double[customers]);
    }

    private static double gamma(SplittableRandom random, double shape) {
        if (shape < 1) {
            return gamma(random, shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            if (Math.log(random.nextDouble()) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    /** The whole fit: grouping, BFGS from three starts, standard errors. */
    @Benchmark
    public BgNbdModel fit() {
        return BgNbdModel.fit(data);
    }
}

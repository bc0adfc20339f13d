package io.github.omniretail.benchmarks.analytics;

import io.github.omniretail.analytics.replenishment.ReplenishmentPlan;
import io.github.omniretail.analytics.replenishment.ReplenishmentPlanner;
import io.github.omniretail.analytics.replenishment.SafetyRule;
import io.github.omniretail.analytics.replenishment.Source;
import io.github.omniretail.analytics.replenishment.Stock;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * Forecast + replenishment plan: {@code skus} SKUs × {@code nodes} nodes (one DC supplied by a supplier in 3 days,
 * the rest stores supplied by the DC in 1 day), {@code days} days of daily history each; every series forecast (all
 * five methods backtested, the winner refitted, intervals), every position planned at a 95 % service level, transfers
 * allocated, DC purchase orders on echelon demand. Demand: Zipf popularity over SKUs; Poisson with weekday effects
 * above 1 unit a day, intermittent below. On the machine's cores (the common fork-join pool).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+UseParallelGC"})
public class ForecastPlanBenchmark {

    @Param({"2000"})
    public int skus;

    @Param({"40"})
    public int nodes;

    @Param({"730"})
    public int days;

    List<Stock> stocks;
    ReplenishmentPlanner planner;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(42);
        double[] week = {0.85, 0.85, 0.9, 0.95, 1.1, 1.3, 1.25};
        NodeId dc = NodeId.of("DC");
        ReplenishmentPlanner.Builder b = ReplenishmentPlanner.builder()
                .safetyRule(SafetyRule.serviceLevel(new BigDecimal("95")))
                .defaultSource(Source.transferFrom(dc, Duration.ofDays(1)))
                .source(dc, Source.supplier("supplier", Duration.ofDays(3)));
        planner = b.build();
        stocks = new ArrayList<>(skus * nodes);
        for (int s = 0; s < skus; s++) {
            Sku sku = Sku.of(String.format("SKU-%05d", s));
            double skuRate = 60.0 / Math.pow(s + 1, 0.9);
            for (int n = 0; n < nodes; n++) {
                NodeId node = n == 0 ? dc : NodeId.of(String.format("S%03d", n));
                int[] h = new int[days];
                double rate = n == 0 ? 0 : skuRate * (0.5 + r.nextDouble());
                for (int d = 0; d < days; d++) {
                    double m = rate * week[d % 7];
                    h[d] = m >= 1 ? poisson(r, m) : (r.nextDouble() < m / 1.5 ? 1 + (r.nextDouble() < 0.33 ? 1 : 0) : 0);
                }
                stocks.add(new Stock(sku, node, h, n == 0 ? 5_000 : (int) (rate * 4), 0, 0));
            }
        }
    }

    static int poisson(SplittableRandom r, double mean) {
        if (mean > 30) {
            double u = Math.max(1e-12, r.nextDouble());
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean)
                    * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble())));
        }
        double l = Math.exp(-mean);
        int k = 0;
        double p = r.nextDouble();
        while (p > l) {
            k++;
            p *= r.nextDouble();
        }
        return k;
    }

    @Benchmark
    public ReplenishmentPlan forecastAndPlan() {
        return planner.plan(stocks, Instant.parse("2026-11-22T20:00:00Z"));
    }
}

package io.github.omniretail.benchmarks.core;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hot core operations the engines lean on: discount allocation over cart lines, a basis-point markdown, and
 * great-circle distance. The BigDecimal variant of the markdown is the peer a BigDecimal-based platform uses.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CoreValuesBenchmark {

    private static final Currency CNY = Currency.getInstance("CNY");

    @Param({"50"})
    public int lines;

    private long[] weights;
    private Money discount;
    private Money price;
    private GeoPoint[] points;
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        weights = new long[lines];
        for (int i = 0; i < lines; i++) {
            weights[i] = random.nextLong(100, 100_000);
        }
        discount = Money.parse("50.00", CNY);
        price = Money.parse("19.99", CNY);
        points = new GeoPoint[1024];
        for (int i = 0; i < points.length; i++) {
            points[i] = GeoPoint.of(random.nextDouble(29.9, 30.6), random.nextDouble(119.8, 120.6));
        }
    }

    /** Allocates an order discount over {@code lines} cart lines (largest remainder). */
    @Benchmark
    public Money[] allocateDiscountOverLines() {
        return discount.allocate(weights);
    }

    /** A 30 % evening markdown in basis points on long minor units. */
    @Benchmark
    public Money markdownBasisPoints() {
        return BasisPoints.of(7_000).applyTo(price, RoundingMode.HALF_EVEN);
    }

    /** The same markdown done the BigDecimal way. */
    @Benchmark
    public BigDecimal markdownBigDecimalPeer() {
        return new BigDecimal("19.99").multiply(new BigDecimal("0.70")).setScale(2, RoundingMode.HALF_EVEN);
    }

    /** Haversine distance between two points of a city. */
    @Benchmark
    public double distanceMetres() {
        int i = next++ & 1023;
        return points[i].distanceMetres(points[(i + 511) & 1023]);
    }
}

package io.github.omniretail.benchmarks.inventory;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.Position;
import io.github.omniretail.micrometer.OmniRetailMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code omniretail-micrometer}'s view adds to one engine call, in nanoseconds: a cheap read (a position)
 * through the bare engine and through the instrumented view (default settings: counted, one in 8 timed), one thread
 * (two threads reading one position measure the engine's own lock contention instead).
 * The difference is the instrumentation's cost per call, free of the garbage-collection noise of the 20-million
 * position hold benchmark, against which it is compared ({@code InventoryHoldBenchmark.holdSingleLineMetered}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xmx1g"})
@Threads(1)
public class MeteredCallBenchmark {

    static final Sku SKU = Sku.of("SKU-1");
    static final NodeId NODE = NodeId.of("N-1");

    /** One engine with one position, bare and seen through the view. */
    @State(Scope.Benchmark)
    public static class Engines {
        /** One call in this many is timed (the default is 8). */
        @org.openjdk.jmh.annotations.Param({"8"})
        public int sampleOneIn;

        InventoryEngine bare;
        InventoryEngine metered;

        @Setup(Level.Trial)
        public void build() {
            bare = InventoryEngine.builder().clock(Clock.systemUTC()).autoRegister(true).build();
            bare.receive(IdempotencyKey.of("g1"), SKU, NODE, 100);
            metered = OmniRetailMetrics.builder(new SimpleMeterRegistry()).sampleOneIn(sampleOneIn).build()
                    .inventory(bare);
        }
    }

    /** A position read through the engine. */
    @Benchmark
    public Position readBare(Engines e) {
        return e.bare.position(SKU, NODE);
    }

    /** The same read through the instrumented view. */
    @Benchmark
    public Position readMetered(Engines e) {
        return e.metered.position(SKU, NODE);
    }
}

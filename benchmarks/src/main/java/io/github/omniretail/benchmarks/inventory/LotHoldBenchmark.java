package io.github.omniretail.benchmarks.inventory;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MutableClock;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.Lot;
import java.time.Duration;
import java.time.Instant;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-line holds on positions with five lots each, at the size of {@link InventoryHoldBenchmark} (100,000 SKUs ×
 * 200 nodes = 20 million positions, so 100 million lots), in memory, 2 threads, each request with its own key; the
 * engine picks the lot that expires first. Target: >= 0.5 million/s. Its peer is
 * {@link InventoryHoldBenchmark#holdSingleLine} (the same positions without lots).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms21g", "-Xmx21g", "-Xmn10g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
@Threads(2)
public class LotHoldBenchmark {

    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final Duration TTL = Duration.ofMinutes(15);
    static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");

    /** One engine with five lots at every position. */
    @State(Scope.Benchmark)
    public static class Pool {
        @Param({"100000"})
        public int skus;
        @Param({"200"})
        public int nodes;
        @Param({"5"})
        public int lots;

        MutableClock clock;
        InventoryEngine engine;
        Sku[] skuIds;
        NodeId[] nodeIds;

        @Setup(Level.Trial)
        public void load() {
            clock = MutableClock.at(T0);
            engine = InventoryEngine.builder().clock(clock).idempotencyRetention(Duration.ofMinutes(1))
                    .finalHoldRetention(Duration.ofMinutes(1)).build();
            skuIds = new Sku[skus];
            nodeIds = new NodeId[nodes];
            for (int n = 0; n < nodes; n++) {
                nodeIds[n] = NodeId.of("N" + n);
                engine.registerNode(nodeIds[n]);
            }
            Lot[] lotIds = new Lot[lots];
            for (int l = 0; l < lots; l++) {
                lotIds[l] = Lot.expiring("LOT-" + l, T0.plus(Duration.ofDays(30 + l)));
            }
            long key = 0;
            for (int s = 0; s < skus; s++) {
                skuIds[s] = Sku.of("SKU-" + s);
                engine.registerSku(skuIds[s]);
                for (int n = 0; n < nodes; n++) {
                    for (int l = lots - 1; l >= 0; l--) { // latest expiry first: the table sorts them
                        engine.receive(IdempotencyKey.of("r" + key++), skuIds[s], nodeIds[n], lotIds[l], 200_000);
                    }
                }
                if (s % 2_000 == 1_999) { // forget the receipts' keys as production would
                    clock.advance(Duration.ofMinutes(2));
                    engine.expireDue();
                }
            }
        }

        /** Expires this iteration's holds and forgets their keys, so state stays at steady size. */
        @TearDown(Level.Iteration)
        public void sweep() {
            clock.advance(TTL.plusMinutes(2));
            engine.expireDue();
            clock.advance(Duration.ofMinutes(2));
            engine.expireDue();
        }
    }

    /** Per-thread keys and random positions. */
    @State(Scope.Thread)
    public static class Caller {
        SplittableRandom random;
        long next;
        String prefix;

        @Setup(Level.Trial)
        public void setUp() {
            random = new SplittableRandom(Thread.currentThread().getId());
            prefix = "t" + Thread.currentThread().getId() + "-";
        }

        String key() {
            return prefix + (next++);
        }
    }

    /** One single-line hold on a position with five lots: the first to expire is taken. */
    @Benchmark
    public Hold holdFromFiveLots(Pool pool, Caller caller) {
        return pool.engine.hold(new HoldRequest(IdempotencyKey.of(caller.key()), APP, TTL,
                java.util.List.of(HoldLine.atNode(pool.skuIds[caller.random.nextInt(pool.skus)],
                        pool.nodeIds[caller.random.nextInt(pool.nodes)], 1)), java.util.Optional.empty()));
    }
}

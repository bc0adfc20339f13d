package io.github.omniretail.benchmarks.inventory;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.core.MutableClock;
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
 * Holds against the in-memory engine with {@code skus × nodes} positions (default 100,000 × 200 = 20 million),
 * 2 threads, every request with its own idempotency key. Between iterations the clock moves past the holds'
 * time-to-live and the sweep runs, so held stock, final holds and idempotency keys stay bounded as in production.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms16g", "-Xmx16g", "-Xmn12g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
@Threads(2)
public class InventoryHoldBenchmark {

    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final Duration TTL = Duration.ofMinutes(15);

    /** One engine loaded with every position. */
    @State(Scope.Benchmark)
    public static class Pool {
        @Param({"100000"})
        public int skus;
        @Param({"200"})
        public int nodes;

        /** Virtual kits, each of three random SKUs (1, 1 and 2 units per kit). */
        @Param({"10000"})
        public int kits;

        MutableClock clock;
        InventoryEngine engine;
        /**
         * The same engine seen through {@code omniretail-micrometer}'s instrumented view (a
         * {@code SimpleMeterRegistry}, default settings: every call counted, one in 8 timed).
         */
        InventoryEngine metered;
        Sku[] skuIds;
        NodeId[] nodeIds;
        Sku[] kitIds;

        @Setup(Level.Trial)
        public void load() {
            clock = MutableClock.at(Instant.parse("2026-11-22T00:00:00Z"));
            engine = InventoryEngine.builder().clock(clock).idempotencyRetention(Duration.ofMinutes(1))
                    .finalHoldRetention(Duration.ofMinutes(1)).build();
            skuIds = new Sku[skus];
            nodeIds = new NodeId[nodes];
            for (int n = 0; n < nodes; n++) {
                nodeIds[n] = NodeId.of("N" + n);
                engine.registerNode(nodeIds[n]);
            }
            for (int s = 0; s < skus; s++) {
                skuIds[s] = Sku.of("SKU-" + s);
                engine.registerSku(skuIds[s]);
                for (int n = 0; n < nodes; n++) {
                    engine.loadOnHand(skuIds[s], nodeIds[n], 1_000_000);
                }
            }
            SplittableRandom random = new SplittableRandom(7);
            kitIds = new Sku[kits];
            for (int k = 0; k < kits; k++) {
                kitIds[k] = Sku.of("KIT-" + k);
                java.util.Map<Sku, Integer> parts = new java.util.HashMap<>();
                while (parts.size() < 3) {
                    parts.put(skuIds[random.nextInt(skus)], parts.size() == 2 ? 2 : 1);
                }
                engine.defineKit(io.github.omniretail.inventory.Kit.of(kitIds[k], parts));
            }
            metered = io.github.omniretail.micrometer.OmniRetailMetrics.builder(
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry()).build().inventory(engine);
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

    /** Per-thread keys and random positions; confirmed holds are released after each iteration. */
    @State(Scope.Thread)
    public static class Caller {
        SplittableRandom random;
        long next;
        String prefix;
        long[] confirmed = new long[1 << 20];
        int confirmedCount;

        @Setup(Level.Trial)
        public void setUp() {
            random = new SplittableRandom(Thread.currentThread().getId());
            prefix = "t" + Thread.currentThread().getId() + "-";
        }

        void confirmed(long id) {
            if (confirmedCount == confirmed.length) {
                confirmed = java.util.Arrays.copyOf(confirmed, confirmed.length * 2);
            }
            confirmed[confirmedCount++] = id;
        }

        /** Confirmed holds never expire: release them so stock and memory stay at steady state. */
        @TearDown(Level.Iteration)
        public void releaseConfirmed(Pool pool) {
            for (int i = 0; i < confirmedCount; i++) {
                pool.engine.releaseAll(IdempotencyKey.of(key()),
                        io.github.omniretail.inventory.HoldId.of(confirmed[i]));
            }
            confirmedCount = 0;
        }

        String key() {
            return prefix + (next++);
        }
    }

    private static HoldLine randomLine(Pool pool, Caller caller) {
        return HoldLine.atNode(pool.skuIds[caller.random.nextInt(pool.skus)],
                pool.nodeIds[caller.random.nextInt(pool.nodes)], 1);
    }

    /** One single-line hold, own idempotency key. Target: >= 3 million/s on 2 threads. */
    @Benchmark
    public Hold holdSingleLine(Pool pool, Caller caller) {
        return pool.engine.hold(new HoldRequest(IdempotencyKey.of(caller.key()), APP, TTL,
                java.util.List.of(randomLine(pool, caller)),
                java.util.Optional.empty()));
    }

    /**
     * {@link #holdSingleLine} through the instrumented view: what metrics cost. Target: within 5 % of it (same
     * run).
     */
    @Benchmark
    public Hold holdSingleLineMetered(Pool pool, Caller caller) {
        return pool.metered.hold(new HoldRequest(IdempotencyKey.of(caller.key()), APP, TTL,
                java.util.List.of(randomLine(pool, caller)),
                java.util.Optional.empty()));
    }

    /** A single-line hold, then its confirmation. Target: >= 1.5 million pairs/s on 2 threads. */
    @Benchmark
    public Hold holdThenConfirm(Pool pool, Caller caller) {
        Hold hold = pool.engine.hold(new HoldRequest(IdempotencyKey.of(caller.key()), APP, TTL,
                java.util.List.of(randomLine(pool, caller)), java.util.Optional.empty()));
        Hold confirmed = pool.engine.confirm(IdempotencyKey.of(caller.key()), hold.id());
        caller.confirmed(hold.id().value());
        return confirmed;
    }

    /** A three-line all-or-nothing hold over three random positions. Target: >= 1 million/s on 2 threads. */
    @Benchmark
    public Hold holdThreeLines(Pool pool, Caller caller) {
        return pool.engine.hold(new HoldRequest(IdempotencyKey.of(caller.key()), APP, TTL,
                java.util.List.of(randomLine(pool, caller),
                randomLine(pool, caller), randomLine(pool, caller)), java.util.Optional.empty()));
    }

    /**
     * One kit of three components at a random node: the engine holds the three positions all or nothing. Target:
     * >= 0.5 million/s on 2 threads; its peer is {@link #holdThreeLines} (the same three positions named by hand).
     */
    @Benchmark
    public Hold holdKitOfThree(Pool pool, Caller caller) {
        return pool.engine.hold(new HoldRequest(IdempotencyKey.of(caller.key()), APP, TTL,
                java.util.List.of(HoldLine.atNode(pool.kitIds[caller.random.nextInt(pool.kits)],
                        pool.nodeIds[caller.random.nextInt(pool.nodes)], 1)), java.util.Optional.empty()));
    }
}

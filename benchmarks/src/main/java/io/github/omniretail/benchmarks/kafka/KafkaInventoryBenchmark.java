package io.github.omniretail.benchmarks.kafka;

import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.kafka.KafkaInventory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Holds through the inventory partitioned on Kafka: three KRaft brokers and a controller in the benchmark JVM
 * (replication 3, {@code min.insync.replicas=2}, {@code acks=all}), the topics with four partitions, and {@code owners}
 * instances of the service (1, 2 or 4), each owning its share of the partitions and taking its share of the callers.
 * Every hold is one command, run by the partition's owner and committed in a Kafka transaction with its reply, its
 * events and the consumed offset before the caller sees it. 1,000 SKUs × 4 nodes with ample stock; single-line holds
 * at random positions, from 64 and from 256 concurrent callers (a partition's batch, and so its throughput, grows with
 * the callers waiting). The PostgreSQL store's row at 64 threads ({@code PostgresInventoryBenchmark}) is the peer, on
 * the same machine in the same run. Everything — brokers, owners, callers — shares the machine's cores. The brokers
 * retry a transaction's first write after 1 ms instead of 20 ({@code add.partitions.to.txn.retry.backoff.ms}), as
 * {@code docs/scaling.md} recommends.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn",
        "-Dorg.slf4j.simpleLogger.log.kafka=warn", "-Dorg.slf4j.simpleLogger.log.state.change.logger=warn",
        "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients.producer.internals.Sender=error"})
public class KafkaInventoryBenchmark {

    static final int PARTITIONS = 4;
    static final int SKUS = 1_000;
    static final int NODES = 4;
    static final Channel LIVE = Channel.of("live", ChannelKind.LIVE_STREAM);

    /** The brokers, the owner instances and their engines. */
    @State(Scope.Benchmark)
    public static class Deployment {
        /** Instances of the service: each owns {@code 4 / owners} partitions and calls. */
        @Param({"1", "2", "4"})
        public int owners;

        /** Concurrent callers (JMH threads; {@code run.sh} passes 64 and 256), recorded as a parameter. */
        @Param({"64"})
        public int threads;

        /** Kept for the record: the brokers' server-side retry of a transaction's first write, in ms. */
        @Param({"1"})
        public int addPartitionsBackoffMs;

        /** Replies written in each transaction (the default) or sent right after it. */
        @Param({"false"})
        public boolean repliesAfterCommit;

        KafkaClusterTestKit cluster;
        final List<KafkaInventory> instances = new ArrayList<>();
        final List<InventoryEngine> engines = new ArrayList<>();
        final AtomicLong keys = new AtomicLong();
        final AtomicInteger callers = new AtomicInteger();

        @Setup(Level.Trial)
        public void start() throws Exception {
            cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(false).setNumBrokerNodes(3).setNumControllerNodes(1).build())
                    .setConfigProp("transaction.state.log.replication.factor", "3")
                    .setConfigProp("transaction.state.log.min.isr", "2")
                    .setConfigProp("transaction.state.log.num.partitions", "4")
                    .setConfigProp("offsets.topic.replication.factor", "3")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    // back-to-back transactions: a partition's next write waits less for the last one's markers
                    .setConfigProp("add.partitions.to.txn.retry.backoff.ms", "1")
                    .setConfigProp("add.partitions.to.txn.retry.backoff.max.ms", "5")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            String bootstrap = cluster.bootstrapServers();
            KafkaInventory.createTopics(bootstrap, "bench", PARTITIONS, (short) 3);
            for (int o = 0; o < owners; o++) {
                Set<Integer> mine = new HashSet<>();
                for (int p = o; p < PARTITIONS; p += owners) {
                    mine.add(p);
                }
                KafkaInventory k = KafkaInventory.builder().bootstrapServers(bootstrap).application("bench")
                        .ownPartitions(mine).replyPartition(o).repliesAfterCommit(repliesAfterCommit).build();
                instances.add(k);
                engines.add(InventoryEngine.builder().clock(Clock.systemUTC()).autoRegister(true).store(k.store())
                        .build());
            }
            InventoryEngine first = engines.get(0);
            // seeded through the engine, 32 receipts at a time
            java.util.concurrent.ForkJoinPool seeders = new java.util.concurrent.ForkJoinPool(32);
            seeders.submit(() -> IntStream.range(0, SKUS * NODES).parallel().forEach(i -> first.receive(
                    IdempotencyKey.of("seed-" + i), Sku.of("S" + i / NODES), NodeId.of("N" + i % NODES),
                    100_000_000))).get();
            seeders.shutdown();
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            instances.forEach(KafkaInventory::close);
            // recovery: a new owner of every partition restores the changelog the run wrote (logged per partition)
            long started = System.nanoTime();
            try (KafkaInventory recovered = KafkaInventory.builder().bootstrapServers(cluster.bootstrapServers())
                    .application("bench").ownPartitions(Set.of(0, 1, 2, 3)).build()) {
                InventoryEngine e = InventoryEngine.builder().clock(Clock.systemUTC()).autoRegister(true)
                        .store(recovered.store()).build();
                e.atp(Sku.of("S0"), NodeId.of("N0"), LIVE); // served
                System.out.printf("recovery: 4 partitions restored and serving after %d ms (%d holds ran)%n",
                        (System.nanoTime() - started) / 1_000_000, keys.get());
            }
            cluster.close();
        }
    }

    /** Per thread: its instance's engine and a random stream. */
    @State(Scope.Thread)
    public static class Caller {
        SplittableRandom random;
        InventoryEngine engine;

        @Setup(Level.Trial)
        public void open(Deployment d) {
            random = new SplittableRandom(Thread.currentThread().getId());
            engine = d.engines.get(d.callers.getAndIncrement() % d.engines.size());
        }
    }

    private static Object hold(Deployment d, Caller c) {
        HoldRequest request = HoldRequest.builder(IdempotencyKey.of("h" + d.keys.incrementAndGet()), LIVE,
                Duration.ofMinutes(15)).line(HoldLine.atNode(Sku.of("S" + c.random.nextInt(SKUS)),
                        NodeId.of("N" + c.random.nextInt(NODES)), 1)).build();
        try {
            return c.engine.hold(request);
        } catch (InsufficientStockException e) {
            return e;
        }
    }

    /** A single-line hold at a random one of the 4,000 positions. */
    @Benchmark
    public Object spreadHold(Deployment d, Caller c) {
        return hold(d, c);
    }

    /** The latency of {@link #spreadHold}, sampled (percentiles in the results). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object spreadHoldLatency(Deployment d, Caller c) {
        return hold(d, c);
    }
}

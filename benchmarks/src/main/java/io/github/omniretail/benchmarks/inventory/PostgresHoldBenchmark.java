package io.github.omniretail.benchmarks.inventory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
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
 * The peer of {@link InventoryHoldBenchmark#holdSingleLine}: the same single-line hold done the way
 * database-backed platforms do it, on a real PostgreSQL 17 (embedded binaries) with the same positions: one
 * transaction per request with a conditional {@code UPDATE … SET held = held + ? WHERE … AND on_hand − held −
 * safety >= ?} and, when it matched, an insert of the hold row keyed by the idempotency key. Default server
 * settings (durable commits). 2 threads, one connection each.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Threads(2)
public class PostgresHoldBenchmark {

    /** One PostgreSQL server with every position loaded. */
    @State(Scope.Benchmark)
    public static class Database {
        @Param({"100000"})
        public int skus;
        @Param({"200"})
        public int nodes;

        /**
         * Durability, recorded in the results as a parameter: embedded PostgreSQL defaults to
         * {@code synchronous_commit=off}; ours and the peer run with {@code fsync=on, synchronous_commit=on}.
         */
        @Param({"on"})
        public String synchronousCommit;

        EmbeddedPostgres postgres;

        @Setup(Level.Trial)
        public void start() throws IOException, SQLException {
            postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", synchronousCommit).start();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE positions (sku int NOT NULL, node int NOT NULL, on_hand int NOT NULL,"
                        + " held int NOT NULL, safety int NOT NULL, PRIMARY KEY (sku, node))");
                s.execute("CREATE TABLE holds (id bigserial PRIMARY KEY, idempotency_key text NOT NULL UNIQUE,"
                        + " sku int NOT NULL, node int NOT NULL, quantity int NOT NULL,"
                        + " created_at timestamptz NOT NULL DEFAULT now())");
                s.execute("INSERT INTO positions SELECT s, n, 1000000, 0, 0 FROM generate_series(0, " + (skus - 1)
                        + ") s, generate_series(0, " + (nodes - 1) + ") n");
                s.execute("VACUUM ANALYZE positions");
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            postgres.close();
        }
    }

    /** A connection per thread. */
    @State(Scope.Thread)
    public static class Session {
        Connection connection;
        PreparedStatement update;
        PreparedStatement insert;
        SplittableRandom random;
        long next;
        String prefix;

        @Setup(Level.Trial)
        public void open(Database db) throws SQLException {
            connection = db.postgres.getPostgresDatabase().getConnection();
            connection.setAutoCommit(false);
            update = connection.prepareStatement("UPDATE positions SET held = held + ? WHERE sku = ? AND node = ?"
                    + " AND on_hand - held - safety >= ?");
            insert = connection.prepareStatement("INSERT INTO holds (idempotency_key, sku, node, quantity)"
                    + " VALUES (?, ?, ?, ?)");
            random = new SplittableRandom(Thread.currentThread().getId());
            prefix = "t" + Thread.currentThread().getId() + "-";
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            connection.close();
        }
    }

    /** One single-line hold in one transaction. */
    @Benchmark
    public boolean conditionalUpdateHold(Database db, Session s) throws SQLException {
        int sku = s.random.nextInt(db.skus);
        int node = s.random.nextInt(db.nodes);
        s.update.setInt(1, 1);
        s.update.setInt(2, sku);
        s.update.setInt(3, node);
        s.update.setInt(4, 1);
        boolean held = s.update.executeUpdate() == 1;
        if (held) {
            s.insert.setString(1, s.prefix + (s.next++));
            s.insert.setInt(2, sku);
            s.insert.setInt(3, node);
            s.insert.setInt(4, 1);
            s.insert.executeUpdate();
        }
        s.connection.commit();
        return held;
    }
}

package io.github.omniretail.benchmarks.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.postgres.PostgresInventoryStore;
import io.github.omniretail.loyalty.LoyaltyRules;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.TransactionId;
import io.github.omniretail.postgres.PostgresLedgerStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
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
 * The PostgreSQL adapters on embedded PostgreSQL 17 with a pool of {@code connections} connections, driven by as
 * many threads ({@code run.sh} passes {@code -t} equal to the parameter): single-line holds through
 * {@link PostgresInventoryStore} beside the naive conditional {@code UPDATE} baseline on the same server in the same
 * run, and points postings (earns) through {@link PostgresLedgerStore}. 1,000 SKUs × 10 nodes with ample stock;
 * 2,000 members. Default server settings (durable commits).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class PostgresStoreBenchmark {

    static final int SKUS = 1_000;
    static final int NODES = 10;
    static final int MEMBERS = 2_000;
    static final Channel LIVE = Channel.of("live", ChannelKind.LIVE_STREAM);
    static final Currency CNY = Currency.getInstance("CNY");

    /** One server, the adapters' schemas seeded by SQL, and the baseline's table. */
    @State(Scope.Benchmark)
    public static class Database {
        @Param({"1", "4", "8"})
        public int connections;

        /**
         * Durability, recorded in the results as a parameter: embedded PostgreSQL defaults to
         * {@code synchronous_commit=off}; ours and the peer run with {@code fsync=on, synchronous_commit=on}.
         */
        @Param({"on"})
        public String synchronousCommit;

        EmbeddedPostgres postgres;
        HikariDataSource pool;
        InventoryEngine engine;
        PointsLedger ledger;
        final AtomicLong keys = new AtomicLong();

        @Setup(Level.Trial)
        public void start() throws IOException, SQLException {
            postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", synchronousCommit).start();
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
            config.setUsername("postgres");
            config.setMaximumPoolSize(connections);
            pool = new HikariDataSource(config);
            PostgresInventoryStore inventory = PostgresInventoryStore.builder(pool).schema("inv").build();
            inventory.migrate();
            PostgresLedgerStore loyalty = PostgresLedgerStore.builder(pool).schema("ldg").build();
            loyalty.migrate();
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                // seeded in bulk (as a system-of-record import would be) rather than call by call
                s.execute("INSERT INTO inv.omniretail_inv_node SELECT 'N' || n FROM generate_series(0, " + (NODES - 1)
                        + ") n");
                s.execute("INSERT INTO inv.omniretail_inv_sku SELECT 'S' || k FROM generate_series(0, " + (SKUS - 1)
                        + ") k");
                s.execute("INSERT INTO inv.omniretail_inv_position SELECT 'S' || k, 'N' || n, 100000000, "
                        + "'{\"fixed\":0}', 0, '{}', 0, 0, false FROM generate_series(0, " + (SKUS - 1) + ") k, "
                        + "generate_series(0, " + (NODES - 1) + ") n");
                s.execute("UPDATE inv.omniretail_inv_meta SET catalogue_version = catalogue_version + 1");
                s.execute("INSERT INTO ldg.omniretail_ldg_member (member, last_at) SELECT 'M' || m, 'epoch' FROM "
                        + "generate_series(0, " + (MEMBERS - 1) + ") m");
                s.execute("INSERT INTO ldg.omniretail_ldg_command (member, kind, args, at) SELECT 'M' || m, 'enrol', "
                        + "'{}', 'epoch' FROM generate_series(0, " + (MEMBERS - 1) + ") m");
                s.execute("CREATE TABLE public.positions (sku int NOT NULL, node int NOT NULL, on_hand int NOT NULL,"
                        + " held int NOT NULL, safety int NOT NULL, PRIMARY KEY (sku, node))");
                s.execute("CREATE TABLE public.holds (id bigserial PRIMARY KEY, idempotency_key text NOT NULL UNIQUE,"
                        + " sku int NOT NULL, node int NOT NULL, quantity int NOT NULL,"
                        + " created_at timestamptz NOT NULL DEFAULT now())");
                s.execute("INSERT INTO public.positions SELECT k, n, 100000000, 0, 0 FROM generate_series(0, "
                        + (SKUS - 1) + ") k, generate_series(0, " + (NODES - 1) + ") n");
                s.execute("VACUUM ANALYZE");
            }
            engine = InventoryEngine.builder().store(inventory).clock(Clock.systemUTC()).build();
            ledger = PointsLedger.builder().store(loyalty).clock(Clock.systemUTC())
                    .rules(LoyaltyRules.standard().withPendingFor(Duration.ZERO)).build();
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            pool.close();
            postgres.close();
        }
    }

    /** Per thread: a random stream and, for the baseline, a connection of its own. */
    @State(Scope.Thread)
    public static class Session {
        SplittableRandom random;
        Connection connection;
        PreparedStatement update;
        PreparedStatement insert;

        @Setup(Level.Trial)
        public void open(Database db) throws SQLException {
            random = new SplittableRandom(Thread.currentThread().getId());
        }

        PreparedStatement[] baseline(Database db) throws SQLException {
            if (connection == null) {
                connection = db.pool.getConnection();
                connection.setAutoCommit(false);
                update = connection.prepareStatement("UPDATE public.positions SET held = held + ? WHERE sku = ? AND "
                        + "node = ? AND on_hand - held - safety >= ?");
                insert = connection.prepareStatement("INSERT INTO public.holds (idempotency_key, sku, node, quantity)"
                        + " VALUES (?, ?, ?, ?)");
            }
            return new PreparedStatement[] {update, insert};
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            if (connection != null) {
                connection.close();
            }
        }
    }

    /** A single-line hold through the adapter: one transaction, idempotency record, events. */
    @Benchmark
    public Object adapterHold(Database db, Session s) {
        String key = "h" + db.keys.incrementAndGet();
        return db.engine.hold(HoldRequest.builder(key, LIVE, Duration.ofMinutes(15))
                .line(HoldLine.atNode(Sku.of("S" + s.random.nextInt(SKUS)), NodeId.of("N" + s.random.nextInt(NODES)), 1))
                .build());
    }

    /** The naive baseline: conditional UPDATE plus an insert keyed by the idempotency key, one transaction. */
    @Benchmark
    public boolean conditionalUpdateHold(Database db, Session s) throws SQLException {
        PreparedStatement[] st = s.baseline(db);
        int sku = s.random.nextInt(SKUS);
        int node = s.random.nextInt(NODES);
        st[0].setInt(1, 1);
        st[0].setInt(2, sku);
        st[0].setInt(3, node);
        st[0].setInt(4, 1);
        boolean held = st[0].executeUpdate() == 1;
        if (held) {
            st[1].setString(1, "b" + db.keys.incrementAndGet());
            st[1].setInt(2, sku);
            st[1].setInt(3, node);
            st[1].setInt(4, 1);
            st[1].executeUpdate();
        }
        s.connection.commit();
        return held;
    }

    /** A points posting (an earn) through the ledger adapter, to a random member. */
    @Benchmark
    public Object ledgerEarn(Database db, Session s) {
        long n = db.keys.incrementAndGet();
        return db.ledger.earn(TransactionId.of("e" + n), MemberId.of("M" + s.random.nextInt(MEMBERS)),
                OrderId.of("O" + n), LIVE, Money.ofMinor(100 * (1 + s.random.nextInt(200)), CNY));
    }
}

package io.github.omniretail.benchmarks.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.loyalty.LoyaltyRules;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.TransactionId;
import io.github.omniretail.postgres.PostgresLedgerStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
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
 * The PostgreSQL ledger adapter on embedded PostgreSQL 17 with a pool of {@code connections} connections, driven by
 * as many threads ({@code run.sh} passes {@code -t} equal to the parameter): points postings (earns) through
 * {@link PostgresLedgerStore}, 2,000 members. The inventory store is measured by {@link PostgresInventoryBenchmark}.
 * Durable commits ({@code fsync=on, synchronous_commit=on}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class PostgresStoreBenchmark {

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
            PostgresLedgerStore loyalty = PostgresLedgerStore.builder(pool).schema("ldg").build();
            loyalty.migrate();
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                // seeded in bulk (as a system-of-record import would be) rather than call by call
                s.execute("INSERT INTO ldg.omniretail_ldg_member (member, last_at) SELECT 'M' || m, 'epoch' FROM "
                        + "generate_series(0, " + (MEMBERS - 1) + ") m");
                s.execute("INSERT INTO ldg.omniretail_ldg_command (member, kind, args, at) SELECT 'M' || m, 'enrol', "
                        + "'{}', 'epoch' FROM generate_series(0, " + (MEMBERS - 1) + ") m");
                s.execute("VACUUM ANALYZE");
            }
            ledger = PointsLedger.builder().store(loyalty).clock(Clock.systemUTC())
                    .rules(LoyaltyRules.standard().withPendingFor(Duration.ZERO)).build();
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            pool.close();
            postgres.close();
        }
    }

    /** Per thread: a random stream. */
    @State(Scope.Thread)
    public static class Session {
        SplittableRandom random;

        @Setup(Level.Trial)
        public void open(Database db) {
            random = new SplittableRandom(Thread.currentThread().getId());
        }
    }

    /** A points posting (an earn) through the ledger adapter, to a random member. */
    @Benchmark
    public Object ledgerEarn(Database db, Session s) {
        long n = db.keys.incrementAndGet();
        return db.ledger.earn(TransactionId.of("e" + n), MemberId.of("M" + s.random.nextInt(MEMBERS)),
                OrderId.of("O" + n), LIVE, Money.ofMinor(100 * (1 + s.random.nextInt(200)), CNY));
    }
}

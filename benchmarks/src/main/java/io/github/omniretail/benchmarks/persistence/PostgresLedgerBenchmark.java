package io.github.omniretail.benchmarks.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.loyalty.LoyaltyRules;
import io.github.omniretail.loyalty.PointsLedger;
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
 * Durable points earns on embedded PostgreSQL 17 ({@code fsync=on}, {@code synchronous_commit} as the parameter,
 * {@code on} in every recorded run) from {@code threads} client threads ({@code run.sh} passes {@code -t} equal to
 * it), over 200 members that each already have {@code priorEntries} earns (lots and entries, seeded in bulk as an
 * import would): {@link #earn} through {@link PostgresLedgerStore} (group commit at its defaults), and
 * {@link #earnPeer}, the naive transaction per earn — the member's balance UPDATE, the program liability UPDATE and
 * two posting INSERTs — on a pool of {@code min(threads, 16) + 1} connections. A call's cost must not grow with
 * {@code priorEntries}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class PostgresLedgerBenchmark {

    static final int MEMBERS = 200;
    static final Channel LIVE = Channel.of("live", ChannelKind.LIVE_STREAM);
    static final Currency CNY = Currency.getInstance("CNY");

    /** One server, both schemas seeded by SQL. */
    @State(Scope.Benchmark)
    public static class Database {
        @Param({"8"})
        public int threads;

        @Param({"10"})
        public int priorEntries;

        /** Durability, recorded in the results: ours and the peer run with {@code synchronous_commit=on}. */
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
            config.setMaximumPoolSize(Math.min(threads, 16) + 1);
            pool = new HikariDataSource(config);
            PostgresLedgerStore loyalty = PostgresLedgerStore.builder(pool).schema("ldg")
                    .groupCommit(GroupCommit.DEFAULTS).build();
            loyalty.migrate();
            long now = System.currentTimeMillis();
            long year = Duration.ofDays(365).toMillis();
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                String members = "generate_series(0, " + (MEMBERS - 1) + ") m";
                String prior = "generate_series(0, " + (priorEntries - 1) + ") i";
                s.execute("INSERT INTO ldg.omniretail_ldg_member SELECT 'M' || m, NULL, " + priorEntries + " * 100, 0, 0, "
                        + "'MEMBER', " + (now - 86_400_000L) + ", " + (now + year) + ", false, " + now + ", "
                        + priorEntries + " * 100, " + (now - year) + ", " + priorEntries + ", " + priorEntries + ", " + now
                        + ", 9223372036854775807 FROM " + members);
                s.execute("INSERT INTO ldg.omniretail_ldg_lot SELECT 'S' || m || '-' || i, 'M' || m, i, "
                        + (now + year) + " + i, 100, 100, " + (now - 86_400_000L) + " + i, " + (now - 86_400_000L)
                        + " + i, " + (now + year) + " + i, false, '{\"amount\":\"10.00\",\"currency\":\"CNY\"}', 0, 100 "
                        + "FROM " + members + ", " + prior);
                s.execute("INSERT INTO ldg.omniretail_ldg_entry SELECT 'M' || m, i, 'S' || m || '-' || i, "
                        + (now - 86_400_000L) + " + i, '{}', (i + 1) * 100, 0, 0 FROM " + members + ", " + prior);
                s.execute("INSERT INTO ldg.omniretail_ldg_program VALUES ('ISSUANCE', 0, " + (-100L * MEMBERS * priorEntries)
                        + ")");
                // the peer: a balance per member, one liability row, postings
                s.execute("CREATE TABLE peer_member (member text PRIMARY KEY, balance bigint NOT NULL)");
                s.execute("CREATE TABLE peer_program (account text PRIMARY KEY, balance bigint NOT NULL)");
                s.execute("CREATE TABLE peer_posting (id bigserial PRIMARY KEY, txn text NOT NULL, account text NOT NULL, "
                        + "member text, points bigint NOT NULL)");
                s.execute("INSERT INTO peer_member SELECT 'M' || m, " + priorEntries + " * 100 FROM " + members);
                s.execute("INSERT INTO peer_program VALUES ('ISSUANCE', " + (-100L * MEMBERS * priorEntries) + ")");
                s.execute("INSERT INTO peer_posting (txn, account, member, points) SELECT 'S' || m || '-' || i, "
                        + "'AVAILABLE', 'M' || m, 100 FROM " + members + ", " + prior);
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

    /** An earn through the ledger store, for a random member. */
    @Benchmark
    public Object earn(Database db, Session s) {
        long n = db.keys.incrementAndGet();
        return db.ledger.earn(IdempotencyKey.of("e" + n), MemberId.of("M" + s.random.nextInt(MEMBERS)),
                OrderId.of("O" + n), LIVE, Money.ofMinor(100 * (1 + s.random.nextInt(200)), CNY));
    }

    /** The naive earn: one transaction with the member UPDATE, the liability UPDATE and two posting INSERTs. */
    @Benchmark
    public int earnPeer(Database db, Session s) throws SQLException {
        long n = db.keys.incrementAndGet();
        String member = "M" + s.random.nextInt(MEMBERS);
        long points = 1 + s.random.nextInt(200);
        try (Connection c = db.pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement m = c.prepareStatement("UPDATE peer_member SET balance = balance + ? WHERE member = ?");
                    PreparedStatement p = c.prepareStatement("UPDATE peer_program SET balance = balance - ? "
                            + "WHERE account = 'ISSUANCE'");
                    PreparedStatement i = c.prepareStatement("INSERT INTO peer_posting (txn, account, member, points) "
                            + "VALUES (?, ?, ?, ?)")) {
                m.setLong(1, points);
                m.setString(2, member);
                int updated = m.executeUpdate();
                p.setLong(1, points);
                p.executeUpdate();
                i.setString(1, "e" + n);
                i.setString(2, "AVAILABLE");
                i.setString(3, member);
                i.setLong(4, points);
                i.addBatch();
                i.setString(1, "e" + n);
                i.setString(2, "ISSUANCE");
                i.setString(3, null);
                i.setLong(4, -points);
                i.addBatch();
                i.executeBatch();
                c.commit();
                return updated;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}

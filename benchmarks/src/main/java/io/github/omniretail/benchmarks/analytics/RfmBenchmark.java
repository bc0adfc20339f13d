package io.github.omniretail.benchmarks.analytics;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.loyalty.analytics.CustomerBase;
import io.github.omniretail.loyalty.analytics.PurchaseHistory;
import io.github.omniretail.loyalty.analytics.RfmModel;
import io.github.omniretail.loyalty.analytics.RfmScores;
import io.github.omniretail.loyalty.analytics.SummaryDefinition;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
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
 * RFM scoring of {@code transactions} purchases over {@code customers} customers (10 per customer): our
 * {@link PurchaseHistory#summarize} + {@link RfmModel#quantiles} + {@link RfmModel#scoreAll} beside the same
 * computation in embedded DuckDB — {@code GROUP BY} customer with {@code max(day)}, {@code count(DISTINCT day)},
 * {@code sum(amount)}, then {@code NTILE(5)} per measure, into a temporary table (no result transfer). Both start
 * from data already loaded: ours in a {@link PurchaseHistory}, DuckDB's in a table filled through its appender with
 * integer customer ids and epoch days (its best case; the load time is excluded and printed once).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g", "-XX:+UseParallelGC"})
public class RfmBenchmark {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final LocalDate END = LocalDate.of(2026, 11, 22);

    @Param({"1000000"})
    public int customers;

    PurchaseHistory history;
    SummaryDefinition definition;
    Connection duck;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        int transactions = customers * 10;
        history = PurchaseHistory.create(CNY, ZoneOffset.UTC);
        definition = SummaryDefinition.asOf(END);
        MemberId[] ids = new MemberId[customers];
        for (int i = 0; i < customers; i++) {
            ids[i] = MemberId.of("C" + i);
        }
        int[] customerOf = new int[transactions];
        int[] dayOf = new int[transactions];
        long[] amountOf = new long[transactions];
        SplittableRandom random = new SplittableRandom(20261122L);
        long endDay = END.toEpochDay();
        for (int t = 0; t < transactions; t++) {
            // skewed: a few heavy buyers, many light ones; two years of days
            int c = (int) (customers * Math.pow(random.nextDouble(), 1.6));
            customerOf[t] = Math.min(customers - 1, c);
            dayOf[t] = (int) (endDay - random.nextInt(730));
            amountOf[t] = 100 + random.nextInt(50_000);
        }
        for (int t = 0; t < transactions; t++) {
            history.add(ids[customerOf[t]], LocalDate.ofEpochDay(dayOf[t]), Money.ofMinor(amountOf[t], CNY));
        }
        duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duck.createStatement()) {
            s.execute("CREATE TABLE tx (customer_id BIGINT, day INTEGER, amount BIGINT)");
        }
        long started = System.nanoTime();
        try (DuckDBAppender appender = ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "tx")) {
            for (int t = 0; t < transactions; t++) {
                appender.beginRow().append((long) customerOf[t]).append(dayOf[t]).append(amountOf[t]).endRow();
            }
        }
        System.out.printf("%nDuckDB load of %,d rows through the appender: %.0f ms (excluded)%n", transactions,
                (System.nanoTime() - started) / 1e6);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        duck.close();
    }

    /** Summaries, quantile scales and every customer's scores. */
    @Benchmark
    public RfmScores omniretailRfm() {
        CustomerBase base = history.summarize(definition);
        return RfmModel.quantiles(base, 5).scoreAll(base);
    }

    /** The same in DuckDB, into a temporary table. */
    @Benchmark
    public long duckdbRfm() throws SQLException {
        long endDay = END.toEpochDay();
        try (Statement s = duck.createStatement()) {
            s.execute("CREATE OR REPLACE TEMP TABLE rfm AS "
                    + "SELECT customer_id, NTILE(5) OVER (ORDER BY recency DESC) AS r, "
                    + "NTILE(5) OVER (ORDER BY frequency) AS f, NTILE(5) OVER (ORDER BY monetary) AS m "
                    + "FROM (SELECT customer_id, " + endDay + " - max(day) AS recency, count(DISTINCT day) AS frequency, "
                    + "sum(amount) AS monetary FROM tx WHERE day <= " + endDay + " GROUP BY customer_id)");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM rfm")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

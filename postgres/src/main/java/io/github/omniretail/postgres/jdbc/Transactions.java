package io.github.omniretail.postgres.jdbc;

import io.github.omniretail.postgres.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs units of work in PostgreSQL transactions and retries transient failures a bounded number of times, with
 * jittered exponential back-off. Transient: serialization failure ({@code 40001}), deadlock ({@code 40P01}),
 * connection failures ({@code 08*}), server shutdown or terminated backend ({@code 57P01}–{@code 57P03}),
 * statement timeout or cancel ({@code 57014}), lock timeout ({@code 55P03}), and — when the store asks for it —
 * unique violations ({@code 23505}), which for our adapters mean a racing writer of the same key; also the JDBC
 * {@code SQLTransientException} and {@code SQLRecoverableException} families (a pool that cannot connect while the
 * server restarts). A unit of work
 * must therefore be safe to run again: our adapters make it so with idempotency keys recorded in the same
 * transaction. Thread-safe; holds no connection between calls.
 */
public final class Transactions {

    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);
    private static final Set<String> TRANSIENT = Set.of("40001", "40P01", "57P01", "57P02", "57P03", "57014",
            "55P03");

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
    private final Duration statementTimeout;
    private final boolean retryUniqueViolations;

    private Transactions(Builder b) {
        this.dataSource = b.dataSource;
        this.maxAttempts = b.maxAttempts;
        this.backoff = b.backoff;
        this.statementTimeout = b.statementTimeout;
        this.retryUniqueViolations = b.retryUniqueViolations;
    }

    /**
     * A builder.
     *
     * @param dataSource non-null source of connections (the caller's pool)
     * @return a builder with 8 attempts, 5 ms initial back-off, no statement timeout
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
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
     * @throws StoreException on a non-transient database error or when the attempts run out
     */
    public <T> T run(String operation, Work<T> work) {
        return run(operation, false, work);
    }

    /**
     * Runs {@code work} in a read-only, repeatable-read transaction (one consistent snapshot for all its
     * statements), retrying transient failures.
     *
     * @param operation non-null name for messages and logs
     * @param work non-null unit of work that only reads
     * @param <T> result type
     * @return the work's result
     * @throws StoreException on a non-transient database error or when the attempts run out
     */
    public <T> T read(String operation, Work<T> work) {
        return run(operation, true, work);
    }

    private <T> T run(String operation, boolean readOnly, Work<T> work) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(work, "work");
        SQLException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                return attempt(readOnly, work);
            } catch (SQLException e) {
                last = e;
                if (!isTransient(e)) {
                    throw new StoreException(operation + " failed: " + describe(e), e, false, attempt);
                }
                LOG.debug("{} attempt {} of {} hit a transient failure: {}", operation, attempt, maxAttempts,
                        describe(e));
                if (attempt < maxAttempts) {
                    pause(attempt);
                }
            }
        }
        throw new StoreException(operation + " failed after " + maxAttempts + " attempts; last: " + describe(last),
                last, true, maxAttempts);
    }

    private <T> T attempt(boolean readOnly, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                // SET statements take no snapshot, so the isolation level may still be chosen after the timeout;
                // the timeout is a number from configuration, not input
                if (readOnly) {
                    try (var s = c.prepareStatement("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")) {
                        s.execute();
                    }
                }
                if (!statementTimeout.isZero()) {
                    try (var s = c.prepareStatement("SET LOCAL statement_timeout = " + statementTimeout.toMillis())) {
                        s.execute();
                    }
                }
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
            if (state != null && (TRANSIENT.contains(state) || state.startsWith("08")
                    || (retryUniqueViolations && state.equals("23505")))) {
                return true;
            }
            if (s instanceof java.sql.SQLTransientException || s instanceof java.sql.SQLRecoverableException
                    || (state == null && s.getCause() instanceof java.io.IOException)) {
                return true; // such as a pool that could not connect while the server restarts
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
        return e == null ? "none" : e.getSQLState() + " " + e.getMessage();
    }

    /** Configures {@link Transactions}. Not thread-safe. */
    public static final class Builder {
        private final DataSource dataSource;
        private int maxAttempts = 8;
        private Duration backoff = Duration.ofMillis(5);
        private Duration statementTimeout = Duration.ZERO;
        private boolean retryUniqueViolations;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * @param maxAttempts attempts per unit of work, 1..100
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new IllegalArgumentException("maxAttempts must be 1..100, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * @param backoff first pause between attempts (doubled each time, jittered, capped at 2 s); {@code >= 0}
         * @return this builder
         */
        public Builder backoff(Duration backoff) {
            if (backoff.isNegative()) {
                throw new IllegalArgumentException("backoff must not be negative, was " + backoff);
            }
            this.backoff = backoff;
            return this;
        }

        /**
         * @param statementTimeout per-statement limit set in each transaction; zero for the server's default
         * @return this builder
         */
        public Builder statementTimeout(Duration statementTimeout) {
            if (statementTimeout.isNegative()) {
                throw new IllegalArgumentException("statementTimeout must not be negative, was " + statementTimeout);
            }
            this.statementTimeout = statementTimeout;
            return this;
        }

        /**
         * @param retry whether unique violations count as transient (true for stores that insert idempotency
         *     records and positions that racing writers may insert first)
         * @return this builder
         */
        public Builder retryUniqueViolations(boolean retry) {
            this.retryUniqueViolations = retry;
            return this;
        }

        /** @return the runner */
        public Transactions build() {
            return new Transactions(this);
        }
    }
}

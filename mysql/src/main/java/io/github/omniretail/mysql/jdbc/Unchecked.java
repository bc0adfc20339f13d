package io.github.omniretail.mysql.jdbc;

import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Carries {@link SQLException}s through code whose interfaces cannot throw them (storage sessions called by an
 * engine): {@link #sql} wraps one, {@link #rethrown} unwraps it again at the transaction boundary, where
 * {@link Transactions} decides whether to retry. Stateless.
 */
public final class Unchecked {

    /** A JDBC step. */
    @FunctionalInterface
    public interface Sql<T> {
        /**
         * @return the step's result
         * @throws SQLException on database errors
         */
        T run() throws SQLException;
    }

    /** A wrapped {@link SQLException}, unwrapped by {@link #rethrown}. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    private Unchecked() {
    }

    /**
     * Runs a JDBC step, wrapping its {@link SQLException}.
     *
     * @param body non-null step
     * @param <T> result type
     * @return its result
     */
    public static <T> T sql(Sql<T> body) {
        try {
            return body.run();
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    /**
     * Runs {@code body}, turning an exception wrapped by {@link #sql} back into its {@link SQLException}.
     *
     * @param body non-null work
     * @param <T> result type
     * @return its result
     * @throws SQLException what a step inside threw
     */
    public static <T> T rethrown(Supplier<T> body) throws SQLException {
        try {
            return body.get();
        } catch (Failure e) {
            throw e.getCause();
        }
    }
}

package io.github.omniretail.postgres;

import java.sql.SQLException;
import java.util.Optional;

/**
 * A durable store could not complete an operation: either the database refused it for a reason retrying cannot
 * fix, or a transient failure (serialization failure, deadlock, lost connection, statement timeout, server
 * restart) outlasted the bounded retries. Nothing the operation would have written is visible when this is
 * thrown, except that after a lost connection a commit may have succeeded unseen: retry with the same
 * idempotency key to learn the outcome exactly once.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Whether the cause is transient, so that a later retry (with the same idempotency key) may succeed. */
    private final boolean transientFailure;
    /** How many attempts were made. */
    private final int attempts;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the operation
     * @param cause the last database error
     * @param transientFailure whether the cause is transient
     * @param attempts attempts made, {@code >= 1}
     */
    public StoreException(String message, SQLException cause, boolean transientFailure, int attempts) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.attempts = attempts;
    }

    /** @return true if retrying later, with the same idempotency key, may succeed */
    public boolean isTransient() {
        return transientFailure;
    }

    /** @return attempts made before giving up */
    public int attempts() {
        return attempts;
    }

    /** @return the SQLSTATE of the last database error, if it had one */
    public Optional<String> sqlState() {
        return getCause() instanceof SQLException e ? Optional.ofNullable(e.getSQLState()) : Optional.empty();
    }
}

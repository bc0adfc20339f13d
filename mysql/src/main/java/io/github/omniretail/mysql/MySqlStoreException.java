package io.github.omniretail.mysql;

import java.sql.SQLException;
import java.util.Optional;

/**
 * A MySQL store could not complete an operation: either the server refused it for a reason retrying cannot fix, or
 * a transient failure (deadlock, lock wait timeout, lost connection, server restart) outlasted the bounded
 * retries. Nothing the operation would have written is visible when this is thrown, except that after a lost
 * connection a commit may have succeeded unseen: retry with the same idempotency key to learn the outcome exactly
 * once.
 */
public class MySqlStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;
    private final int attempts;

    /**
     * @param message what failed, naming the operation
     * @param cause the last database error
     * @param transientFailure whether the cause is transient
     * @param attempts attempts made, {@code >= 1}
     */
    public MySqlStoreException(String message, SQLException cause, boolean transientFailure, int attempts) {
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

    /** @return the server's error code of the last database error (such as 1213 for a deadlock), if any */
    public Optional<Integer> errorCode() {
        return getCause() instanceof SQLException e ? Optional.of(e.getErrorCode()) : Optional.empty();
    }
}

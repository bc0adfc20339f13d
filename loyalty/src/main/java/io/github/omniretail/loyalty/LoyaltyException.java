package io.github.omniretail.loyalty;

import org.jspecify.annotations.Nullable;

/**
 * Base of the unchecked exceptions the loyalty module throws for domain failures, so callers can catch them all at
 * once. Each subclass carries the values that caused it (for example, an insufficient-points failure carries the member, requested and available points).
 * Plain argument errors use the JDK's {@link IllegalArgumentException}, {@link NullPointerException} and
 * {@link ArithmeticException} instead.
 *
 * <p>Whenever one is thrown, the operation changed nothing.
 */
public abstract class LoyaltyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the offending values
     */
    protected LoyaltyException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong, naming the offending values
     * @param cause the underlying failure, may be null
     */
    protected LoyaltyException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception, optionally without a stack trace: for expected outcomes thrown on hot paths (not
     * enough points), where the values carried say everything and filling a stack trace would dominate the cost.
     *
     * @param message what went wrong, naming the offending values
     * @param stackTrace whether to record a stack trace
     */
    protected LoyaltyException(String message, boolean stackTrace) {
        super(message, null, false, stackTrace);
    }
}

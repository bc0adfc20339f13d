package io.github.omniretail.routing;

import org.jspecify.annotations.Nullable;

/**
 * Base of the unchecked exceptions the routing module throws for domain failures, so callers can catch them all at
 * once. Each subclass carries the values that caused it (for example, a "cannot fulfil" failure carries the lines and what is missing).
 * Plain argument errors use the JDK's {@link IllegalArgumentException}, {@link NullPointerException} and
 * {@link ArithmeticException} instead.
 *
 * <p>Whenever one is thrown, the operation changed nothing.
 */
public abstract class RoutingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the offending values
     */
    protected RoutingException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong, naming the offending values
     * @param cause the underlying failure, may be null
     */
    protected RoutingException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}

package io.github.omniretail.pricing;

import org.jspecify.annotations.Nullable;

/**
 * Base of the unchecked exceptions the pricing module throws for domain failures, so callers can catch them all at
 * once. Each subclass carries the values that caused it (for example, a rule-set failure carries the rule and the JSON path).
 * Plain argument errors use the JDK's {@link IllegalArgumentException}, {@link NullPointerException} and
 * {@link ArithmeticException} instead.
 *
 * <p>Whenever one is thrown, the operation changed nothing.
 */
public abstract class PricingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the offending values
     */
    protected PricingException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong, naming the offending values
     * @param cause the underlying failure, may be null
     */
    protected PricingException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}

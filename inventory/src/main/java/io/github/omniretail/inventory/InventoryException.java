package io.github.omniretail.inventory;

import org.jspecify.annotations.Nullable;

/**
 * Base of the unchecked exceptions the inventory module throws for domain failures, so callers can catch them all at
 * once. Each subclass carries the values that caused it (for example, {@code InsufficientStockException} carries the SKU, node, requested and available quantities).
 * Plain argument errors use the JDK's {@link IllegalArgumentException}, {@link NullPointerException} and
 * {@link ArithmeticException} instead.
 *
 * <p>Whenever one is thrown, the operation changed nothing.
 */
public abstract class InventoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the offending values
     */
    protected InventoryException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong, naming the offending values
     * @param cause the underlying failure, may be null
     */
    protected InventoryException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}

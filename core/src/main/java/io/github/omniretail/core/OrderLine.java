package io.github.omniretail.core;

import java.util.Objects;

/**
 * One line of an order: a SKU, a quantity and the unit price charged. Immutable and thread-safe.
 *
 * @param sku non-null SKU
 * @param quantity units ordered, {@code > 0}
 * @param unitPrice non-null, non-negative price of one unit
 */
public record OrderLine(Sku sku, int quantity, Money unitPrice) {

    /**
     * Validates the line.
     *
     * @param sku non-null SKU
     * @param quantity units ordered, {@code > 0}
     * @param unitPrice non-null, non-negative price of one unit
     */
    public OrderLine {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (quantity <= 0) {
            throw new IllegalArgumentException("line " + sku + ": quantity must be > 0, was " + quantity);
        }
        if (unitPrice.isNegative()) {
            throw new IllegalArgumentException("line " + sku + ": unit price must not be negative, was " + unitPrice);
        }
    }

    /**
     * The line.
     *
     * @param sku non-null SKU
     * @param quantity units, {@code > 0}
     * @param unitPrice non-null, non-negative unit price
     * @return the line
     */
    public static OrderLine of(Sku sku, int quantity, Money unitPrice) {
        return new OrderLine(sku, quantity, unitPrice);
    }

    /**
     * Unit price × quantity, exact.
     *
     * @return the line total
     * @throws ArithmeticException on overflow
     */
    public Money total() {
        return unitPrice.times(quantity);
    }
}

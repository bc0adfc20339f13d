package io.github.omniretail.core;

/**
 * Identifies an order, as assigned by the caller's order system.
 *
 * <p>Validated as described in {@link Identifier}: stripped, non-blank, at most {@value Identifier#MAX_LENGTH}
 * characters, printable. Immutable and thread-safe.
 *
 * @param value the identifier text; non-null
 */
public record OrderId(String value) implements Identifier, Comparable<OrderId> {

    /**
     * Strips and validates the text.
     *
     * @param value the identifier text; non-null
     */
    public OrderId {
        value = IdentifierText.normalise("OrderId", value);
    }

    /**
     * The OrderId with this text.
     *
     * @param value non-null text; leading and trailing white space is stripped
     * @return the identifier
     * @throws IllegalArgumentException if blank, too long or not printable
     */
    public static OrderId of(String value) {
        return new OrderId(value);
    }

    @Override
    public int compareTo(OrderId other) {
        return value.compareTo(other.value);
    }

    /** @return the identifier text itself */
    @Override
    public String toString() {
        return value;
    }
}

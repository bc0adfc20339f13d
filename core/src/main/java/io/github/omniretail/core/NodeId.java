package io.github.omniretail.core;

/**
 * Identifies a fulfilment node: a distribution centre, store, dark store or pickup point.
 *
 * <p>Validated as described in {@link Identifier}: stripped, non-blank, at most {@value Identifier#MAX_LENGTH}
 * characters, printable. Immutable and thread-safe.
 *
 * @param value the identifier text; non-null
 */
public record NodeId(String value) implements Identifier, Comparable<NodeId> {

    /**
     * Strips and validates the text.
     *
     * @param value the identifier text; non-null
     */
    public NodeId {
        value = IdentifierText.normalise("NodeId", value);
    }

    /**
     * The NodeId with this text.
     *
     * @param value non-null text; leading and trailing white space is stripped
     * @return the identifier
     * @throws IllegalArgumentException if blank, too long or not printable
     */
    public static NodeId of(String value) {
        return new NodeId(value);
    }

    @Override
    public int compareTo(NodeId other) {
        return value.compareTo(other.value);
    }

    /** @return the identifier text itself */
    @Override
    public String toString() {
        return value;
    }
}

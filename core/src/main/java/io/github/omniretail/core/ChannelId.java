package io.github.omniretail.core;

/**
 * Identifies a sales channel, e.g. {@code "tmall"} or {@code "store-pos"}.
 *
 * <p>Validated as described in {@link Identifier}: stripped, non-blank, at most {@value Identifier#MAX_LENGTH}
 * characters, printable. Immutable and thread-safe.
 *
 * @param value the identifier text; non-null
 */
public record ChannelId(String value) implements Identifier, Comparable<ChannelId> {

    /**
     * Strips and validates the text.
     *
     * @param value the identifier text; non-null
     */
    public ChannelId {
        value = IdentifierText.normalise("ChannelId", value);
    }

    /**
     * The ChannelId with this text.
     *
     * @param value non-null text; leading and trailing white space is stripped
     * @return the identifier
     * @throws IllegalArgumentException if blank, too long or not printable
     */
    public static ChannelId of(String value) {
        return new ChannelId(value);
    }

    @Override
    public int compareTo(ChannelId other) {
        return value.compareTo(other.value);
    }

    /** @return the identifier text itself */
    @Override
    public String toString() {
        return value;
    }
}

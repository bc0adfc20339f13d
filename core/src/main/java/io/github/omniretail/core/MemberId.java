package io.github.omniretail.core;

/**
 * Identifies a loyalty member: one person across every channel identity.
 *
 * <p>Validated as described in {@link Identifier}: stripped, non-blank, at most {@value Identifier#MAX_LENGTH}
 * characters, printable. Immutable and thread-safe.
 *
 * @param value the identifier text; non-null
 */
public record MemberId(String value) implements Identifier, Comparable<MemberId> {

    /**
     * Strips and validates the text.
     *
     * @param value the identifier text; non-null
     */
    public MemberId {
        value = IdentifierText.normalise("MemberId", value);
    }

    /**
     * The MemberId with this text.
     *
     * @param value non-null text; leading and trailing white space is stripped
     * @return the identifier
     * @throws IllegalArgumentException if blank, too long or not printable
     */
    public static MemberId of(String value) {
        return new MemberId(value);
    }

    @Override
    public int compareTo(MemberId other) {
        return value.compareTo(other.value);
    }

    /** @return the identifier text itself */
    @Override
    public String toString() {
        return value;
    }
}

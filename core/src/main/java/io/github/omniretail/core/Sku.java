package io.github.omniretail.core;

/**
 * A stock-keeping unit: one sellable item variant, e.g. {@code "MILK-1L"}.
 *
 * <p>Validated as described in {@link Identifier}: stripped, non-blank, at most {@value Identifier#MAX_LENGTH}
 * characters, printable. Immutable and thread-safe.
 *
 * @param value the identifier text; non-null
 */
public record Sku(String value) implements Identifier, Comparable<Sku> {

    /**
     * Strips and validates the text.
     *
     * @param value the identifier text; non-null
     */
    public Sku {
        value = IdentifierText.normalise("Sku", value);
    }

    /**
     * The Sku with this text.
     *
     * @param value non-null text; leading and trailing white space is stripped
     * @return the identifier
     * @throws IllegalArgumentException if blank, too long or not printable
     */
    public static Sku of(String value) {
        return new Sku(value);
    }

    @Override
    public int compareTo(Sku other) {
        return value.compareTo(other.value);
    }

    /** @return the identifier text itself */
    @Override
    public String toString() {
        return value;
    }
}

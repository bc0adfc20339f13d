package io.github.omniretail.core;

import java.util.Currency;
import java.util.Objects;

/**
 * Thrown when two amounts in different currencies meet in one operation (a sum, a comparison, an order's lines).
 *
 * <p>Carries both currencies so callers can report or convert.
 */
public final class CurrencyMismatchException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The currency the operation was working in. */
    private final Currency expected;
    /** The currency that did not match it. */
    private final Currency actual;

    /**
     * Creates the exception.
     *
     * @param expected non-null currency the operation was working in
     * @param actual non-null currency that did not match it
     */
    public CurrencyMismatchException(Currency expected, Currency actual) {
        super("currency mismatch: expected " + Objects.requireNonNull(expected, "expected").getCurrencyCode()
                + " but got " + Objects.requireNonNull(actual, "actual").getCurrencyCode());
        this.expected = expected;
        this.actual = actual;
    }

    /** @return the currency the operation was working in */
    public Currency expected() {
        return expected;
    }

    /** @return the currency that did not match */
    public Currency actual() {
        return actual;
    }
}

package io.github.omniretail.inventory;

/**
 * Identifies a stock transfer; assigned by the engine.
 *
 * @param value positive number
 */
public record TransferId(long value) {

    /**
     * Validates the number.
     *
     * @param value positive number
     */
    public TransferId {
        if (value <= 0) {
            throw new IllegalArgumentException("TransferId must be > 0, was " + value);
        }
    }

    /** @return {@code "T-"} and the number */
    @Override
    public String toString() {
        return "T-" + value;
    }
}

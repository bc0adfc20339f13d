package io.github.omniretail.loyalty;

import java.util.Objects;

/**
 * The caller's id of a ledger transaction, and its idempotency key: a retry with the same id and request returns
 * the original result; the same id with a different request fails; a failed id stays failed.
 *
 * @param value non-blank, at most 200 characters
 */
public record TransactionId(String value) {

    /**
     * Validates.
     *
     * @param value non-blank, at most 200 characters
     */
    public TransactionId {
        Objects.requireNonNull(value, "TransactionId value");
        if (value.isBlank() || value.length() > 200) {
            throw new IllegalArgumentException("TransactionId must be 1..200 characters and not blank, was '"
                    + value + "'");
        }
    }

    /**
     * The id with this text.
     *
     * @param value non-blank text
     * @return the id
     */
    public static TransactionId of(String value) {
        return new TransactionId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

package io.github.omniretail.inventory;

/** Validation of caller idempotency keys. */
final class IdempotencyKeys {

    static final int MAX_LENGTH = 200;

    private IdempotencyKeys() {
    }

    static String check(String key) {
        if (key == null) {
            throw new NullPointerException("idempotency key is null");
        }
        if (key.isBlank() || key.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("idempotency key must be 1.." + MAX_LENGTH
                    + " characters and not blank, was '" + key + "'");
        }
        return key;
    }
}

package io.github.omniretail.checkout;

import io.github.omniretail.core.IdempotencyKey;
import java.util.Objects;

/**
 * A key was used again for a different request (another order, or another return under the same return key), or
 * another instance changed the order at the same moment. Nothing was changed by the call.
 */
public final class CheckoutConflictException extends CheckoutException {

    private static final long serialVersionUID = 1L;

    private final IdempotencyKey key;

    /**
     * @param key non-null key in conflict
     * @param message non-null what differs
     */
    public CheckoutConflictException(IdempotencyKey key, String message) {
        super("key " + key + ": " + message);
        this.key = Objects.requireNonNull(key, "key");
    }

    /** @return the key in conflict */
    public IdempotencyKey key() {
        return key;
    }
}

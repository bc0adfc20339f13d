package io.github.omniretail.checkout;

import io.github.omniretail.core.IdempotencyKey;
import java.util.Objects;

/** The order is not in a state that allows the call (confirming a cancelled order, cancelling a shipped one …). */
public final class CheckoutStateException extends CheckoutException {

    private static final long serialVersionUID = 1L;

    private final IdempotencyKey key;
    private final OrderStatus status;

    /**
     * @param key non-null order key
     * @param status non-null status the order is in
     * @param message non-null what was refused and why
     */
    public CheckoutStateException(IdempotencyKey key, OrderStatus status, String message) {
        super("order " + key + " (" + status + "): " + message);
        this.key = Objects.requireNonNull(key, "key");
        this.status = Objects.requireNonNull(status, "status");
    }

    /** @return the order's key */
    public IdempotencyKey key() {
        return key;
    }

    /** @return the status the order was in */
    public OrderStatus status() {
        return status;
    }
}

package io.github.omniretail.inventory;

/**
 * Where a hold is in its lifecycle: {@code HELD → CONFIRMED → FULFILLED}, or {@code RELEASED}, or
 * {@code EXPIRED} (a {@code HELD} hold whose time-to-live passed). The last three are final.
 */
public enum HoldStatus {
    /** A cart or checkout hold with a time-to-live. */
    HELD,
    /** The order was placed: the hold no longer expires. */
    CONFIRMED,
    /** Every unit was either fulfilled or released, and at least one was fulfilled. Final. */
    FULFILLED,
    /** Every unit was released (cancelled) before fulfilment. Final. */
    RELEASED,
    /** The time-to-live passed while {@code HELD}; its stock went back to the pool. Final. */
    EXPIRED;

    /** @return true for {@code FULFILLED}, {@code RELEASED} and {@code EXPIRED} */
    public boolean isFinal() {
        return this == FULFILLED || this == RELEASED || this == EXPIRED;
    }
}

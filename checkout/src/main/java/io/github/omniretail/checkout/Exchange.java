package io.github.omniretail.checkout;

import io.github.omniretail.core.Money;
import java.util.Objects;
import java.util.Optional;

/**
 * An exchange ({@link Checkout#exchange}): units of an order came back and a replacement order was placed for what
 * the customer takes instead. Immutable and thread-safe.
 *
 * @param original non-null the original order, after the return (unchanged if the replacement was refused)
 * @param replacement non-null the replacement order: {@code PLACED} (confirm it once the difference is settled), or
 *     {@code REFUSED} with its reason, in which case nothing came back
 * @param returned the return recorded on the original order; empty if the replacement was refused
 */
public record Exchange(PlacedOrder original, PlacedOrder replacement, Optional<OrderReturn> returned) {

    /** Checks for nulls. */
    public Exchange {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(returned, "returned");
    }

    /**
     * What the customer pays for the exchange: the replacement's payable less the return's refund — negative when
     * the customer is paid back.
     *
     * @return the difference; empty if nothing came back (the replacement was refused)
     */
    public Optional<Money> difference() {
        return returned.flatMap(r -> replacement.payable().map(p -> p.minus(r.refund())));
    }
}

package io.github.omniretail.checkout;

/** Where an order is in its journey. */
public enum OrderStatus {
    /** Being placed: some steps are done (a retry of {@link Checkout#place} finishes them). */
    PLACING,
    /** Placed: stock, points and promotions are held until payment or expiry. */
    PLACED,
    /** Could not be placed (no stock, too few points, a coupon ran out …): everything held was given back. */
    REFUSED,
    /** Being confirmed after payment (a retry of {@link Checkout#confirm} finishes it). */
    CONFIRMING,
    /** Paid: stock confirmed, points spent and earned. */
    CONFIRMED,
    /** Every shipment left. */
    FULFILLED,
    /** Cancelled by the caller: everything held or spent was given back. */
    CANCELLED,
    /** Not paid in time: everything held was given back. */
    EXPIRED;

    /** @return whether nothing more can happen but returns (none for refused, cancelled or expired orders) */
    public boolean isFinal() {
        return this == REFUSED || this == CANCELLED || this == EXPIRED || this == FULFILLED;
    }
}

package io.github.omniretail.loyalty;

/**
 * A member's points at one moment.
 *
 * @param available spendable points (negative only under the negative-balance refund policy)
 * @param pending points inside the return window
 * @param held points held by open redemption holds
 */
public record Balance(long available, long pending, long held) {

    /** Zero everywhere. */
    public static final Balance ZERO = new Balance(0, 0, 0);

    /** @return available + pending + held */
    public long total() {
        return available + pending + held;
    }
}

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

    /** The balance the entries' member postings add up to (a replay, for {@link PointsLedger#rebuild}). */
    static Balance replayed(Iterable<LedgerEntry> entries) {
        long available = 0;
        long pending = 0;
        long held = 0;
        for (LedgerEntry e : entries) {
            available += e.change(AccountKind.AVAILABLE);
            pending += e.change(AccountKind.PENDING);
            held += e.change(AccountKind.HELD);
        }
        return new Balance(available, pending, held);
    }
}

package io.github.omniretail.loyalty;

/** What a ledger entry records. */
public enum EntryType {
    /** Points earned on a purchase (issuance → pending or available). */
    EARN,
    /** Pending points whose return window passed (pending → available). */
    ACTIVATE,
    /** A redemption hold (available → held). */
    HOLD,
    /**
     * Points redeemed: a hold posted (held → redemption; any unposted rest goes back to available) or a direct
     * redemption (available → redemption). Written as {@code POST} before 0.1: such entries read as this.
     */
    REDEEM,
    /** A hold voided or timed out (held → available). */
    VOID,
    /** Points that expired (available → breakage). */
    EXPIRE,
    /** Earned points reversed after a refund (pending/available → issuance). */
    REFUND,
    /** A redemption cancelled (redemption → available), lots restored. */
    CANCEL_REDEMPTION,
    /** A duplicate member merged into another: its points move with their lots (one entry in each member's log). */
    MERGE
}

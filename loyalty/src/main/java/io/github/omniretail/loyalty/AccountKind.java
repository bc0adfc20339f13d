package io.github.omniretail.loyalty;

/**
 * The accounts of the double-entry points ledger. Every transaction moves points between accounts and its
 * postings sum to zero, so the sum over all accounts is always zero.
 */
public enum AccountKind {
    /** A member's spendable points. */
    AVAILABLE(true),
    /** A member's points earned but inside the return window. */
    PENDING(true),
    /** A member's points held by an open redemption hold. */
    HELD(true),
    /** The program's issuance (liability) account: points enter member accounts from here. */
    ISSUANCE(false),
    /** Points redeemed (spent). */
    REDEMPTION(false),
    /** Points that expired (breakage). */
    BREAKAGE(false),
    /** Manual corrections. */
    ADJUSTMENT(false);

    private final boolean memberAccount;

    AccountKind(boolean memberAccount) {
        this.memberAccount = memberAccount;
    }

    /** @return true for a member's own accounts (available, pending, held) */
    public boolean memberAccount() {
        return memberAccount;
    }
}

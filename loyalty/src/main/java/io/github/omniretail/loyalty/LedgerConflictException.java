package io.github.omniretail.loyalty;

/** A transaction id was reused for a different request. The first request's outcome stands; nothing changed. */
public final class LedgerConflictException extends LoyaltyException {

    private static final long serialVersionUID = 1L;

    /** The reused id. */
    private final TransactionId id;

    LedgerConflictException(TransactionId id, Object original, Object attempted) {
        super("transaction id '" + id + "' was first used for " + original + " and now for " + attempted);
        this.id = id;
    }

    /** @return the reused id */
    public TransactionId id() {
        return id;
    }
}

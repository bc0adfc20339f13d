package io.github.omniretail.loyalty;

/** A transaction id was reused for a different request. The first request's outcome stands; nothing changed. */
public final class LedgerConflictException extends LoyaltyException {

    private static final long serialVersionUID = 1L;

    /** The reused id. */
    private final TransactionId id;

    /**
     * Creates the exception (public so that store implementations can report it).
     *
     * @param id the reused transaction id
     * @param original the request it was first used with
     * @param attempted the different request
     */
    public LedgerConflictException(TransactionId id, Object original, Object attempted) {
        super("transaction id '" + id + "' was first used for " + original + " and now for " + attempted);
        this.id = id;
    }

    /** @return the reused id */
    public TransactionId id() {
        return id;
    }
}

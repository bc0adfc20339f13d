package io.github.omniretail.loyalty;

/**
 * A ledger operation does not apply to what it names: an unknown or already settled hold, posting more than held,
 * refunding more than earned, cancelling something that is not a redemption.
 */
public final class LedgerStateException extends LoyaltyException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception (public so that store implementations can report it).
     *
     * @param message what is wrong
     */
    public LedgerStateException(String message) {
        super(message);
    }
}

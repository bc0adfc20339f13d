package io.github.omniretail.inventory;

/** A call named a hold that does not exist (never did, or was forgotten after its retention). */
public final class UnknownHoldException extends InventoryException {

    private static final long serialVersionUID = 1L;

    /** The unknown hold. */
    private final HoldId hold;

    /**
     * Creates the exception (public so that store implementations can report it).
     *
     * @param hold the unknown hold
     */
    public UnknownHoldException(HoldId hold) {
        super("unknown hold " + hold);
        this.hold = hold;
    }

    /** @return the unknown hold id */
    public HoldId hold() {
        return hold;
    }
}

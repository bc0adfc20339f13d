package io.github.omniretail.inventory;

/** A call named a transfer that does not exist. */
public final class UnknownTransferException extends InventoryException {

    private static final long serialVersionUID = 1L;

    /** The unknown transfer. */
    private final TransferId transfer;

    /**
     * Creates the exception (public so that store implementations can report it).
     *
     * @param transfer the unknown transfer
     */
    public UnknownTransferException(TransferId transfer) {
        super("unknown transfer " + transfer);
        this.transfer = transfer;
    }

    /** @return the unknown transfer id */
    public TransferId transfer() {
        return transfer;
    }
}

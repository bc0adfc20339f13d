package io.github.omniretail.inventory;

/**
 * A hold operation is not allowed in the hold's current state: fulfilling an expired hold, confirming a released
 * one, fulfilling more than is open on a line, fulfilling an unpinned pool line.
 */
public final class IllegalHoldStateException extends InventoryException {

    private static final long serialVersionUID = 1L;

    /** The hold. */
    private final HoldId hold;
    /** Its status when the operation was refused. */
    private final HoldStatus status;
    /** The refused operation, e.g. {@code "fulfil"}. */
    private final String operation;

    /**
     * Creates the exception (public so that store implementations can report it).
     *
     * @param hold the hold
     * @param status its status
     * @param operation what was attempted, such as {@code confirm}
     * @param detail more detail, or empty
     */
    public IllegalHoldStateException(HoldId hold, HoldStatus status, String operation, String detail) {
        super("cannot " + operation + " hold " + hold + " in status " + status + (detail.isEmpty() ? "" : ": " + detail));
        this.hold = hold;
        this.status = status;
        this.operation = operation;
    }

    /** @return the hold */
    public HoldId hold() {
        return hold;
    }

    /** @return the hold's status when the operation was refused */
    public HoldStatus status() {
        return status;
    }

    /** @return the refused operation, such as {@code "fulfil"} or {@code "confirm"} */
    public String operation() {
        return operation;
    }
}

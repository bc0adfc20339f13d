package io.github.omniretail.inventory;

/** A hold line or query named a pool that was never defined. */
public final class UnknownPoolException extends InventoryException {

    private static final long serialVersionUID = 1L;

    /** The unknown pool. */
    private final PoolId pool;

    /**
     * Creates the exception (public so that store implementations can report it).
     *
     * @param pool the unknown pool
     */
    public UnknownPoolException(PoolId pool) {
        super("unknown pool " + pool + "; define it with definePool first");
        this.pool = pool;
    }

    /** @return the unknown pool */
    public PoolId pool() {
        return pool;
    }
}

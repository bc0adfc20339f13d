package io.github.omniretail.inventory;

/**
 * An idempotency key was reused with a different request. The first request's outcome stands; nothing changed.
 */
public final class IdempotencyConflictException extends InventoryException {

    private static final long serialVersionUID = 1L;

    /** The reused key. */
    private final String key;
    /** The request first made with the key. */
    private final transient Object original;
    /** The different request now made with it. */
    private final transient Object attempted;

    /**
     * Creates the exception (public so that store implementations can report it).
     *
     * @param key the reused key
     * @param original the request it was first used with
     * @param attempted the different request
     */
    public IdempotencyConflictException(String key, Object original, Object attempted) {
        super("idempotency key '" + key + "' was first used for " + original + " and now for a different request "
                + attempted);
        this.key = key;
        this.original = original;
        this.attempted = attempted;
    }

    /** @return the reused key */
    public String key() {
        return key;
    }

    /** @return the request first made with the key (a record describing the operation and its arguments) */
    public Object original() {
        return original;
    }

    /** @return the different request now made with the key */
    public Object attempted() {
        return attempted;
    }
}

package io.github.omniretail.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A key was used again for a different request, or another caller changed what the key names at the same moment.
 * The one conflict every engine throws (inventory, the points ledger, the checkout): the first request's outcome
 * stands and the call changed nothing. A retry with the first request's exact arguments returns its outcome; a
 * different request needs a new key.
 */
public final class IdempotencyConflictException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The key in conflict. */
    private final IdempotencyKey key;
    /** The request first made with the key, when the engine knows it. */
    private final transient Object original;
    /** The different request now made with it, when the engine knows it. */
    private final transient Object attempted;

    /**
     * A key reused for a different request (public so that store implementations can report it).
     *
     * @param key non-null reused key
     * @param original non-null request it was first used with (a record naming the operation and its arguments)
     * @param attempted non-null different request
     */
    public IdempotencyConflictException(IdempotencyKey key, Object original, Object attempted) {
        super("key '" + key + "' was first used for " + original + " and now for a different request " + attempted);
        this.key = key;
        this.original = Objects.requireNonNull(original, "original");
        this.attempted = Objects.requireNonNull(attempted, "attempted");
    }

    /**
     * A conflict described in words (a concurrent change, or a difference the caller should read).
     *
     * @param key non-null key in conflict
     * @param message non-null what differs
     */
    public IdempotencyConflictException(IdempotencyKey key, String message) {
        super("key '" + key + "': " + message);
        this.key = Objects.requireNonNull(key, "key");
        this.original = null;
        this.attempted = null;
    }

    /** @return the key in conflict */
    public IdempotencyKey key() {
        return key;
    }

    /** @return the request first made with the key, if the engine reported it */
    public Optional<Object> original() {
        return Optional.ofNullable(original);
    }

    /** @return the different request now made with the key, if the engine reported it */
    public Optional<Object> attempted() {
        return Optional.ofNullable(attempted);
    }
}

package io.github.omniretail.loyalty;

import io.github.omniretail.core.IdempotencyKey;
import java.time.Instant;
import java.util.Objects;

/**
 * A credit of points and what is left of it. Debits consume lots (earliest expiry first by default); expiry takes
 * whatever remains of a lot at its expiry instant.
 *
 * @param id non-null id of the entry that created the lot
 * @param points points credited
 * @param remaining points not yet spent, held, reversed or expired
 * @param earnedAt non-null when credited
 * @param availableAt non-null when the points leave pending (equal to {@code earnedAt} without a return window)
 * @param expiresAt non-null when the remaining points expire
 */
public record Lot(IdempotencyKey id, long points, long remaining, Instant earnedAt, Instant availableAt,
        Instant expiresAt) {

    /**
     * Validates.
     *
     * @param id non-null id of the entry that created the lot
     * @param points points credited
     * @param remaining points left
     * @param earnedAt non-null when credited
     * @param availableAt non-null when the points leave pending
     * @param expiresAt non-null when the remaining points expire
     */
    public Lot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(earnedAt, "earnedAt");
        Objects.requireNonNull(availableAt, "availableAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}

package io.github.omniretail.inventory.spi;

import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.HoldStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored hold: the columns a storage queries by, and the engine's body.
 *
 * @param id positive id
 * @param status non-null stored status (a {@code HELD} hold past its expiry reads as expired)
 * @param expiresAt non-null expiry
 * @param finalisedAt when it became final, if it is
 * @param skus non-null, non-empty distinct SKUs of its lines, sorted
 * @param open whether any line still has units held
 * @param body non-null JSON written by the engine (channel, lines, times, reference, the placed view)
 */
public record StoredHold(long id, HoldStatus status, Instant expiresAt, Optional<Instant> finalisedAt, List<Sku> skus,
        boolean open, String body) {

    /** Checks for nulls and a positive id; copies the SKUs. */
    public StoredHold {
        if (id <= 0) {
            throw new IllegalArgumentException("hold id must be positive, was " + id);
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(finalisedAt, "finalisedAt");
        skus = List.copyOf(skus);
        Objects.requireNonNull(body, "body");
    }
}

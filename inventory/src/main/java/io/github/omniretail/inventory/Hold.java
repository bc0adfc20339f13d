package io.github.omniretail.inventory;

import io.github.omniretail.core.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A hold (reservation) as it stands at the moment it was read: an immutable snapshot.
 *
 * @param id non-null hold id
 * @param channel non-null channel that placed it; channel rules were applied for it
 * @param status non-null lifecycle status
 * @param createdAt non-null instant the hold was placed (engine clock)
 * @param expiresAt non-null instant a {@code HELD} hold expires; irrelevant once confirmed
 * @param lines non-empty lines, in request order (copied)
 * @param reference the caller's reference (such as a cart or order id), if given
 */
public record Hold(HoldId id, Channel channel, HoldStatus status, Instant createdAt, Instant expiresAt,
        List<HoldLineState> lines, Optional<String> reference) {

    /**
     * Validates and copies.
     *
     * @param id non-null hold id
     * @param channel non-null channel that placed it; channel rules were applied for it
     * @param status non-null lifecycle status
     * @param createdAt non-null instant the hold was placed (engine clock)
     * @param expiresAt non-null instant a {@code HELD} hold expires; irrelevant once confirmed
     * @param lines non-empty lines, in request order (copied)
     * @param reference the caller's reference (such as a cart or order id), if given
     */
    public Hold {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(reference, "reference");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("hold " + id + " has no lines");
        }
    }

    /** @return units still held over all lines */
    public long openUnits() {
        return lines.stream().mapToLong(HoldLineState::open).sum();
    }
}

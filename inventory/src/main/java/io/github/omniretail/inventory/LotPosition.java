package io.github.omniretail.inventory;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One lot at one position, as it stands.
 *
 * @param lot non-null lot id
 * @param expiresAt when it expires; empty for a lot without expiry
 * @param receivedAt non-null when its first units were received (FIFO order)
 * @param onHand units of the lot physically at the node, {@code >= 0}
 * @param held units of the lot held for orders, {@code >= 0}
 */
public record LotPosition(String lot, Optional<Instant> expiresAt, Instant receivedAt, int onHand, int held) {

    /** Checks for nulls and negative counts. */
    public LotPosition {
        Objects.requireNonNull(lot, "lot");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (onHand < 0 || held < 0) {
            throw new IllegalArgumentException("lot " + lot + ": on-hand " + onHand + " and held " + held
                    + " must be >= 0");
        }
    }

    /** @return units of the lot neither held nor missing: {@code max(0, onHand − held)} */
    public int free() {
        return Math.max(0, onHand - held);
    }
}

package io.github.omniretail.loyalty;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.ChannelKind;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A bonus campaign: purchases earned within {@code [from, until)} (and through one channel kind, if given) earn
 * {@code multiplier} times the points.
 *
 * @param id non-blank campaign id
 * @param from non-null start, inclusive
 * @param until non-null end, exclusive, after {@code from}
 * @param multiplier non-null multiplier (20,000 bp = 2× points)
 * @param channel the only channel kind that qualifies, if any
 */
public record Campaign(String id, Instant from, Instant until, BasisPoints multiplier, Optional<ChannelKind> channel) {

    /**
     * Validates.
     *
     * @param id non-blank campaign id
     * @param from non-null start, inclusive
     * @param until non-null end, exclusive, after {@code from}
     * @param multiplier non-null multiplier
     * @param channel the only channel kind that qualifies, if any
     */
    public Campaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(multiplier, "multiplier");
        Objects.requireNonNull(channel, "channel");
        if (id.isBlank() || !until.isAfter(from) || multiplier.value() < 0) {
            throw new IllegalArgumentException("campaign '" + id + "' needs a name, from < until and a multiplier >= 0");
        }
    }

    /**
     * Whether a purchase at {@code at} through {@code kind} qualifies.
     *
     * @param at non-null instant
     * @param kind non-null channel kind
     * @return true if it qualifies
     */
    public boolean applies(Instant at, ChannelKind kind) {
        return !at.isBefore(from) && at.isBefore(until) && channel.map(c -> c == kind).orElse(true);
    }
}

package io.github.omniretail.loyalty;

import io.github.omniretail.core.MemberId;
import java.time.Instant;
import java.util.Objects;

/**
 * One consent decision: a member granted or withdrew marketing through a channel, when, and where it was recorded.
 *
 * @param member non-null member
 * @param channel non-null marketing channel
 * @param granted true if granted, false if withdrawn
 * @param at non-null time of the decision
 * @param source non-blank, at most 255 characters: where it was given, e.g. {@code "app:settings"},
 *     {@code "pos:S001"}, {@code "erasure"}
 */
public record Consent(MemberId member, MarketingChannel channel, boolean granted, Instant at, String source) {

    /**
     * Validates.
     *
     * @param member non-null
     * @param channel non-null
     * @param granted granted or withdrawn
     * @param at non-null
     * @param source non-blank, at most 255 characters
     */
    public Consent {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
        if (source.isBlank() || source.length() > 255) {
            throw new IllegalArgumentException("consent source must be 1 to 255 characters and not blank, got "
                    + source.length() + " (member " + member + ", " + channel + ")");
        }
    }
}

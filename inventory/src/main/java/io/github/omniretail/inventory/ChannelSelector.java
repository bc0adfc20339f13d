package io.github.omniretail.inventory;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.ChannelKind;
import java.util.Objects;
import java.util.Optional;

/**
 * Which channels a {@link ChannelRule} applies to: every channel of a kind, or one channel.
 *
 * @param kind the channel kind matched; exactly one of {@code kind} and {@code channel} is present
 * @param channel the single channel matched; exactly one of {@code kind} and {@code channel} is present
 */
public record ChannelSelector(Optional<ChannelKind> kind, Optional<ChannelId> channel) {

    /**
     * Validates that exactly one is present.
     *
     * @param kind the channel kind matched; exactly one of {@code kind} and {@code channel} is present
     * @param channel the single channel matched; exactly one of {@code kind} and {@code channel} is present
     */
    public ChannelSelector {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(channel, "channel");
        if (kind.isPresent() == channel.isPresent()) {
            throw new IllegalArgumentException("a channel selector names exactly one of a kind and a channel");
        }
    }

    /**
     * Every channel of {@code kind}.
     *
     * @param kind non-null kind
     * @return the selector
     */
    public static ChannelSelector kind(ChannelKind kind) {
        return new ChannelSelector(Optional.of(kind), Optional.empty());
    }

    /**
     * Exactly the channel {@code id}.
     *
     * @param id non-null channel id
     * @return the selector
     */
    public static ChannelSelector channel(ChannelId id) {
        return new ChannelSelector(Optional.empty(), Optional.of(id));
    }

    /**
     * Whether {@code c} is selected.
     *
     * @param c non-null channel
     * @return true if it matches
     */
    public boolean matches(Channel c) {
        return kind.map(k -> k == c.kind()).orElseGet(() -> channel.get().equals(c.id()));
    }

    @Override
    public String toString() {
        return kind.map(k -> "kind " + k).orElseGet(() -> "channel " + channel.get());
    }
}

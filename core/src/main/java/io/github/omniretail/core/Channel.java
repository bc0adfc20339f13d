package io.github.omniretail.core;

import java.util.Objects;

/**
 * A sales channel: an identifier and its kind, such as {@code ("tmall", MARKETPLACE)}. Immutable and thread-safe.
 *
 * @param id non-null channel identifier
 * @param kind non-null channel kind
 */
public record Channel(ChannelId id, ChannelKind kind) {

    /**
     * Checks for nulls.
     *
     * @param id non-null channel identifier
     * @param kind non-null channel kind
     */
    public Channel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * The channel with this id and kind.
     *
     * @param id non-null identifier text
     * @param kind non-null kind
     * @return the channel
     * @throws IllegalArgumentException if the id is not a valid identifier
     */
    public static Channel of(String id, ChannelKind kind) {
        return new Channel(ChannelId.of(id), kind);
    }
}

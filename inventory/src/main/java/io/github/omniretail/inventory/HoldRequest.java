package io.github.omniretail.inventory;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.IdempotencyKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to hold stock, all-or-nothing: either every line is held or none is.
 *
 * <p>Several lines may name the same SKU at the same node (two bundle components, say): availability is checked
 * for their sum, never line by line, and they stay separate lines of the hold.
 *
 * @param idempotencyKey non-null caller key: a retry with the same key and request returns the original outcome
 * @param channel non-null channel placing the hold; its channel rules apply
 * @param ttl positive time-to-live of the {@code HELD} state
 * @param lines non-empty lines (copied)
 * @param reference the caller's reference, such as a cart or order id
 * @param presale whether lines short of stock now may wait for expected receipts (a pre-sale or backorder); only
 *     for lines at a node. Empty: every unit must be available now
 */
public record HoldRequest(IdempotencyKey idempotencyKey, Channel channel, Duration ttl, List<HoldLine> lines,
        Optional<String> reference, Optional<Presale> presale) {

    /**
     * Validates and copies.
     *
     * @param idempotencyKey non-null caller key: a retry with the same key and request returns the original outcome
     * @param channel non-null channel placing the hold; its channel rules apply
     * @param ttl positive time-to-live of the {@code HELD} state
     * @param lines non-empty lines (copied)
     * @param reference the caller's reference, such as a cart or order id
     * @param presale whether lines short of stock may wait for expected receipts (lines at a node only)
     */
    public HoldRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(reference, "reference");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("hold ttl must be positive, was " + ttl);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("hold request '" + idempotencyKey + "' has no lines");
        }
        Objects.requireNonNull(presale, "presale");
        if (presale.isPresent()) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).node().isEmpty()) {
                    throw new IllegalArgumentException("pre-sale hold request '" + idempotencyKey + "': line " + i
                            + " (" + lines.get(i).sku() + ") names a pool; a waiting line needs a node");
                }
            }
        }
    }

    /**
     * A request whose units must all be available now.
     *
     * @param idempotencyKey non-null caller key
     * @param channel non-null channel
     * @param ttl positive time-to-live of the {@code HELD} state
     * @param lines non-empty lines (copied)
     * @param reference the caller's reference
     */
    public HoldRequest(IdempotencyKey idempotencyKey, Channel channel, Duration ttl, List<HoldLine> lines,
            Optional<String> reference) {
        this(idempotencyKey, channel, ttl, lines, reference, Optional.empty());
    }

    /**
     * A builder.
     *
     * @param idempotencyKey non-null caller key
     * @param channel non-null channel
     * @param ttl positive time-to-live
     * @return a new builder; not thread-safe
     */
    public static Builder builder(IdempotencyKey idempotencyKey, Channel channel, Duration ttl) {
        return new Builder(idempotencyKey, channel, ttl);
    }

    /** Builds a {@link HoldRequest}. Not thread-safe. */
    public static final class Builder {
        private final IdempotencyKey key;
        private final Channel channel;
        private final Duration ttl;
        private final List<HoldLine> lines = new ArrayList<>();
        private Optional<String> reference = Optional.empty();
        private Optional<Presale> presale = Optional.empty();

        private Builder(IdempotencyKey key, Channel channel, Duration ttl) {
            this.key = key;
            this.channel = channel;
            this.ttl = ttl;
        }

        /**
         * Adds a line.
         *
         * @param line non-null line
         * @return this builder
         */
        public Builder line(HoldLine line) {
            lines.add(Objects.requireNonNull(line, "line"));
            return this;
        }

        /**
         * Sets the caller's reference.
         *
         * @param reference non-null reference such as a cart id
         * @return this builder
         */
        public Builder reference(String reference) {
            this.reference = Optional.of(reference);
            return this;
        }

        /**
         * Lets lines short of stock wait for expected receipts (see {@link Presale}).
         *
         * @param presale non-null waiting policy
         * @return this builder
         */
        public Builder presale(Presale presale) {
            this.presale = Optional.of(Objects.requireNonNull(presale, "presale"));
            return this;
        }

        /** @return the request */
        public HoldRequest build() {
            return new HoldRequest(key, channel, ttl, lines, reference, presale);
        }
    }
}

package io.github.omniretail.inventory;

import io.github.omniretail.core.Channel;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine's mutable record of a hold. {@link #life} (status and expiry) changes only by compare-and-set, so
 * confirm, extend and expiry race safely; line counts change only under the lock of the line's SKU.
 */
final class HoldState {

    /** Status and expiry, swapped atomically. */
    record Life(HoldStatus status, long expiresAt) {
    }

    /** One line; {@code node} is −1 while a pool line is unpinned; {@code pool} is −1 for node lines. */
    static final class Line {
        final SkuState sku;
        int node;
        final int pool;
        final int quantity;
        int fulfilled;
        int released;

        Line(SkuState sku, int node, int pool, int quantity) {
            this.sku = sku;
            this.node = node;
            this.pool = pool;
            this.quantity = quantity;
        }

        int open() {
            return quantity - fulfilled - released;
        }
    }

    final long id;
    final Channel channel;
    final long createdAt;
    final Optional<String> reference;
    final Line[] lines;
    /** The distinct SKUs of the lines, in lock order. */
    final SkuState[] skus;
    final AtomicReference<Life> life;
    volatile long finalizedAt;

    HoldState(long id, Channel channel, long createdAt, Optional<String> reference, Line[] lines, SkuState[] skus,
            Life life) {
        this.id = id;
        this.channel = channel;
        this.createdAt = createdAt;
        this.reference = reference;
        this.lines = lines;
        this.skus = skus;
        this.life = new AtomicReference<>(life);
    }

    /** Status as of {@code now}: a HELD hold past its expiry reads as EXPIRED. */
    HoldStatus statusAt(long now) {
        Life l = life.get();
        return l.status() == HoldStatus.HELD && now >= l.expiresAt() ? HoldStatus.EXPIRED : l.status();
    }
}

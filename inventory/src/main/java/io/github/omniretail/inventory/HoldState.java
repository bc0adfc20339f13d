package io.github.omniretail.inventory;

import io.github.omniretail.core.Channel;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The engine's mutable record of a hold. Its life (status and expiry, packed in one {@code long}) changes only
 * by compare-and-set, so confirm, extend and expiry race safely; line counts change only under the lock of the
 * line's SKU. Kept small: millions are live at once under load.
 */
final class HoldState implements IdempotencyTable.Recorded {

    private static final VarHandle LIFE;

    static {
        try {
            LIFE = MethodHandles.lookup().findVarHandle(HoldState.class, "life", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final HoldStatus[] STATUSES = HoldStatus.values();

    /** One line; {@code node} is −1 while a pool line is unpinned; {@code pool} is −1 for node lines. */
    static final class Line {
        final SkuState sku;
        final int requestedNode;
        int node;
        final int pool;
        final int quantity;
        int fulfilled;
        int released;

        Line(SkuState sku, int node, int pool, int quantity) {
            this.sku = sku;
            this.requestedNode = node;
            this.node = node;
            this.pool = pool;
            this.quantity = quantity;
        }

        int open() {
            return quantity - fulfilled - released;
        }
    }

    /** The catalogue the hold was placed under: its lines' node and pool indexes name nodes and pools there. */
    final StockRules catalogue;
    final String key;
    final long id;
    final Channel channel;
    final long createdAt;
    final long initialExpiresAt;
    final Optional<String> reference;
    final Line[] lines;
    /** Status ordinal in the low 3 bits, expiry millis above. */
    private volatile long life;
    volatile long finalizedAt = -1;

    HoldState(StockRules catalogue, String key, long id, Channel channel, long createdAt, long expiresAt,
            Optional<String> reference, Line[] lines, HoldStatus status) {
        this.catalogue = catalogue;
        this.key = key;
        this.id = id;
        this.channel = channel;
        this.createdAt = createdAt;
        this.initialExpiresAt = expiresAt;
        this.reference = reference;
        this.lines = lines;
        this.life = pack(status, expiresAt);
    }

    static long pack(HoldStatus status, long expiresAt) {
        return (expiresAt << 3) | status.ordinal();
    }

    static HoldStatus status(long life) {
        return STATUSES[(int) (life & 7)];
    }

    static long expiresAt(long life) {
        return life >> 3;
    }

    long life() {
        return life;
    }

    boolean transition(long expected, HoldStatus status, long expiresAt) {
        return LIFE.compareAndSet(this, expected, pack(status, expiresAt));
    }

    void set(HoldStatus status, long expiresAt) {
        life = pack(status, expiresAt);
    }

    /** Status as of {@code now}: a HELD hold past its expiry reads as EXPIRED. */
    HoldStatus statusAt(long now) {
        long l = life;
        HoldStatus s = status(l);
        return s == HoldStatus.HELD && now >= expiresAt(l) ? HoldStatus.EXPIRED : s;
    }

    /** The distinct SKUs of the lines, in lock order. */
    SkuState[] skus() {
        if (lines.length == 1) {
            return new SkuState[] {lines[0].sku};
        }
        return MemoryInventoryEngine.distinctSorted(lines);
    }

    /** Whether {@code request} asks for exactly this hold (same channel, lines, time-to-live, reference). */
    @Override
    public boolean sameRequest(Object other) {
        if (!(other instanceof HoldRequest)) {
            return false;
        }
        HoldRequest request = (HoldRequest) other;
        if (!request.idempotencyKey().value().equals(key) || !request.channel().equals(channel)
                || !request.reference().equals(reference)
                || request.ttl().toMillis() != initialExpiresAt - createdAt
                || request.lines().size() != lines.length) {
            return false;
        }
        return request.equals(request());
    }

    @Override
    public HoldRequest request() {
        List<HoldLine> requested = new ArrayList<>(lines.length);
        for (Line line : lines) {
            requested.add(line.requestedNode >= 0
                    ? HoldLine.atNode(line.sku.sku, catalogue.nodes[line.requestedNode], line.quantity)
                    : HoldLine.inPool(line.sku.sku, catalogue.poolsByIndex[line.pool].id(), line.quantity));
        }
        return new HoldRequest(io.github.omniretail.core.IdempotencyKey.of(key), channel,
                Duration.ofMillis(initialExpiresAt - createdAt), requested, reference);
    }

    @Override
    public Hold outcome() {
        List<HoldLineState> placed = new ArrayList<>(lines.length);
        for (Line line : lines) {
            placed.add(new HoldLineState(line.sku.sku, line.requestedNode >= 0
                    ? Optional.of(catalogue.nodes[line.requestedNode]) : Optional.empty(),
                    line.pool >= 0 ? Optional.of(catalogue.poolsByIndex[line.pool].id()) : Optional.empty(),
                    line.quantity, 0, 0));
        }
        return new Hold(new HoldId(id), channel, HoldStatus.HELD, Instant.ofEpochMilli(createdAt),
                Instant.ofEpochMilli(initialExpiresAt), placed, reference);
    }
}

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

    /**
     * One line; {@code node} is −1 while a pool line is unpinned; {@code pool} is −1 for node lines. A requested
     * kit line is one line per component, each with the request line's index as {@code group} and the component's
     * units per kit as {@code per}; an ordinary line has {@code group} −1 (its own index) and {@code per} 1.
     */
    static final class Line {
        final SkuState sku;
        final int requestedNode;
        int node;
        final int pool;
        final int quantity;
        final int group;
        final int per;
        int fulfilled;
        int released;
        /** The lots the line holds (and its lot preference); null at a position without lots. */
        LotTable.Take take;

        Line(SkuState sku, int node, int pool, int quantity) {
            this(sku, node, pool, quantity, -1, 1);
        }

        Line(SkuState sku, int node, int pool, int quantity, int group, int per) {
            this.sku = sku;
            this.requestedNode = node;
            this.node = node;
            this.pool = pool;
            this.quantity = quantity;
            this.group = group;
            this.per = per;
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
    /**
     * The kit of each request line (null for ordinary lines), or null when the hold has no kit line: then line
     * {@code i} is request line {@code i}.
     */
    final Kit[] kits;
    /** A pre-sale hold's waiting policy and, in memory, its view as placed (for replays); null otherwise. */
    static final class PresaleState {
        final Presale policy;
        Hold placed;

        PresaleState(Presale policy) {
            this.policy = policy;
        }
    }

    /** Set right after construction for a pre-sale hold, before the hold is shared. */
    PresaleState presale;
    /** Status ordinal in the low 3 bits, expiry millis above. */
    private volatile long life;
    volatile long finalizedAt = -1;

    HoldState(StockRules catalogue, String key, long id, Channel channel, long createdAt, long expiresAt,
            Optional<String> reference, Line[] lines, HoldStatus status) {
        this(catalogue, key, id, channel, createdAt, expiresAt, reference, lines, status, null);
    }

    HoldState(StockRules catalogue, String key, long id, Channel channel, long createdAt, long expiresAt,
            Optional<String> reference, Line[] lines, HoldStatus status, Kit[] kits) {
        this.kits = kits;
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

    /**
     * A request's lines as the kernel holds them: each kit line replaced by one line per component (kit units × the
     * component's units), in the kit's component order.
     *
     * @param lines the lines to hold
     * @param groups request line of each, or null when there is no kit line (then line i is request line i)
     * @param pers component units per kit of each, or null when there is no kit line
     * @param kits the kit of each request line (null entries for ordinary lines), or null when there is none
     */
    record Expanded(List<HoldLine> lines, int[] groups, int[] pers, Kit[] kits) {

        /** @return request line of line {@code i}, −1 when the hold has no kit line */
        int group(int i) {
            return groups == null ? -1 : groups[i];
        }

        /** @return component units per kit of line {@code i} (1 for an ordinary line) */
        int per(int i) {
            return pers == null ? 1 : pers[i];
        }

        static Expanded of(StockRules stock, List<HoldLine> requested) {
            Kit[] kits = null;
            int size = 0;
            for (int g = 0; g < requested.size(); g++) {
                Kit kit = stock.kit(requested.get(g).sku());
                if (kit != null) {
                    kits = kits == null ? new Kit[requested.size()] : kits;
                    kits[g] = kit;
                }
                size += kit == null ? 1 : kit.components().size();
            }
            if (kits == null) {
                return new Expanded(requested, null, null, null);
            }
            List<HoldLine> out = new ArrayList<>(size);
            int[] group = new int[size];
            int[] per = new int[size];
            for (int g = 0; g < requested.size(); g++) {
                HoldLine line = requested.get(g);
                Kit kit = kits[g];
                if (kit == null) {
                    group[out.size()] = g;
                    per[out.size()] = 1;
                    out.add(line);
                    continue;
                }
                if (line.node().isEmpty()) {
                    throw new IllegalArgumentException("line " + g + ": kit " + kit.sku() + " is held at a node "
                            + "(its components together); pin the node before holding, not a pool");
                }
                for (java.util.Map.Entry<io.github.omniretail.core.Sku, Integer> c : kit.components().entrySet()) {
                    group[out.size()] = g;
                    per[out.size()] = c.getValue();
                    out.add(HoldLine.atNode(c.getKey(), line.node().get(), Math.multiplyExact(line.quantity(),
                            c.getValue())));
                }
            }
            return new Expanded(out, group, per, kits);
        }
    }

    /** @return the number of request lines (a kit line counts once) */
    int requestLines() {
        return kits == null ? lines.length : kits.length;
    }

    /** @return index of the first internal line of request line {@code group} */
    int first(int group) {
        if (kits == null) {
            return group;
        }
        int i = 0;
        while (lines[i].group != group) {
            i++;
        }
        return i;
    }

    /** @return one past the last internal line of request line {@code group} */
    int end(int group) {
        if (kits == null) {
            return group + 1;
        }
        int i = first(group);
        while (i < lines.length && lines[i].group == group) {
            i++;
        }
        return i;
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
                || request.lines().size() != requestLines()) {
            return false;
        }
        return request.equals(request());
    }

    @Override
    public HoldRequest request() {
        List<HoldLine> requested = new ArrayList<>(requestLines());
        for (int g = 0; g < requestLines(); g++) {
            Line line = lines[first(g)];
            io.github.omniretail.core.Sku sku = kits != null && kits[g] != null ? kits[g].sku() : line.sku.sku;
            int quantity = line.quantity / line.per;
            boolean fifo = line.take != null && line.take.fifo;
            Optional<String> lot = line.take == null ? Optional.empty() : Optional.ofNullable(line.take.named);
            requested.add(new HoldLine(sku, line.requestedNode >= 0
                    ? Optional.of(catalogue.nodes[line.requestedNode]) : Optional.empty(), line.requestedNode >= 0
                    ? Optional.empty() : Optional.of(catalogue.poolsByIndex[line.pool].id()), quantity,
                    fifo ? LotOrder.FIFO : LotOrder.FEFO, lot));
        }
        return new HoldRequest(io.github.omniretail.core.IdempotencyKey.of(key), channel,
                Duration.ofMillis(initialExpiresAt - createdAt), requested, reference,
                presale == null ? Optional.empty() : Optional.of(presale.policy));
    }

    @Override
    public Hold outcome() {
        if (presale != null && presale.placed != null) {
            return presale.placed;
        }
        List<HoldLineState> placed = new ArrayList<>(requestLines());
        for (int g = 0; g < requestLines(); g++) {
            Line line = lines[first(g)];
            Kit kit = kits == null ? null : kits[g];
            placed.add(new HoldLineState(kit != null ? kit.sku() : line.sku.sku, line.requestedNode >= 0
                    ? Optional.of(catalogue.nodes[line.requestedNode]) : Optional.empty(),
                    line.pool >= 0 ? Optional.of(catalogue.poolsByIndex[line.pool].id()) : Optional.empty(),
                    line.quantity / line.per, 0, 0, kit != null ? kit.components() : java.util.Map.of(),
                    kit == null && line.requestedNode >= 0 ? placedLots(line) : List.of()));
        }
        return new Hold(new HoldId(id), channel, HoldStatus.HELD, Instant.ofEpochMilli(createdAt),
                Instant.ofEpochMilli(initialExpiresAt), placed, reference);
    }

    private static List<LotUnits> placedLots(Line line) {
        LotTable.Take take = line.take;
        if (take == null || take.ids.length == 0) {
            return List.of();
        }
        List<LotUnits> out = new ArrayList<>(take.ids.length);
        for (int k = 0; k < take.ids.length; k++) {
            out.add(new LotUnits(take.ids[k], take.taken(k), 0));
        }
        return out;
    }
}

package io.github.omniretail.inventory;

import static io.github.omniretail.inventory.StockRules.at;
import static io.github.omniretail.inventory.StockRules.emit;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.StockRules.PoolDef;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inventory rules kernel's hold rules: whether a request's lines can be held, how a line's units move between a
 * SKU's positions, rule counters and pool demand, how holds settle and expire. Every method changes only the
 * {@link SkuState}s and {@link HoldState}s it is given (plus the events it adds), under the caller's locks of those
 * SKUs; it validates before it changes anything, so a refusal leaves the state as it was. Stateless.
 */
final class HoldRules {

    private HoldRules() {
    }

    /**
     * Checks every line group of a request against availability, all under the SKUs' locks: node demand per
     * (SKU, node) against the channel's ATP, and per SKU that the pool-level holds stay as satisfiable as before.
     */
    static void checkLines(StockRules stock, HoldState.Line[] lines, Channel channel, List<HoldLine> requested,
            long cutoff) {
        checkPositions(stock, lines, channel, requested, cutoff);
        LotRules.allocate(stock, lines, requested, channel, cutoff);
    }

    /**
     * Checks a request's lines and places the hold: its units taken now, a pre-sale line's other units queued to
     * wait. Changes nothing when refused. Caller holds the locks of the lines' SKUs.
     *
     * @param id gives the new hold's id (asked only once the request is accepted)
     * @return the new hold (the caller registers it and its expiry)
     */
    static HoldState place(StockRules stock, HoldRequest request, HoldState.Expanded expanded, HoldState.Line[] lines,
            java.util.function.LongSupplier id, long now, long cutoff, List<StockEvent> ev) {
        Channel channel = request.channel();
        List<HoldLine> requested = expanded.lines();
        int[] waits = null;
        if (request.presale().isPresent()) {
            waits = checkPresale(stock, lines, channel, requested, cutoff, request.presale().get());
        } else {
            checkLines(stock, lines, channel, requested, cutoff);
        }
        long expiresAt = Math.addExact(now, request.ttl().toMillis());
        HoldState hold = new HoldState(stock, request.idempotencyKey().value(), id.getAsLong(), channel, now, expiresAt,
                request.reference(), lines, HoldStatus.HELD, expanded.kits());
        long units = 0;
        for (int i = 0; i < lines.length; i++) {
            HoldState.Line line = lines[i];
            int taken = line.quantity - (waits == null ? 0 : waits[i]);
            if (taken > 0) {
                take(stock, line, channel, taken, now, ev);
            }
            units += line.quantity;
        }
        if (waits != null) {
            hold.presale = new HoldState.PresaleState(request.presale().get());
            for (int i = 0; i < lines.length; i++) {
                if (waits[i] > 0) {
                    InboundRules.enqueue(stock, hold, i, waits[i], hold.presale.policy, now, ev);
                }
            }
        }
        long total = units;
        emit(ev, () -> new StockEvent.HoldPlaced(at(now), new HoldId(hold.id), channel.id(), total,
                Instant.ofEpochMilli(expiresAt)));
        return hold;
    }

    /**
     * Checks a pre-sale request's lines ({@link InboundRules#plan}): what each takes now, what waits. Changes nothing.
     *
     * @return units waiting per line
     */
    static int[] checkPresale(StockRules stock, HoldState.Line[] lines, Channel channel, List<HoldLine> requested,
            long cutoff, Presale presale) {
        int[] waits = InboundRules.plan(stock, lines, channel, requested, cutoff, presale);
        for (int i = 0; i < lines.length; i++) {
            SkuState s = lines[i].sku;
            if (!s.hasPoolDemand()) {
                continue;
            }
            Map<Integer, Long> takes = new HashMap<>();
            for (int j = 0; j < lines.length; j++) {
                if (lines[j].sku == s) {
                    takes.merge(lines[j].node, (long) lines[j].quantity - waits[j], Long::sum);
                }
            }
            if (!stock.poolsKeep(s, takes, Map.of(), channel)) {
                throw new InsufficientStockException(s.sku, requested.get(i).node(), Optional.empty(), channel.id(),
                        lines[i].quantity, 0);
            }
        }
        LotRules.allocate(stock, lines, requested, channel, cutoff);
        return waits;
    }

    private static void checkPositions(StockRules stock, HoldState.Line[] lines, Channel channel,
            List<HoldLine> requested, long cutoff) {
        if (lines.length == 1 && lines[0].node >= 0) {
            // The common case, without the grouping maps: one line at one node.
            HoldState.Line line = lines[0];
            SkuState s = line.sku;
            int slot = s.find(line.node);
            long available = slot < 0 ? 0 : stock.channelAtp(s, slot, channel, cutoff);
            if (line.quantity > available || (s.hasPoolDemand()
                    && !stock.poolsKeep(s, Map.of(line.node, (long) line.quantity), Map.of(), channel))) {
                throw new InsufficientStockException(s.sku, requested.get(0).node(), Optional.empty(), channel.id(),
                        line.quantity, Math.min(available, stock.maxTake(s, slot, channel, available)));
            }
            return;
        }
        // Node demand per (SKU, node), summed over the request's lines, against the channel's ATP.
        for (int i = 0; i < lines.length; i++) {
            HoldState.Line line = lines[i];
            if (line.node < 0) {
                continue;
            }
            long demand = 0;
            boolean first = true;
            for (int j = 0; j < lines.length; j++) {
                HoldState.Line other = lines[j];
                if (other.sku == line.sku && other.node == line.node) {
                    if (j < i) {
                        first = false; // already checked with an earlier line of the same position
                        break;
                    }
                    demand += other.quantity;
                }
            }
            if (!first) {
                continue;
            }
            SkuState s = line.sku;
            int slot = s.find(line.node);
            long available = slot < 0 ? 0 : stock.channelAtp(s, slot, channel, cutoff);
            if (demand > available) {
                throw new InsufficientStockException(s.sku, requested.get(i).node(), Optional.empty(),
                        channel.id(), demand, available);
            }
        }
        // Per SKU with pool demand (existing or requested): every pool-level hold stays satisfiable.
        for (int i = 0; i < lines.length; i++) {
            SkuState s = lines[i].sku;
            boolean firstOfSku = true;
            boolean addsPool = false;
            for (int j = 0; j < lines.length; j++) {
                if (lines[j].sku == s) {
                    if (j < i) {
                        firstOfSku = false;
                        break;
                    }
                    addsPool |= lines[j].pool >= 0;
                }
            }
            if (!firstOfSku || (!addsPool && !s.hasPoolDemand())) {
                continue;
            }
            Map<Integer, Long> takes = new HashMap<>();
            Map<Integer, Long> adds = new HashMap<>();
            for (HoldState.Line line : lines) {
                if (line.sku == s) {
                    if (line.node >= 0) {
                        takes.merge(line.node, (long) line.quantity, Long::sum);
                    } else {
                        adds.merge(line.pool, (long) line.quantity, Long::sum);
                    }
                }
            }
            if (!stock.poolsKeep(s, takes, adds, channel)) {
                // Report the first pool line of this SKU, else its first node line.
                int report = -1;
                for (int j = 0; j < lines.length && report < 0; j++) {
                    if (lines[j].sku == s && lines[j].pool >= 0) {
                        report = j;
                    }
                }
                for (int j = 0; j < lines.length && report < 0; j++) {
                    if (lines[j].sku == s) {
                        report = j;
                    }
                }
                HoldState.Line line = lines[report];
                long demand = line.pool >= 0 ? adds.get(line.pool) : takes.get(line.node);
                long available = line.pool >= 0
                        ? stock.additional(s, stock.poolsByIndex[line.pool].nodes(), null)
                        : stock.maxTake(s, s.find(line.node), channel, stock.channelAtp(s, s.find(line.node), channel, cutoff));
                throw new InsufficientStockException(s.sku, requested.get(report).node(),
                        requested.get(report).pool(), channel.id(), demand, available);
            }
        }
    }

    /** Applies a line's units to its SKU: held at the node (with rule accounting) or unpinned pool demand. */
    static void take(StockRules stock, HoldState.Line line, Channel channel, int units, long now, List<StockEvent> ev) {
        SkuState s = line.sku;
        if (line.node < 0) {
            s.addPoolDemand(line.pool, units);
            return;
        }
        int slot = s.slot(line.node);
        s.setHeld(slot, Math.addExact(s.held(slot), units));
        LotRules.hold(line);
        stock.countRules(s, line.node, channel, units);
        stock.afterChange(s, slot, now, ev);
    }

    /** Gives back {@code units} of a line: released ({@code fulfilled=false}) or shipped ({@code true}). */
    static void give(StockRules stock, HoldState hold, HoldState.Line line, int units, boolean fulfilled, long now,
            List<StockEvent> ev) {
        SkuState s = line.sku;
        if (line.node < 0) {
            s.addPoolDemand(line.pool, -units);
        } else {
            // a release gives back waiting units first: they were never on hand
            int fromStock = units - (fulfilled || s.inbound == null ? 0
                    : InboundRules.unwait(s, line.node, hold.id, indexOf(hold, line), units));
            if (fromStock > 0) {
                LotRules.give(stock, hold, line, fromStock, fulfilled, now, ev);
                int slot = s.find(line.node);
                s.setHeld(slot, s.held(slot) - fromStock);
                if (fulfilled) {
                    s.setOnHand(slot, s.onHand(slot) - fromStock);
                }
                stock.countRules(s, line.node, hold.channel, -fromStock);
                stock.afterChange(s, slot, now, ev);
            }
        }
        if (fulfilled) {
            line.fulfilled += units;
        } else {
            line.released += units;
        }
    }

    private static int indexOf(HoldState hold, HoldState.Line line) {
        for (int i = 0; i < hold.lines.length; i++) {
            if (hold.lines[i] == line) {
                return i;
            }
        }
        throw new IllegalStateException("line is not of hold H-" + hold.id);
    }

    /**
     * Fulfils or releases one line ({@code lineIndex >= 0}) or every open line ({@code -1}) of a hold: checks the
     * status and every line first, then gives the units back and finalises the hold once nothing is open.
     * Caller holds the locks of the hold's SKUs.
     */
    static void settle(StockRules stock, HoldState hold, HoldId id, long now, String operation, boolean fulfil,
            int lineIndex, int quantity, List<StockEvent> ev) {
        HoldStatus status = hold.statusAt(now);
        boolean allowed = fulfil ? status == HoldStatus.CONFIRMED
                : status == HoldStatus.HELD || status == HoldStatus.CONFIRMED;
        if (!allowed) {
            throw new IllegalHoldStateException(id, status, operation,
                    fulfil && status == HoldStatus.HELD ? "confirm it first" : "");
        }
        // lineIndex is a request line: a kit line settles every component's lines, per kit × quantity
        int from = lineIndex >= 0 ? hold.first(lineIndex) : 0;
        int to = lineIndex >= 0 ? hold.end(lineIndex) : hold.lines.length;
        for (int i = from; i < to; i++) {
            HoldState.Line line = hold.lines[i];
            long units = lineIndex >= 0 ? (long) quantity * line.per : line.open();
            if (units > line.open()) {
                throw new IllegalHoldStateException(id, status, operation, "line " + lineIndex + " has "
                        + line.open() / line.per + " open units, asked " + quantity);
            }
            if (fulfil && units > 0 && line.node >= 0 && line.sku.inbound != null) {
                long[] wait = InboundRules.waitOf(line.sku, line.node, hold.id, i);
                if (units > line.open() - wait[0]) {
                    throw new IllegalHoldStateException(id, status, operation, "line " + (lineIndex >= 0 ? lineIndex
                            : line.group >= 0 ? line.group : i) + " has " + wait[0] + " units still waiting for "
                            + "receipts" + (wait[1] == InboundTable.BACKORDER ? " (backordered)"
                            : " (promised by " + Instant.ofEpochMilli(wait[1]) + ")"));
                }
            }
            if (fulfil && units > 0 && line.node < 0) {
                throw new IllegalHoldStateException(id, status, operation, "line " + (lineIndex >= 0 ? lineIndex
                        : line.group >= 0 ? line.group : i) + " is a pool line not yet pinned to a node");
            }
        }
        for (int i = from; i < to; i++) {
            HoldState.Line line = hold.lines[i];
            int units = lineIndex >= 0 ? quantity * line.per : line.open();
            if (units == 0) {
                continue;
            }
            give(stock, hold, line, units, fulfil, now, ev);
            Sku sku = line.sku.sku;
            if (fulfil) {
                NodeId node = stock.nodes[line.node];
                emit(ev, () -> new StockEvent.HoldFulfilled(at(now), id, sku, node, units));
            } else {
                emit(ev, () -> new StockEvent.HoldReleased(at(now), id, sku, units));
            }
        }
        if (Arrays.stream(hold.lines).allMatch(l -> l.open() == 0)) {
            boolean anyFulfilled = Arrays.stream(hold.lines).anyMatch(l -> l.fulfilled > 0);
            hold.set(anyFulfilled ? HoldStatus.FULFILLED : HoldStatus.RELEASED, HoldState.expiresAt(hold.life()));
            hold.finalizedAt = now;
        }
    }


    /**
     * Expires the holds due at this SKU (its expiry heap; {@code holds} finds them by id) and gives back their lines
     * here. Caller holds {@code s.lock}.
     */
    static int expire(StockRules stock, java.util.function.LongFunction<HoldState> holds, SkuState s, long now,
            List<StockEvent> ev) {
        int expired = 0;
        while (s.peekTime() <= now) {
            HoldState hold = holds.apply(s.pop());
            if (hold == null) {
                continue; // forgotten: it was final with every line closed
            }
            long life = hold.life();
            while (HoldState.status(life) == HoldStatus.HELD && HoldState.expiresAt(life) <= now) {
                if (hold.transition(life, HoldStatus.EXPIRED, HoldState.expiresAt(life))) {
                    expired++;
                    hold.finalizedAt = now;
                    Instant expiresAt = Instant.ofEpochMilli(HoldState.expiresAt(life));
                    emit(ev, () -> new StockEvent.HoldExpired(at(now), new HoldId(hold.id), expiresAt));
                    break;
                }
                life = hold.life();
            }
            life = hold.life();
            if (HoldState.status(life) == HoldStatus.HELD) {
                s.push(HoldState.expiresAt(life), hold.id); // extended meanwhile
            } else if (HoldState.status(life) == HoldStatus.EXPIRED) {
                for (HoldState.Line line : hold.lines) {
                    if (line.sku == s && line.open() > 0) {
                        give(stock, hold, line, line.open(), false, now, ev);
                    }
                }
            }
        }
        return expired;
    }

    /** Confirms a held, unexpired hold (it no longer expires). Caller holds the locks of the hold's SKUs. */
    static void confirm(HoldState hold, HoldId id, long now, List<StockEvent> ev) {
        while (true) {
            long life = hold.life();
            HoldStatus status = hold.statusAt(now);
            if (status != HoldStatus.HELD) {
                throw new IllegalHoldStateException(id, status, "confirm", "");
            }
            if (hold.transition(life, HoldStatus.CONFIRMED, HoldState.expiresAt(life))) {
                break;
            }
        }
        emit(ev, () -> new StockEvent.HoldConfirmed(at(now), id));
    }

    /**
     * Moves a held, unexpired hold's expiry to {@code expiresAt}; a shortened expiry is pushed on each SKU's expiry
     * heap. Caller holds the locks of the hold's SKUs.
     */
    static void extend(HoldState hold, HoldId id, long expiresAt, long now, List<StockEvent> ev) {
        while (true) {
            long life = hold.life();
            HoldStatus status = hold.statusAt(now);
            if (status != HoldStatus.HELD) {
                throw new IllegalHoldStateException(id, status, "extend", "");
            }
            if (hold.transition(life, HoldStatus.HELD, expiresAt)) {
                if (expiresAt < HoldState.expiresAt(life)) {
                    // Shortened: the SKUs' heap entries are later than the new expiry, so add earlier ones.
                    for (SkuState s : hold.skus()) {
                        s.push(expiresAt, hold.id);
                    }
                }
                break;
            }
        }
        emit(ev, () -> new StockEvent.HoldExtended(at(now), id, Instant.ofEpochMilli(expiresAt)));
    }

    /**
     * Pins an unpinned pool line to node index {@code n} of its pool: the node's shared stock and the channel's rules
     * there must take the open units, and every other pool hold of the SKU must stay satisfiable. Caller holds the
     * line's SKU lock.
     */
    static void pin(StockRules stock, HoldState hold, HoldId id, HoldState.Line line, int lineIndex, int n,
            NodeId node, long now, long cutoff, List<StockEvent> ev) {
        HoldStatus status = hold.statusAt(now);
        if (status.isFinal()) {
            throw new IllegalHoldStateException(id, status, "pin", "the hold is final");
        }
        if (line.pool < 0 || line.node >= 0 || line.open() == 0 || line.group >= 0 && hold.kits[line.group] != null) {
            throw new IllegalHoldStateException(id, status, "pin", "line " + lineIndex
                    + " is not an unpinned pool line with open units");
        }
        PoolDef pool = stock.poolsByIndex[line.pool];
        if (Arrays.binarySearch(pool.nodes(), n) < 0) {
            throw new IllegalArgumentException("node " + node + " is not in pool " + pool.id());
        }
        SkuState s = line.sku;
        int open = line.open();
        // Moving the units from the pool's demand to the node must keep every other pool hold satisfiable.
        s.addPoolDemand(line.pool, -open);
        boolean fits;
        try {
            int slot = s.find(n);
            // Shared stock only (pool lines never use reservations), and the channel's rules at the node.
            fits = slot >= 0 && stock.poolCapacity(s, slot) >= open && stock.channelAtp(s, slot, hold.channel, cutoff) >= open
                    && stock.poolsKeep(s, Map.of(n, (long) open), Map.of(), hold.channel);
        } finally {
            s.addPoolDemand(line.pool, open);
        }
        if (!fits) {
            int slot = s.find(n);
            throw new InsufficientStockException(s.sku, Optional.of(node), Optional.of(pool.id()),
                    hold.channel.id(), open, slot < 0 ? 0 : Math.min(stock.poolCapacity(s, slot), open - 1));
        }
        LotRules.allocatePinned(stock, line, hold.channel, n, cutoff);
        s.addPoolDemand(line.pool, -open);
        line.node = n;
        int slot = s.slot(n);
        s.setHeld(slot, Math.addExact(s.held(slot), open));
        LotRules.hold(line);
        stock.countRules(s, n, hold.channel, open);
        stock.afterChange(s, slot, now, ev);
        emit(ev, () -> new StockEvent.HoldPinned(at(now), id, lineIndex, s.sku, node));
    }
}

package io.github.omniretail.inventory;

import static io.github.omniretail.inventory.StockRules.at;
import static io.github.omniretail.inventory.StockRules.emit;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inventory rules kernel's lot rules: receipts into lots, which lots a hold line takes (named lots first, then
 * first-expiry-first-out or first-in-first-out over the lots a channel may sell, then units without a lot), how
 * fulfilment and release move a line's lot units, and the expiry sweep that writes off what is left of an expired
 * lot. Like {@link HoldRules}, every method changes only the {@link SkuState}s it is given, under the caller's locks,
 * and validates before it changes anything. Stateless; a position without lots never reaches the loops here.
 */
final class LotRules {

    /**
     * Minimum remaining shelf life per channel: a channel may take a lot only if it expires later than now plus
     * this. Immutable.
     */
    record ShelfLife(Map<ChannelId, Long> millis) {
        static final ShelfLife NONE = new ShelfLife(Map.of());

        ShelfLife {
            millis = Map.copyOf(millis);
        }

        ShelfLife with(ChannelId channel, Duration minimum) {
            if (minimum.isNegative()) {
                throw new IllegalArgumentException("minimum shelf life for " + channel + " must be >= 0, was "
                        + minimum);
            }
            Map<ChannelId, Long> next = new java.util.HashMap<>(millis);
            next.put(channel, minimum.toMillis());
            return new ShelfLife(next);
        }

        /** The last expiry a channel may not take at {@code now}. */
        long cutoff(Channel channel, long now) {
            if (millis.isEmpty()) {
                return now;
            }
            Long m = millis.get(channel.id());
            return m == null ? now : Math.addExact(now, m);
        }
    }

    private LotRules() {
    }

    /**
     * Receives {@code quantity} units into a lot at node index {@code n} (the position's on-hand grows with it).
     *
     * @throws IllegalArgumentException if the lot has expired, or exists here with another expiry
     */
    static int receive(StockRules stock, SkuState s, int n, Lot lot, int quantity, long now, List<StockEvent> ev) {
        long expires = check(stock, s, n, lot, now, "received");
        int slot = StockMoves.receive(stock, s, n, quantity, now, ev);
        int after = into(s, n, lot, expires, quantity, now);
        NodeId node = stock.nodes[n];
        emit(ev, () -> new StockEvent.LotReceived(at(now), s.sku, node, lot.id(), quantity, after));
        return slot;
    }

    /**
     * Checks that units may go into a lot at node index {@code n} now: it has not expired, and a lot of that id
     * here has the same expiry. Changes nothing.
     *
     * @return the lot's expiry in epoch milliseconds ({@link LotTable#NEVER} if none)
     * @throws IllegalArgumentException if not
     */
    static long check(StockRules stock, SkuState s, int n, Lot lot, long now, String what) {
        long expires = lot.expiresAt().map(Instant::toEpochMilli).orElse(LotTable.NEVER);
        if (expires <= now) {
            throw new IllegalArgumentException("lot " + lot.id() + " of " + s.sku + " expired at "
                    + Instant.ofEpochMilli(expires) + ": it cannot be " + what);
        }
        LotTable known = s.lotsOrNull(n);
        int i = known == null ? -1 : known.find(lot.id());
        if (i >= 0 && known.expires(i) != expires) {
            throw new IllegalArgumentException("lot " + lot.id() + " of " + s.sku + " at " + stock.nodes[n]
                    + " expires " + when(known.expires(i)) + ", not " + when(expires));
        }
        if (InboundRules.waiting(s, n) > 0) {
            throw new IllegalArgumentException("lot " + lot.id() + " of " + s.sku + " cannot be " + what + " at "
                    + stock.nodes[n] + ": pre-sale holds wait there for units without a lot; receive these "
                    + "units without a lot, or at another node");
        }
        return expires;
    }

    /**
     * Adds checked units to a lot's on-hand (the position's on-hand is the caller's).
     *
     * @return the lot's on-hand after
     */
    static int into(SkuState s, int n, Lot lot, long expires, int quantity, long now) {
        LotTable lots = s.lots(n);
        int at = lots.lot(lot.id(), expires, now);
        lots.addOnHand(at, quantity);
        return lots.onHand(at);
    }

    private static String when(long expires) {
        return expires == LotTable.NEVER ? "never" : Instant.ofEpochMilli(expires).toString();
    }

    /** Units at a position with lots that belong to no lot and are free. */
    private static long lotlessFree(SkuState s, int slot, LotTable lots) {
        long onHand = s.onHand(slot) - lots.onHandInLots();
        long held = Math.max(0, s.held(slot) - lots.heldInLots());
        return Math.max(0, onHand - held);
    }

    /**
     * A position's units available to promise to a channel, by the lot a first-expiry-first-out hold takes them
     * from (see {@link InventoryEngine#atpByLot}); caller holds the lock.
     */
    static List<LotAtp> atpByLot(StockRules stock, SkuState s, int n, Channel channel, long cutoff) {
        int slot = s.find(n);
        if (slot < 0) {
            return List.of();
        }
        long remaining = stock.maxTake(s, slot, channel, stock.channelAtp(s, slot, channel, cutoff));
        if (remaining <= 0) {
            return List.of();
        }
        LotTable lots = s.lotsOrNull(n);
        if (lots == null) {
            return List.of(new LotAtp(Optional.empty(), Optional.empty(), (int) remaining));
        }
        List<LotAtp> out = new ArrayList<>();
        for (int j : lots.order(false)) {
            long u = lots.expires(j) > cutoff ? Math.min(lots.free(j), remaining) : 0;
            if (u > 0) {
                long expires = lots.expires(j);
                out.add(new LotAtp(Optional.of(lots.id(j)), expires == LotTable.NEVER ? Optional.empty()
                        : Optional.of(Instant.ofEpochMilli(expires)), (int) u));
                remaining -= u;
            }
        }
        long u = Math.min(remaining, lotlessFree(s, slot, lots));
        if (u > 0) {
            out.add(new LotAtp(Optional.empty(), Optional.empty(), (int) u));
        }
        return List.copyOf(out);
    }

    /**
     * Chooses the lots of every node line of a new hold that lands on a position with lots or names a lot, and
     * records them on the lines (nothing else changes). Named lots are served first, then the other lines in
     * order. Runs after the position checks, so units enough are known to be free.
     *
     * @throws InsufficientStockException if a named lot lacks the units (or the channel may not take it)
     */
    static void allocate(StockRules stock, HoldState.Line[] lines, List<HoldLine> requested, Channel channel,
            long cutoff) {
        boolean[] done = null;
        for (int i = 0; i < lines.length; i++) {
            HoldState.Line line = lines[i];
            if (line.node < 0 || done != null && done[i]) {
                continue; // pool lines choose at pin; done as part of an earlier line's position
            }
            LotTable lots = line.sku.lotsOrNull(line.node);
            String named = requested.get(i).lot().orElse(null);
            if (lots == null && named == null) {
                continue;
            }
            if (done == null) {
                done = new boolean[lines.length];
            }
            allocatePosition(stock, lines, requested, i, lots, channel, cutoff, done);
        }
    }

    /** Allocates every line of the request at the position of line {@code first}. */
    private static void allocatePosition(StockRules stock, HoldState.Line[] lines, List<HoldLine> requested,
            int first, LotTable lots, Channel channel, long cutoff, boolean[] done) {
        SkuState s = lines[first].sku;
        int node = lines[first].node;
        int slot = s.find(node);
        int size = lots == null ? 0 : lots.size();
        // one line needs no scratch copy of the lots' free units (the common case: read them in place)
        long[] free = lines.length == 1 ? null : new long[size];
        for (int j = 0; free != null && j < size; j++) {
            free[j] = lots.expires(j) > cutoff ? lots.free(j) : 0;
        }
        long lotless = lots == null ? (slot < 0 ? 0 : Math.max(0, s.onHand(slot) - s.held(slot)))
                : lotlessFree(s, slot, lots);
        // named lots first
        for (int i = first; i < lines.length; i++) {
            HoldState.Line line = lines[i];
            String named = requested.get(i).lot().orElse(null);
            if (line.sku != s || line.node != node || named == null) {
                continue;
            }
            int j = lots == null ? -1 : lots.find(named);
            long available = j < 0 ? 0 : free(free, lots, j, cutoff);
            if (available < line.quantity) {
                throw new InsufficientStockException(s.sku, Optional.of(stock.nodes[node]), Optional.empty(),
                        channel.id(), line.quantity, available, "lot " + named + (j < 0 ? " is not at this node"
                        : lots.expires(j) <= cutoff ? " expires too soon for " + channel.id()
                        : " has " + available + " free"));
            }
            if (free != null) {
                free[j] -= line.quantity;
            }
            done[i] = true;
            line.take = new LotTable.Take(requested.get(i).order() == LotOrder.FIFO, named);
            line.take.add(named, line.quantity);
        }
        for (int i = first; i < lines.length; i++) {
            HoldState.Line line = lines[i];
            if (line.sku != s || line.node != node || done[i]) {
                continue;
            }
            done[i] = true;
            boolean fifo = requested.get(i).order() == LotOrder.FIFO;
            LotTable.Take take = new LotTable.Take(fifo, null);
            long remaining = line.quantity;
            if (lots != null) {
                int[] order = fifo ? lots.order(true) : null; // the table is kept first-expiry-first
                for (int k = 0; k < size && remaining > 0; k++) {
                    int j = order == null ? k : order[k];
                    long u = Math.min(free(free, lots, j, cutoff), remaining);
                    if (u > 0) {
                        take.add(lots.id(j), (int) u);
                        if (free != null) {
                            free[j] -= u;
                        }
                        remaining -= u;
                    }
                }
            }
            long u = Math.min(lotless, remaining);
            lotless -= u;
            remaining -= u;
            if (remaining > 0) {
                throw new InsufficientStockException(s.sku, Optional.of(stock.nodes[node]), Optional.empty(),
                        channel.id(), line.quantity, line.quantity - remaining);
            }
            line.take = take;
        }
    }

    /** Free units of lot {@code j} a line may take: from the scratch copy, or read in place when there is none. */
    private static long free(long[] free, LotTable lots, int j, long cutoff) {
        return free != null ? free[j] : lots.expires(j) > cutoff ? lots.free(j) : 0;
    }

    /** Chooses the lots of a pool line being pinned to node index {@code n} (checked to have the units). */
    static void allocatePinned(StockRules stock, HoldState.Line line, Channel channel, int n, long cutoff) {
        LotTable lots = line.sku.lotsOrNull(n);
        if (lots == null) {
            return;
        }
        boolean fifo = line.take != null && line.take.fifo;
        int saved = line.node;
        line.node = n;
        line.take = null;
        HoldLine as = new HoldLine(line.sku.sku, Optional.of(stock.nodes[n]), Optional.empty(), line.open(),
                fifo ? LotOrder.FIFO : LotOrder.FEFO, Optional.empty());
        HoldState.Line probe = new HoldState.Line(line.sku, n, -1, line.open());
        try {
            allocatePosition(stock, new HoldState.Line[] {probe}, List.of(as), 0, lots, channel, cutoff,
                    new boolean[1]);
        } finally {
            line.node = saved;
        }
        line.take = probe.take;
    }

    /** Holds a line's chosen lot units (the position's held units are the caller's). */
    static void hold(HoldState.Line line) {
        LotTable.Take take = line.take;
        if (take == null || take.ids.length == 0) {
            return;
        }
        LotTable lots = line.sku.lots(line.node);
        for (int k = 0; k < take.ids.length; k++) {
            lots.addHeld(lots.find(take.ids[k]), take.open(k));
        }
    }

    /**
     * Moves {@code units} of a line out of its lots: shipped from the first lots it took, or released back from
     * the last (units without a lot go last when shipping, first when releasing).
     */
    static void give(StockRules stock, HoldState hold, HoldState.Line line, int units, boolean fulfilled, long now,
            List<StockEvent> ev) {
        LotTable.Take take = line.take;
        if (take == null || take.ids.length == 0) {
            return;
        }
        LotTable lots = line.sku.lots(line.node);
        int lotless = line.open() - take.openInLots();
        int remaining = units;
        if (fulfilled) {
            for (int k = 0; k < take.ids.length && remaining > 0; k++) {
                int u = Math.min(take.open(k), remaining);
                if (u == 0) {
                    continue;
                }
                int j = lots.find(take.ids[k]);
                lots.addHeld(j, -u);
                lots.addOnHand(j, -u);
                take.close(k, u, true);
                remaining -= u;
                String lot = take.ids[k];
                NodeId node = stock.nodes[line.node];
                Sku sku = line.sku.sku;
                emit(ev, () -> new StockEvent.LotFulfilled(at(now), new HoldId(hold.id), sku, node, lot, u));
            }
        } else {
            remaining -= Math.min(lotless, remaining);
            for (int k = take.ids.length - 1; k >= 0 && remaining > 0; k--) {
                int u = Math.min(take.open(k), remaining);
                if (u == 0) {
                    continue;
                }
                lots.addHeld(lots.find(take.ids[k]), -u);
                take.close(k, u, false);
                remaining -= u;
            }
        }
        lots.compact();
    }

    /**
     * Writes off the free units of every lot of {@code s} past its expiry at {@code now}; units held for orders
     * stay. Returns the units wasted.
     */
    static int expire(StockRules stock, SkuState s, long now, List<StockEvent> ev) {
        if (s.lots == null) {
            return 0;
        }
        int wasted = 0;
        for (Map.Entry<Integer, LotTable> e : new ArrayList<>(s.lots.entrySet())) {
            int n = e.getKey();
            LotTable lots = e.getValue();
            int slot = s.find(n);
            boolean changed = false;
            for (int j = 0; j < lots.size() && lots.expires(j) <= now; j++) {
                int free = lots.free(j);
                if (free == 0) {
                    continue;
                }
                lots.addOnHand(j, -free);
                s.setOnHand(slot, s.onHand(slot) - free);
                wasted += free;
                changed = true;
                NodeId node = stock.nodes[n];
                String lot = lots.id(j);
                Instant expiredAt = Instant.ofEpochMilli(lots.expires(j));
                int after = s.onHand(slot);
                emit(ev, () -> new StockEvent.LotExpired(at(now), s.sku, node, lot, expiredAt, free));
                emit(ev, () -> new StockEvent.Adjusted(at(now), s.sku, node, -free, after, "lot " + lot
                        + " expired"));
            }
            if (changed) {
                lots.compact();
                stock.afterChange(s, slot, now, ev);
            }
            if (lots.size() == 0) {
                s.lots.remove(n);
            }
        }
        return wasted;
    }

    /**
     * Changes one lot's on-hand by {@code delta} with a reason (a count of the lot, spoiled or damaged units
     * written off, a correction): the position's on-hand changes with it. Only free units of the lot can be taken;
     * an emptied lot is forgotten. Caller holds the lock.
     *
     * @return the position's slot
     * @throws IllegalArgumentException if the lot is not at the node, or {@code delta} would take held units
     */
    static int adjust(StockRules stock, SkuState s, int n, String lot, int delta, String reason, long now,
            List<StockEvent> ev) {
        LotTable lots = s.lotsOrNull(n);
        int j = lots == null ? -1 : lots.find(lot);
        NodeId node = stock.nodes[n];
        if (j < 0) {
            throw new IllegalArgumentException("lot " + lot + " of " + s.sku + " is not at " + node);
        }
        if (delta < 0 && -(long) delta > lots.free(j)) {
            throw new IllegalArgumentException("lot " + lot + " of " + s.sku + " at " + node + " has "
                    + lots.free(j) + " free units (" + lots.held(j) + " held for orders): " + delta
                    + " would take held units");
        }
        if (delta > 0 && lots.expires(j) <= now) {
            throw new IllegalArgumentException("lot " + lot + " of " + s.sku + " expired at "
                    + Instant.ofEpochMilli(lots.expires(j)) + ": units cannot be added to it");
        }
        int slot = s.find(n);
        int after = Math.addExact(s.onHand(slot), delta);
        lots.addOnHand(j, delta);
        int lotAfter = lots.onHand(j);
        s.setOnHand(slot, after);
        if (lotAfter == 0) {
            lots.compact();
        }
        emit(ev, () -> new StockEvent.LotAdjusted(at(now), s.sku, node, lot, delta, lotAfter, reason));
        emit(ev, () -> new StockEvent.Adjusted(at(now), s.sku, node, delta, after, reason));
        stock.afterChange(s, slot, now, ev);
        return slot;
    }

    /**
     * Refuses an on-hand change at a position with lots that would take units the lots own: such a change names
     * its lot.
     */
    static void checkLotless(StockRules stock, SkuState s, int n, long onHandAfter) {
        LotTable lots = s.lotsOrNull(n);
        if (lots != null && onHandAfter < lots.onHandInLots()) {
            throw new IllegalArgumentException("on-hand of " + s.sku + " at " + stock.nodes[n] + " would fall to "
                    + onHandAfter + ", below the " + lots.onHandInLots() + " units in its lots: adjust the lot (adjustLot)");
        }
    }

    /** Free units at a position that belong to no lot (all free units where it has no lots). */
    static long lotlessFree(SkuState s, int slot) {
        LotTable lots = s.lotsOrNull(s.node(slot));
        return lots == null ? Math.max(0, s.onHand(slot) - s.held(slot)) : lotlessFree(s, slot, lots);
    }
}

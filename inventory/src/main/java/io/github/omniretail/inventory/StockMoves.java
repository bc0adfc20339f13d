package io.github.omniretail.inventory;

import static io.github.omniretail.inventory.StockRules.at;
import static io.github.omniretail.inventory.StockRules.emit;

import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;

/**
 * The inventory rules kernel's stock movements: receipts, adjustments and counts, transfers out and in. Each
 * changes one SKU's {@link SkuState} under the caller's lock of that SKU, validating before it changes anything, and
 * adds its events (the low-stock signal included). Stateless.
 */
final class StockMoves {

    private static final ChannelId TRANSFER = ChannelId.of("transfer");

    private StockMoves() {
    }

    /** Adds received units at node index {@code n}; returns the position's slot. */
    static int receive(StockRules stock, SkuState s, int n, int quantity, long now, List<StockEvent> ev) {
        int slot = s.slot(n);
        s.setOnHand(slot, Math.addExact(s.onHand(slot), quantity));
        NodeId node = stock.nodes[n];
        emit(ev, () -> new StockEvent.Received(at(now), s.sku, node, quantity, s.onHand(slot)));
        stock.afterChange(s, slot, now, ev);
        return slot;
    }

    /**
     * Sets on-hand at node index {@code n} to {@code next(current)} with a reason (an adjustment or a count); a fall
     * below the held units is reported as a shortage. Returns the position's slot.
     *
     * @throws IllegalArgumentException if on-hand would become negative
     */
    static int setOnHand(StockRules stock, SkuState s, int n, IntUnaryOperator next, String reason, long now,
            List<StockEvent> ev) {
        int slot = s.slot(n);
        Sku sku = s.sku;
        NodeId node = stock.nodes[n];
        int before = s.onHand(slot);
        int after = next.applyAsInt(before);
        if (after < 0) {
            throw new IllegalArgumentException("on-hand of " + sku + " at " + node + " would become " + after
                    + " (was " + before + ")");
        }
        LotRules.checkLotless(stock, s, n, after);
        s.setOnHand(slot, after);
        if (after != before) {
            emit(ev, () -> new StockEvent.Adjusted(at(now), sku, node, after - before, after, reason));
        }
        if (after < before && s.held(slot) > after) {
            int shortage = s.held(slot) - after;
            emit(ev, () -> new StockEvent.ShortageDetected(at(now), sku, node, shortage));
        }
        stock.afterChange(s, slot, now, ev);
        return slot;
    }

    /**
     * Takes {@code quantity} units out of node index {@code from} into transit to node index {@code to}: only shared
     * stock (no channel's reservation) and only if every pool hold stays satisfiable. The id is drawn from
     * {@code ids} after the checks pass.
     *
     * @throws InsufficientStockException if the source cannot spare the units
     */
    static TransferState dispatch(StockRules stock, SkuState s, int from, int to, int quantity, LongSupplier ids,
            long now, List<StockEvent> ev) {
        int slot = s.find(from);
        long available = slot < 0 ? 0 : stock.poolCapacity(s, slot);
        if (available < quantity || !stock.poolsKeep(s, Map.of(from, (long) quantity), Map.of(), null)) {
            throw new InsufficientStockException(s.sku, Optional.of(stock.nodes[from]), Optional.empty(), TRANSFER,
                    quantity, slot < 0 ? 0 : stock.maxTake(s, slot, null, available));
        }
        if (s.lotsOrNull(from) != null && LotRules.lotlessFree(s, slot) < quantity) {
            throw new InsufficientStockException(s.sku, Optional.of(stock.nodes[from]), Optional.empty(), TRANSFER,
                    quantity, Math.min(available, LotRules.lotlessFree(s, slot)), "a transfer moves units without a"
                    + " lot; the rest here is in lots");
        }
        s.setOnHand(slot, s.onHand(slot) - quantity);
        TransferState transfer = new TransferState(ids.getAsLong(), s, from, to, quantity, now);
        TransferId id = new TransferId(transfer.id);
        NodeId source = stock.nodes[from];
        NodeId destination = stock.nodes[to];
        emit(ev, () -> new StockEvent.TransferDispatched(at(now), id, s.sku, source, destination, quantity));
        stock.afterChange(s, slot, now, ev);
        return transfer;
    }

    /**
     * Receives {@code received} units of a transfer at its destination (range checked by the caller); the rest is
     * lost in transit.
     *
     * @throws IllegalArgumentException if it was already received
     */
    static void receiveTransfer(StockRules stock, TransferState t, int received, long now, List<StockEvent> ev) {
        TransferId id = new TransferId(t.id);
        if (t.receivedAt >= 0) {
            throw new IllegalArgumentException("transfer " + id + " was already received");
        }
        SkuState s = t.sku;
        int slot = s.slot(t.to);
        s.setOnHand(slot, Math.addExact(s.onHand(slot), received));
        t.received = received;
        t.receivedAt = now;
        NodeId to = stock.nodes[t.to];
        emit(ev, () -> new StockEvent.TransferReceived(at(now), id, s.sku, to, received, t.quantity - received));
        stock.afterChange(s, slot, now, ev);
    }
}

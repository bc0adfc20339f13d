package io.github.omniretail.inventory;

import static io.github.omniretail.inventory.StockRules.at;
import static io.github.omniretail.inventory.StockRules.emit;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.NodeId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The inventory rules kernel's inbound rules: expected receipts, pre-sale lines waiting for them, their promise
 * dates, serving them in placement order when stock lands, and the late-or-short rule. Changes only the
 * {@link SkuState} (and, to cancel waiting units, the {@link HoldState}s) it is given, under the caller's lock of that
 * SKU; checks before it changes anything. Stateless.
 *
 * <p>The rule for late and short receipts: after receipts change, promises are derived again in placement order. A
 * waiting line whose hold asked for a latest promise and whose units are now covered only later (late) or by no
 * known receipt (short) has its waiting units cancelled — released from the hold, which ends when nothing else is
 * open — and the lines behind it move up. Lines of open-ended pre-sales are re-promised, or wait as backorders.
 */
final class InboundRules {

    /** Signals that a waiting hold was not loaded; a stored engine loads it and tries again. Changes nothing. */
    static final class HoldNotLoaded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long hold;

        HoldNotLoaded(long hold) {
            super("waiting hold H-" + hold + " is not loaded", null, false, false);
            this.hold = hold;
        }
    }

    private InboundRules() {
    }

    static InboundTable table(SkuState s, int n) {
        return s.inbound == null ? null : s.inbound.get(n);
    }

    /** @return units waiting at node index {@code n} of {@code s} */
    static long waiting(SkuState s, int n) {
        InboundTable t = table(s, n);
        return t == null ? 0 : t.waitingUnits();
    }

    private static InboundTable tableFor(SkuState s, int n) {
        if (s.inbound == null) {
            s.inbound = new java.util.HashMap<>();
        }
        return s.inbound.computeIfAbsent(n, k -> new InboundTable());
    }

    private static void dropIfEmpty(SkuState s, int n) {
        InboundTable t = table(s, n);
        if (t != null && t.isEmpty()) {
            s.inbound.remove(n);
            if (s.inbound.isEmpty()) {
                s.inbound = null;
            }
        }
    }

    private static Optional<Instant> instant(long promise) {
        return promise == InboundTable.BACKORDER ? Optional.empty() : Optional.of(Instant.ofEpochMilli(promise));
    }

    // ---- receipts

    /** Adds an expected receipt at node index {@code n}; waiting lines may be promised earlier. */
    static void expect(StockRules stock, SkuState s, int n, ExpectedReceipt r, long now, List<StockEvent> ev) {
        InboundTable existing = table(s, n);
        if (existing != null && existing.receipt(r.id()) != null) {
            throw new IllegalArgumentException("receipt " + r.id() + " of " + s.sku + " is already expected at "
                    + r.node() + "; revise it instead");
        }
        s.slot(n); // a position, so snapshots and position() see it
        InboundTable t = tableFor(s, n);
        t.add(new InboundTable.Receipt(r.id(), r.kind(), r.quantity(), r.eta().toEpochMilli()));
        emit(ev, () -> new StockEvent.ReceiptExpected(at(now), s.sku, r.node(), r.id(), r.quantity(), r.eta(),
                r.kind()));
        repromise(stock, s, n, h -> null, now, ev);
    }

    /**
     * Changes an expected receipt's quantity and ETA; quantity 0 cancels it. Then the late-or-short rule.
     *
     * @throws IllegalArgumentException if no such receipt is expected there
     */
    static void revise(StockRules stock, SkuState s, int n, String id, int quantity, Instant eta,
            LongFunction<HoldState> holds, long now, List<StockEvent> ev) {
        InboundTable t = table(s, n);
        InboundTable.Receipt r = expected(stock, s, n, id);
        NodeId node = stock.nodes[n];
        requireLoaded(t, holds);
        if (quantity == 0) {
            t.receipts.remove(r);
        } else {
            r.quantity = quantity;
            r.eta = eta.toEpochMilli();
            t.resort(r);
        }
        emit(ev, () -> new StockEvent.ReceiptRevised(at(now), s.sku, node, id, quantity, eta));
        repromise(stock, s, n, holds, now, ev);
        dropIfEmpty(s, n);
    }

    /**
     * An expected receipt arrives with {@code received} units (fewer: short; more: the surplus is ordinary stock).
     * The units go on hand, waiting lines are served in placement order, then the late-or-short rule.
     *
     * @return the position's slot
     */
    static int land(StockRules stock, SkuState s, int n, String id, int received, LongFunction<HoldState> holds,
            long now, List<StockEvent> ev) {
        InboundTable t = table(s, n);
        InboundTable.Receipt r = expected(stock, s, n, id);
        NodeId node = stock.nodes[n];
        requireLoaded(t, holds);
        t.receipts.remove(r);
        int expected = r.quantity;
        emit(ev, () -> new StockEvent.ReceiptLanded(at(now), s.sku, node, id, expected, received));
        int slot = received > 0 ? StockMoves.receive(stock, s, n, received, now, ev) : s.slot(n);
        repromise(stock, s, n, holds, now, ev);
        dropIfEmpty(s, n);
        return slot;
    }

    /** The id of the receipt a transfer dispatched with an ETA is expected under at its destination. */
    static String transferReceipt(long transfer) {
        return "transfer-" + transfer;
    }

    /**
     * Receives a transfer ({@link StockMoves#receiveTransfer}); if it was dispatched with an ETA, its expected
     * receipt at the destination is closed like {@link #land}: waiting lines served, then the late-or-short rule.
     */
    static void landTransfer(StockRules stock, TransferState t, int received, LongFunction<HoldState> holds, long now,
            List<StockEvent> ev) {
        SkuState s = t.sku;
        InboundTable table = table(s, t.to);
        String id = transferReceipt(t.id);
        InboundTable.Receipt r = table == null ? null : table.receipt(id);
        if (r != null && t.receivedAt < 0) {
            requireLoaded(table, holds);
        }
        StockMoves.receiveTransfer(stock, t, received, now, ev);
        if (r != null) {
            table.receipts.remove(r);
            NodeId node = stock.nodes[t.to];
            int expected = r.quantity;
            emit(ev, () -> new StockEvent.ReceiptLanded(at(now), s.sku, node, id, expected, received));
            repromise(stock, s, t.to, holds, now, ev);
            dropIfEmpty(s, t.to);
        }
    }

    private static InboundTable.Receipt expected(StockRules stock, SkuState s, int n, String id) {
        InboundTable t = table(s, n);
        InboundTable.Receipt r = t == null ? null : t.receipt(id);
        if (r == null) {
            throw new IllegalArgumentException("no receipt " + id + " of " + s.sku + " is expected at "
                    + stock.nodes[n]);
        }
        return r;
    }

    private static void requireLoaded(InboundTable t, LongFunction<HoldState> holds) {
        for (InboundTable.Wait w : t.queue()) {
            if (w.latest != InboundTable.BACKORDER && holds.apply(w.hold) == null) {
                throw new HoldNotLoaded(w.hold);
            }
        }
    }

    /**
     * Derives every waiting line's promise again in placement order: cancels the waiting units of lines promised
     * past their latest promise (each cancellation lets the lines behind move up), announces changed promises.
     */
    private static void repromise(StockRules stock, SkuState s, int n, LongFunction<HoldState> holds, long now,
            List<StockEvent> ev) {
        InboundTable t = table(s, n);
        if (t == null) {
            return;
        }
        NodeId node = stock.nodes[n];
        while (true) {
            long[] promises = t.promises();
            List<InboundTable.Wait> queue = new ArrayList<>(t.queue());
            int late = -1;
            for (int k = 0; k < promises.length && late < 0; k++) {
                InboundTable.Wait w = queue.get(k);
                if (w.latest != InboundTable.BACKORDER && promises[k] > w.latest) {
                    late = k;
                }
            }
            if (late < 0) {
                for (int k = 0; k < promises.length; k++) {
                    InboundTable.Wait w = queue.get(k);
                    if (promises[k] != w.promised) {
                        Optional<Instant> before = instant(w.promised);
                        Optional<Instant> after = instant(promises[k]);
                        int units = w.units;
                        emit(ev, () -> new StockEvent.HoldRepromised(at(now), new HoldId(w.hold), s.sku, node,
                                units, before, after));
                        w.promised = promises[k];
                    }
                }
                return;
            }
            InboundTable.Wait w = queue.get(late);
            t.drop(w);
            String reason = promises[late] == InboundTable.BACKORDER ? "short" : "late";
            cancel(holds.apply(w.hold), w, now);
            int units = w.units;
            emit(ev, () -> new StockEvent.WaitCancelled(at(now), new HoldId(w.hold), s.sku, node, units, reason));
        }
    }

    /**
     * Releases a cancelled wait's units from its hold line; the hold ends when nothing of it is open, FULFILLED if
     * any of its units were fulfilled (as {@code HoldRules} ends holds), RELEASED otherwise.
     */
    private static void cancel(HoldState hold, InboundTable.Wait w, long now) {
        HoldState.Line line = hold.lines[w.line];
        line.released += w.units;
        for (HoldState.Line l : hold.lines) {
            if (l.open() > 0) {
                return;
            }
        }
        while (true) {
            long life = hold.life();
            HoldStatus status = HoldState.status(life);
            if (status != HoldStatus.HELD && status != HoldStatus.CONFIRMED) {
                return;
            }
            // as any hold that ends: FULFILLED if some of it left the building, RELEASED if none did
            boolean anyFulfilled = java.util.Arrays.stream(hold.lines).anyMatch(l -> l.fulfilled > 0);
            if (hold.transition(life, anyFulfilled ? HoldStatus.FULFILLED : HoldStatus.RELEASED,
                    HoldState.expiresAt(life))) {
                hold.finalizedAt = now;
                return;
            }
        }
    }

    // ---- waiting lines

    /**
     * Plans a pre-sale request's lines (all at nodes): each takes what its channel may take now (less what waiting
     * lines already claim) and waits for the rest, which must be covered by receipts due by the latest promise, or
     * (open-ended) fit the SKU's backorder limit for the channel. Changes nothing.
     *
     * @return units waiting per line
     * @throws InsufficientStockException if a line cannot be covered
     */
    static int[] plan(StockRules stock, HoldState.Line[] lines, Channel channel, List<HoldLine> requested,
            long cutoff, Presale presale) {
        int[] waits = new int[lines.length];
        long latest = presale.latestPromise().map(Instant::toEpochMilli).orElse(InboundTable.BACKORDER);
        for (int i = 0; i < lines.length; i++) {
            HoldState.Line line = lines[i];
            SkuState s = line.sku;
            long takenBefore = 0;
            long waitingBefore = 0;
            for (int j = 0; j < i; j++) {
                if (lines[j].sku == s && lines[j].node == line.node) {
                    takenBefore += lines[j].quantity - waits[j];
                    waitingBefore += waits[j];
                }
            }
            int slot = s.find(line.node);
            long now = slot < 0 ? 0 : Math.max(0, stock.channelAtp(s, slot, channel, cutoff) - takenBefore);
            int take = (int) Math.min(line.quantity, now);
            int wait = line.quantity - take;
            waits[i] = wait;
            if (wait == 0) {
                continue;
            }
            InboundTable t = table(s, line.node);
            long promise = t == null ? InboundTable.BACKORDER : t.promiseOfNext(waitingBefore + wait);
            boolean lots = s.lotsOrNull(line.node) != null;
            boolean fits = !lots && promise <= latest;
            if (!lots && promise == InboundTable.BACKORDER && latest == InboundTable.BACKORDER) {
                fits = backorderFits(s, channel, t, waitingBefore + wait, wait, lines, waits, i);
            }
            if (!fits) {
                long promisable = t == null || lots ? 0
                        : Math.max(0, t.expectedBy(latest) - t.waitingUnits() - waitingBefore);
                throw new InsufficientStockException(s.sku, requested.get(i).node(), Optional.empty(),
                        channel.id(), line.quantity, Math.min(line.quantity - 1L, take + promisable));
            }
        }
        return waits;
    }

    private static boolean backorderFits(SkuState s, Channel channel, InboundTable t, long need, int wait,
            HoldState.Line[] lines, int[] waits, int i) {
        Integer limit = s.backorderLimits == null ? null : s.backorderLimits.get(channel.id());
        if (limit == null || limit == 0) {
            return false;
        }
        long expected = 0;
        long waiting = 0;
        if (t != null) {
            for (InboundTable.Receipt r : t.receipts) {
                expected += r.quantity;
            }
            waiting = t.waitingUnits();
        }
        long uncovered = Math.min(wait, waiting + need - expected);
        long already = 0;
        if (s.inbound != null) {
            for (InboundTable other : s.inbound.values()) {
                already += other.backordered(channel);
            }
        }
        // earlier lines of this request backordered at other positions of the SKU count too (rare; counted whole)
        for (int j = 0; j < i; j++) {
            if (lines[j].sku == s && lines[j].node != lines[i].node) {
                already += waits[j];
            }
        }
        return already + uncovered <= limit;
    }

    /** Queues a planned line's waiting units behind everything waiting at its node. */
    static void enqueue(StockRules stock, HoldState hold, int lineIndex, int units, Presale presale, long now,
            List<StockEvent> ev) {
        HoldState.Line line = hold.lines[lineIndex];
        SkuState s = line.sku;
        InboundTable t = tableFor(s, line.node);
        long promise = t.promiseOfNext(units);
        long latest = presale.latestPromise().map(Instant::toEpochMilli).orElse(InboundTable.BACKORDER);
        t.enqueue(new InboundTable.Wait(hold.id, lineIndex, hold.channel, latest, units, promise));
        NodeId node = stock.nodes[line.node];
        emit(ev, () -> new StockEvent.HoldWaiting(at(now), new HoldId(hold.id), s.sku, node, units,
                instant(promise)));
    }

    /**
     * Takes up to {@code units} waiting units of a hold line off the queue (a release or an expiry gives those back
     * first).
     *
     * @return units taken off
     */
    static int unwait(SkuState s, int n, long hold, int lineIndex, int units) {
        InboundTable t = table(s, n);
        if (t == null) {
            return 0;
        }
        InboundTable.Wait w = t.waitOf(hold, lineIndex);
        if (w == null) {
            return 0;
        }
        int off = Math.min(units, w.units);
        t.take(w, off);
        dropIfEmpty(s, n);
        return off;
    }

    /** @return {units waiting, promise} of a hold line at node index {@code n} */
    static long[] waitOf(SkuState s, int n, long hold, int lineIndex) {
        InboundTable t = table(s, n);
        InboundTable.Wait w = t == null ? null : t.waitOf(hold, lineIndex);
        return w == null ? new long[] {0, InboundTable.BACKORDER} : new long[] {w.units, t.promiseOf(w)};
    }

    /**
     * Serves waiting lines at a position, strictly in placement order, from what each line's channel may take:
     * stops at the first line that gets nothing. Caller holds the lock; runs after every change of the position.
     */
    static void serve(StockRules stock, SkuState s, int slot, long now, List<StockEvent> ev) {
        int n = s.node(slot);
        InboundTable t = table(s, n);
        if (t == null || !t.anyWaiting() || s.lotsOrNull(n) != null) {
            return;
        }
        NodeId node = stock.nodes[n];
        while (t.anyWaiting()) {
            InboundTable.Wait w = t.first();
            long free = stock.freeFor(s, slot, w.channel, now);
            int units = (int) Math.min(w.units, free);
            if (units <= 0) {
                break;
            }
            s.setHeld(slot, Math.addExact(s.held(slot), units));
            stock.countRules(s, n, w.channel, units);
            t.take(w, units);
            int still = w.units;
            emit(ev, () -> new StockEvent.HoldAllocated(at(now), new HoldId(w.hold), s.sku, node, units, still));
        }
        dropIfEmpty(s, n);
    }

    // ---- snapshots

    /** The waiting units at a position as a snapshot keeps them, in queue order. */
    static List<InventorySnapshot.WaitingState> waitingStates(SkuState s, int n) {
        InboundTable t = table(s, n);
        List<InventorySnapshot.WaitingState> out = new ArrayList<>();
        if (t != null) {
            for (InboundTable.Wait w : t.queue()) {
                out.add(new InventorySnapshot.WaitingState(new HoldId(w.hold), w.line, w.channel,
                        w.latest == InboundTable.BACKORDER ? Optional.empty()
                                : Optional.of(Instant.ofEpochMilli(w.latest)), w.units));
            }
        }
        return out;
    }

    /** Restores a position's receipts and waiting queue from a snapshot (a fresh engine, before its holds). */
    static void restore(SkuState s, int n, List<ExpectedReceipt> receipts,
            List<InventorySnapshot.WaitingState> waiting) {
        if (receipts.isEmpty() && waiting.isEmpty()) {
            return;
        }
        InboundTable t = tableFor(s, n);
        for (ExpectedReceipt r : receipts) {
            t.add(new InboundTable.Receipt(r.id(), r.kind(), r.quantity(), r.eta().toEpochMilli()));
        }
        for (InventorySnapshot.WaitingState w : waiting) {
            t.enqueue(new InboundTable.Wait(w.hold().value(), w.line(), w.channel(),
                    w.latestPromise().map(Instant::toEpochMilli).orElse(InboundTable.BACKORDER), w.units(), 0));
        }
        long[] promises = t.promises();
        int k = 0;
        for (InboundTable.Wait w : t.queue()) {
            w.promised = promises[k++];
        }
    }

    /** Marks a restored hold as a pre-sale if any of its lines waits (its policy read from the queue). */
    static void restorePresale(HoldState hold) {
        for (HoldState.Line line : hold.lines) {
            InboundTable t = line.node < 0 ? null : table(line.sku, line.node);
            if (t == null) {
                continue;
            }
            for (InboundTable.Wait w : t.queue()) {
                if (w.hold == hold.id) {
                    hold.presale = new HoldState.PresaleState(w.latest == InboundTable.BACKORDER
                            ? Presale.openEnded() : Presale.promisedBy(Instant.ofEpochMilli(w.latest)));
                    return;
                }
            }
        }
    }

    // ---- views

    static ExpectedReceipt view(StockRules stock, io.github.omniretail.core.Sku sku, int n, InboundTable.Receipt r) {
        return new ExpectedReceipt(r.id, sku, stock.nodes[n], r.quantity, Instant.ofEpochMilli(r.eta), r.kind);
    }

    static List<ExpectedReceipt> inbound(StockRules stock, SkuState s, int n) {
        InboundTable t = table(s, n);
        List<ExpectedReceipt> out = new ArrayList<>();
        if (t != null) {
            for (InboundTable.Receipt r : t.receipts) {
                out.add(view(stock, s.sku, n, r));
            }
        }
        return out;
    }

    static List<WaitingUnits> waitingView(SkuState s, int n) {
        InboundTable t = table(s, n);
        List<WaitingUnits> out = new ArrayList<>();
        if (t != null) {
            long[] promises = t.promises();
            int k = 0;
            for (InboundTable.Wait w : t.queue()) {
                out.add(new WaitingUnits(new HoldId(w.hold), w.units, instant(promises[k++])));
            }
        }
        return List.copyOf(out);
    }

    /** Units the channel may promise from now on and from each later ETA on (changes only). */
    static List<DatedAtp> atpByDate(StockRules stock, SkuState s, int n, Channel channel, long now, long cutoff) {
        int slot = s.find(n);
        InboundTable t = table(s, n);
        long free = slot < 0 ? 0 : stock.freeFor(s, slot, channel, cutoff);
        long waiting = t == null ? 0 : t.waitingUnits();
        List<DatedAtp> out = new ArrayList<>();
        long first = Math.max(0, free + (t == null ? 0 : t.expectedBy(now)) - waiting);
        out.add(new DatedAtp(Instant.ofEpochMilli(now), first));
        if (t != null) {
            long last = first;
            for (InboundTable.Receipt r : t.receipts) {
                if (r.eta <= now) {
                    continue;
                }
                long v = Math.max(0, free + t.expectedBy(r.eta) - waiting);
                if (v != last) {
                    out.add(new DatedAtp(Instant.ofEpochMilli(r.eta), v));
                    last = v;
                }
            }
        }
        return out;
    }
}

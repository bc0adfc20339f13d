package io.github.omniretail.inventory;

import io.github.omniretail.core.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * One position's inbound side: the receipts it expects (by ETA, then id) and the pre-sale lines waiting for them (in
 * placement order). A waiting line's promise is derived, never stored as truth: it is the ETA of the receipt at
 * which the cumulative expected units first cover the cumulative waiting units up to and including that line, or
 * {@link #BACKORDER} when no known receipt does. Guarded by the SKU's lock.
 */
final class InboundTable {

    /** The promise of units no known receipt covers. */
    static final long BACKORDER = Long.MAX_VALUE;

    /** An expected receipt. */
    static final class Receipt {
        final String id;
        final ExpectedReceipt.Kind kind;
        int quantity;
        long eta;

        Receipt(String id, ExpectedReceipt.Kind kind, int quantity, long eta) {
            this.id = id;
            this.kind = kind;
            this.quantity = quantity;
            this.eta = eta;
        }
    }

    /** The waiting units of one line of a hold ({@code line} is the hold's internal line index). */
    static final class Wait {
        final long hold;
        final int line;
        final Channel channel;
        /** The latest acceptable promise, or {@link #BACKORDER} for an open-ended pre-sale. */
        final long latest;
        int units;
        /** The promise last announced (for events only; views derive it). */
        long promised;

        Wait(long hold, int line, Channel channel, long latest, int units, long promised) {
            this.hold = hold;
            this.line = line;
            this.channel = channel;
            this.latest = latest;
            this.units = units;
            this.promised = promised;
        }
    }

    final List<Receipt> receipts = new ArrayList<>();
    /** Waiting lines by (hold, line), in placement order: O(1) to find, serve from the head or cancel anywhere. */
    private final java.util.LinkedHashMap<Long, Wait> waiting = new java.util.LinkedHashMap<>();
    /** Units of every waiting line: what waiting lines claim of the next units that come free. */
    private long waitingUnits;

    private static long key(long hold, int line) {
        if (line >= 1 << 16) {
            throw new IllegalArgumentException("hold H-" + hold + " has more than 65,536 lines waiting");
        }
        return hold << 16 | line;
    }

    boolean isEmpty() {
        return receipts.isEmpty() && waiting.isEmpty();
    }

    long waitingUnits() {
        return waitingUnits;
    }

    /** @return the waiting lines in placement order (a live view: do not change the table while iterating) */
    java.util.Collection<Wait> queue() {
        return waiting.values();
    }

    boolean anyWaiting() {
        return !waiting.isEmpty();
    }

    /** @return the line first in the queue, or null */
    Wait first() {
        return waiting.isEmpty() ? null : waiting.values().iterator().next();
    }

    /** Puts a line at the back of the queue. */
    void enqueue(Wait w) {
        if (waiting.putIfAbsent(key(w.hold, w.line), w) != null) {
            throw new IllegalStateException("line " + w.line + " of hold H-" + w.hold + " already waits here");
        }
        waitingUnits += w.units;
    }

    /** Takes {@code units} off a waiting line (served or given back); it leaves the queue at zero. */
    void take(Wait w, int units) {
        w.units -= units;
        waitingUnits -= units;
        if (w.units == 0) {
            waiting.remove(key(w.hold, w.line));
        }
    }

    /** Removes a line from the queue with all its units (cancelled). */
    void drop(Wait w) {
        waiting.remove(key(w.hold, w.line));
        waitingUnits -= w.units;
    }

    Receipt receipt(String id) {
        for (Receipt r : receipts) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        return null;
    }

    /** Inserts in (ETA, id) order. */
    void add(Receipt r) {
        int at = 0;
        while (at < receipts.size() && (receipts.get(at).eta < r.eta
                || receipts.get(at).eta == r.eta && receipts.get(at).id.compareTo(r.id) < 0)) {
            at++;
        }
        receipts.add(at, r);
    }

    /** Re-sorts after an ETA changed. */
    void resort(Receipt r) {
        receipts.remove(r);
        add(r);
    }

    Wait waitOf(long hold, int line) {
        return waiting.get(key(hold, line));
    }

    /** @return units of the hold's line still waiting here, 0 if none */
    int waitingFor(long hold, int line) {
        Wait w = waitOf(hold, line);
        return w == null ? 0 : w.units;
    }

    /** @return the promise of a waiting line: the receipt covering every unit queued up to and including it */
    long promiseOf(Wait target) {
        long need = 0;
        for (Wait w : waiting.values()) {
            need += w.units;
            if (w == target) {
                break;
            }
        }
        return promiseAt(need);
    }

    /** @return the ETA at which the receipts cover {@code need} units, or {@link #BACKORDER} */
    long promiseAt(long need) {
        long cover = 0;
        for (Receipt r : receipts) {
            cover += r.quantity;
            if (cover >= need) {
                return r.eta;
            }
        }
        return BACKORDER;
    }

    /** @return the derived promise of every waiting entry, in queue order */
    long[] promises() {
        long[] out = new long[waiting.size()];
        long need = 0;
        long cover = 0;
        int r = 0;
        int k = 0;
        for (Wait w : waiting.values()) {
            need += w.units;
            while (cover < need && r < receipts.size()) {
                cover += receipts.get(r++).quantity;
            }
            out[k++] = cover >= need ? receipts.get(r - 1).eta : BACKORDER;
        }
        return out;
    }

    /** @return the promise of {@code units} more waiting behind everything waiting now */
    long promiseOfNext(long units) {
        return promiseAt(waitingUnits + units);
    }

    /** @return units of {@code channel}'s waiting entries no known receipt covers */
    long backordered(Channel channel) {
        long total = 0;
        for (Receipt r : receipts) {
            total += r.quantity;
        }
        long need = 0;
        long out = 0;
        for (Wait w : waiting.values()) {
            long before = need;
            need += w.units;
            if (w.channel.id().equals(channel.id()) && need > total) {
                out += Math.min(w.units, need - Math.max(total, before));
            }
        }
        return out;
    }

    /** @return the units expected by {@code time} inclusive */
    long expectedBy(long time) {
        long sum = 0;
        for (Receipt r : receipts) {
            if (r.eta <= time) {
                sum += r.quantity;
            }
        }
        return sum;
    }
}

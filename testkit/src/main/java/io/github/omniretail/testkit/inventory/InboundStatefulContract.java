package io.github.omniretail.testkit.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MutableClock;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.DatedAtp;
import io.github.omniretail.inventory.ExpectedReceipt;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldId;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldLineState;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.inventory.IllegalHoldStateException;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.Presale;
import io.github.omniretail.inventory.WaitingUnits;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

/**
 * Expected receipts and pre-sale holds against a model, for any inventory store: random receipts expected, revised
 * (later, fewer, cancelled) and landing short or over; open-ended and dated pre-sales, ordinary holds, partial
 * releases, fulfilments of allocated units, backorder limits, clock moves and retries. After every step the
 * position, ATP, ATP by date, the receipts, the waiting queue (order, units, promises) and every hold line equal
 * the model's: waiting lines are served strictly in placement order and never beyond what came. Extend it and
 * return stores on fresh storage from {@link #newStore()}; 200 tries unless a subclass says otherwise.
 */
@PropertyDefaults(tries = 200)
public abstract class InboundStatefulContract extends InventoryStoreFixture {

    /** For subclasses. */
    protected InboundStatefulContract() {
    }

    static final Sku SKU = Sku.of("PRESALE-1");
    static final NodeId DC = NodeId.of("DC-1");
    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final Duration TTL = Duration.ofDays(3650);
    static final long NEVER = Long.MAX_VALUE;

    /**
     * One step: kind 0 expect, 1 revise, 2 land, 3 pre-sale hold, 4 ordinary hold, 5 release, 6 fulfil, 7 clock,
     * 8 backorder limit, 9 retry, 10 plain receipt.
     */
    record Step(int kind, int a, int b, int c) {
    }

    static final class Receipt {
        final String id;
        int quantity;
        long eta;

        Receipt(String id, int quantity, long eta) {
            this.id = id;
            this.quantity = quantity;
            this.eta = eta;
        }
    }

    static final class ModelHold {
        final HoldId id;
        final int quantity;
        final boolean presale;
        int fulfilled;
        int released;
        int waiting;
        boolean confirmed;

        ModelHold(HoldId id, int quantity, boolean presale) {
            this.id = id;
            this.quantity = quantity;
            this.presale = presale;
        }

        int open() {
            return quantity - fulfilled - released;
        }

        HoldStatus status() {
            if (open() > 0) {
                return confirmed ? HoldStatus.CONFIRMED : HoldStatus.HELD;
            }
            return fulfilled > 0 ? HoldStatus.FULFILLED : HoldStatus.RELEASED;
        }
    }

    static final class Wait {
        final ModelHold hold;
        final long latest;
        int units;

        Wait(ModelHold hold, long latest, int units) {
            this.hold = hold;
            this.latest = latest;
            this.units = units;
        }
    }

    /** The reference model: one position, one channel, the rules written out plainly. */
    static final class Model {
        long now = T0.toEpochMilli();
        int onHand;
        int held;
        int limit;
        final List<Receipt> receipts = new ArrayList<>();
        final List<Wait> queue = new ArrayList<>();
        final List<ModelHold> holds = new ArrayList<>();

        void sort() {
            receipts.sort(Comparator.<Receipt>comparingLong(r -> r.eta).thenComparing(r -> r.id));
        }

        long waiting() {
            return queue.stream().mapToLong(w -> w.units).sum();
        }

        long expected() {
            return receipts.stream().mapToLong(r -> r.quantity).sum();
        }

        long atp() {
            return Math.max(0, onHand - held - waiting());
        }

        /** The promise of the unit at cumulative position {@code need} in the queue. */
        long promiseAt(long need) {
            long cover = 0;
            for (Receipt r : receipts) {
                cover += r.quantity;
                if (cover >= need) {
                    return r.eta;
                }
            }
            return NEVER;
        }

        List<Long> promises() {
            List<Long> out = new ArrayList<>();
            long need = 0;
            for (Wait w : queue) {
                need += w.units;
                out.add(promiseAt(need));
            }
            return out;
        }

        void serve() {
            while (!queue.isEmpty()) {
                Wait w = queue.get(0);
                int units = Math.min(w.units, onHand - held);
                if (units <= 0) {
                    return;
                }
                held += units;
                w.units -= units;
                w.hold.waiting -= units;
                if (w.units == 0) {
                    queue.remove(0);
                }
            }
        }

        void repromise() {
            while (true) {
                List<Long> promises = promises();
                int late = -1;
                for (int k = 0; k < queue.size() && late < 0; k++) {
                    if (queue.get(k).latest != NEVER && promises.get(k) > queue.get(k).latest) {
                        late = k;
                    }
                }
                if (late < 0) {
                    return;
                }
                Wait w = queue.remove(late);
                w.hold.released += w.units;
                w.hold.waiting -= w.units;
            }
        }

        void release(ModelHold h, int units) {
            Wait w = queue.stream().filter(x -> x.hold == h).findFirst().orElse(null);
            int off = w == null ? 0 : Math.min(units, w.units);
            if (w != null) {
                w.units -= off;
                h.waiting -= off;
                if (w.units == 0) {
                    queue.remove(w);
                }
            }
            held -= units - off;
            h.released += units;
            serve();
        }
    }

    MutableClock clock;
    InventoryEngine engine;
    Model model;
    final List<Supplier<Object>> calls = new ArrayList<>();
    final List<Object> outcomes = new ArrayList<>();
    int keys;

    @Provide
    Arbitrary<List<Step>> steps() {
        // weighted towards what builds a queue: receipts expected and pre-sales
        Arbitrary<Integer> kind = Arbitraries.frequency(net.jqwik.api.Tuple.of(6, 0), net.jqwik.api.Tuple.of(3, 1),
                net.jqwik.api.Tuple.of(3, 2), net.jqwik.api.Tuple.of(12, 3), net.jqwik.api.Tuple.of(2, 4),
                net.jqwik.api.Tuple.of(3, 5), net.jqwik.api.Tuple.of(2, 6), net.jqwik.api.Tuple.of(2, 7),
                net.jqwik.api.Tuple.of(2, 8), net.jqwik.api.Tuple.of(2, 9), net.jqwik.api.Tuple.of(1, 10));
        Arbitrary<Step> step = Combinators.combine(kind,
                Arbitraries.integers().between(0, 20), Arbitraries.integers().between(0, 20),
                Arbitraries.integers().between(0, 9)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property
    void preSalesMatchTheModel(@ForAll("steps") List<Step> steps) {
        clock = MutableClock.at(T0, ZoneOffset.UTC);
        engine = builder().clock(clock).build();
        engine.registerNode(DC);
        engine.registerSku(SKU);
        model = new Model();
        calls.clear();
        outcomes.clear();
        keys = 0;
        for (Step s : steps) {
            apply(s);
            compare(s);
        }
    }

    private IdempotencyKey key() {
        return IdempotencyKey.of("k" + keys++);
    }

    private void call(Supplier<Object> call) {
        Object outcome = call.get();
        calls.add(call);
        outcomes.add(outcome);
    }

    private void refused(Runnable call, Class<? extends RuntimeException> type, Step s) {
        try {
            call.run();
        } catch (RuntimeException e) {
            assertTrue(type.isInstance(e), s + ": expected " + type.getSimpleName() + ", got " + e);
            return;
        }
        throw new AssertionError(s + ": the model refuses this step, the engine did not");
    }

    private void apply(Step s) {
        Model m = model;
        switch (s.kind()) {
            case 0 -> {
                String id = "PO-" + s.a() % 6;
                Instant eta = Instant.ofEpochMilli(m.now).plus(Duration.ofHours(1 + s.b() * 6L));
                ExpectedReceipt r = ExpectedReceipt.purchaseOrder(id, SKU, DC, 1 + s.c(), eta);
                IdempotencyKey k = key();
                if (m.receipts.stream().anyMatch(x -> x.id.equals(id))) {
                    refused(() -> engine.expectReceipt(k, r), IllegalArgumentException.class, s);
                    return;
                }
                call(() -> engine.expectReceipt(k, r));
                m.receipts.add(new Receipt(id, r.quantity(), eta.toEpochMilli()));
                m.sort();
                m.repromise();
            }
            case 1 -> {
                if (m.receipts.isEmpty()) {
                    return;
                }
                Receipt r = m.receipts.get(s.a() % m.receipts.size());
                int quantity = s.c() == 0 ? 0 : Math.max(1, r.quantity - s.c() + 3);
                Instant eta = Instant.ofEpochMilli(r.eta).plus(Duration.ofHours(s.b() * 4L - 20));
                IdempotencyKey k = key();
                call(() -> engine.reviseReceipt(k, SKU, DC, r.id, quantity, eta));
                if (quantity == 0) {
                    m.receipts.remove(r);
                } else {
                    r.quantity = quantity;
                    r.eta = eta.toEpochMilli();
                }
                m.sort();
                m.repromise();
            }
            case 2 -> {
                if (m.receipts.isEmpty()) {
                    refused(() -> engine.receiveExpected(key(), SKU, DC, "PO-9", 1), IllegalArgumentException.class,
                            s);
                    return;
                }
                Receipt r = m.receipts.get(s.a() % m.receipts.size());
                int received = Math.max(0, r.quantity + s.c() - 6);
                IdempotencyKey k = key();
                call(() -> engine.receiveExpected(k, SKU, DC, r.id, received));
                m.receipts.remove(r);
                m.onHand += received;
                m.serve();
                m.repromise();
            }
            case 3, 4 -> hold(s, s.kind() == 3);
            case 5 -> {
                ModelHold h = pick(s.a(), false);
                if (h == null) {
                    return;
                }
                int units = 1 + s.b() % h.open();
                IdempotencyKey k = key();
                call(() -> engine.release(k, h.id, 0, units));
                m.release(h, units);
            }
            case 6 -> {
                ModelHold h = pick(s.a(), true);
                if (h == null) {
                    return;
                }
                if (!h.confirmed) {
                    IdempotencyKey k = key();
                    call(() -> engine.confirm(k, h.id));
                    h.confirmed = true;
                }
                int allocated = h.open() - h.waiting;
                int units = 1 + s.b() % h.open();
                IdempotencyKey k = key();
                if (units > allocated) {
                    refused(() -> engine.fulfil(k, h.id, 0, units), IllegalHoldStateException.class, s);
                    return;
                }
                call(() -> engine.fulfil(k, h.id, 0, units));
                h.fulfilled += units;
                m.held -= units;
                m.onHand -= units;
            }
            case 7 -> {
                clock.advance(Duration.ofHours(1 + s.b() * 3L));
                m.now = clock.millis();
            }
            case 8 -> {
                int limit = s.b() % 3 == 0 ? 0 : s.c() * 2;
                engine.setBackorderLimit(SKU, APP.id(), limit);
                m.limit = limit;
            }
            case 9 -> {
                if (calls.isEmpty()) {
                    return;
                }
                int i = s.a() * 7 % calls.size();
                assertEquals(outcomes.get(i), calls.get(i).get(), s + ": a retry returns the first outcome");
            }
            case 10 -> {
                int units = 1 + s.c();
                IdempotencyKey k = key();
                call(() -> engine.receive(k, SKU, DC, units));
                m.onHand += units;
                m.serve();
            }
            default -> throw new IllegalStateException();
        }
    }

    private ModelHold pick(int seed, boolean confirmable) {
        List<ModelHold> open = model.holds.stream().filter(h -> h.open() > 0).toList();
        return open.isEmpty() ? null : open.get(seed % open.size());
    }

    private void hold(Step s, boolean presale) {
        Model m = model;
        int quantity = 1 + s.a() % 8;
        long latest = s.b() % 3 == 0 ? NEVER : m.now + Duration.ofHours(s.b() * 8L).toMillis();
        HoldRequest.Builder b = HoldRequest.builder(key(), APP, TTL).line(HoldLine.atNode(SKU, DC, quantity));
        if (presale) {
            b.presale(latest == NEVER ? Presale.openEnded() : Presale.promisedBy(Instant.ofEpochMilli(latest)));
        }
        HoldRequest request = b.build();
        long atp = m.atp();
        int now = (int) Math.min(quantity, atp);
        int wait = quantity - now;
        boolean fits = wait == 0;
        if (presale && wait > 0) {
            long promise = m.promiseAt(m.waiting() + wait);
            if (promise != NEVER) {
                fits = promise <= latest;
            } else if (latest == NEVER) {
                long expected = m.expected();
                long uncovered = Math.min(wait, m.waiting() + wait - expected);
                long already = 0;
                long need = 0;
                for (Wait w : m.queue) {
                    long before = need;
                    need += w.units;
                    if (need > expected) {
                        already += Math.min(w.units, need - Math.max(expected, before));
                    }
                }
                fits = m.limit > 0 && already + uncovered <= m.limit;
            }
        }
        if (!fits) {
            refused(() -> engine.hold(request), InsufficientStockException.class, s);
            return;
        }
        Hold placed = engine.hold(request);
        calls.add(() -> engine.hold(request));
        outcomes.add(placed);
        ModelHold h = new ModelHold(placed.id(), quantity, presale);
        m.holds.add(h);
        m.held += now;
        if (wait > 0) {
            h.waiting = wait;
            m.queue.add(new Wait(h, latest, wait));
        }
    }

    private void compare(Step s) {
        Model m = model;
        assertEquals(m.onHand, engine.position(SKU, DC).onHand(), s + ": on hand");
        assertEquals(m.held, engine.position(SKU, DC).held(), s + ": held");
        assertEquals(m.atp(), engine.atp(SKU, DC, APP), s + ": ATP");
        List<ExpectedReceipt> receipts = m.receipts.stream().map(r -> ExpectedReceipt.purchaseOrder(r.id, SKU, DC,
                r.quantity, Instant.ofEpochMilli(r.eta))).toList();
        assertEquals(receipts, engine.inbound(SKU, DC), s + ": receipts");
        List<Long> promises = m.promises();
        List<WaitingUnits> waiting = new ArrayList<>();
        for (int k = 0; k < m.queue.size(); k++) {
            waiting.add(new WaitingUnits(m.queue.get(k).hold.id, m.queue.get(k).units, promises.get(k) == NEVER
                    ? Optional.empty() : Optional.of(Instant.ofEpochMilli(promises.get(k)))));
        }
        assertEquals(waiting, engine.waiting(SKU, DC), s + ": the queue");
        List<DatedAtp> byDate = new ArrayList<>();
        long free = m.onHand - m.held;
        long first = Math.max(0, free + m.receipts.stream().filter(r -> r.eta <= m.now).mapToLong(r -> r.quantity)
                .sum() - m.waiting());
        byDate.add(new DatedAtp(Instant.ofEpochMilli(m.now), first));
        long last = first;
        for (Receipt r : m.receipts) {
            if (r.eta <= m.now) {
                continue;
            }
            long v = Math.max(0, free + m.receipts.stream().filter(x -> x.eta <= r.eta).mapToLong(x -> x.quantity)
                    .sum() - m.waiting());
            if (v != last) {
                byDate.add(new DatedAtp(Instant.ofEpochMilli(r.eta), v));
                last = v;
            }
        }
        assertEquals(byDate, engine.atpByDate(SKU, DC, APP), s + ": ATP by date");
        for (ModelHold h : m.holds) {
            Hold hold = engine.hold(h.id).orElseThrow();
            HoldLineState line = hold.lines().get(0);
            assertEquals(h.status(), hold.status(), s + ": status of " + h.id);
            assertEquals(List.of(h.fulfilled, h.released, h.waiting), List.of(line.fulfilled(), line.released(),
                    line.waiting()), s + ": " + h.id + " fulfilled, released, waiting");
        }
    }
}

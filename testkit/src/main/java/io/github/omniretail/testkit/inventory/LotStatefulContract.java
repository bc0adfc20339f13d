package io.github.omniretail.testkit.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MutableClock;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.Disposition;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldId;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.Lot;
import io.github.omniretail.inventory.LotAtp;
import io.github.omniretail.inventory.LotUnits;
import io.github.omniretail.inventory.Position;
import io.github.omniretail.inventory.ReturnedUnits;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

/**
 * Lots against a model, for any inventory store: random lot and plain receipts, first-expiry-first-out, FIFO and
 * named-lot holds from two channels (one needing a day of shelf life), partial releases and fulfilments, sellable
 * returns into a lot, clock moves, expiry sweeps and retries. After every step the position, every lot, every
 * hold line's lots, each channel's ATP and the ATP by lot equal the model's, and every refusal was predicted.
 * Extend it and return stores on fresh storage from {@link #newStore()}; 200 tries unless a subclass's
 * {@code @PropertyDefaults} says otherwise.
 */
@PropertyDefaults(tries = 200)
public abstract class LotStatefulContract extends InventoryStoreFixture {

    /** For subclasses. */
    protected LotStatefulContract() {
    }

    static final Sku FISH = Sku.of("FISH");
    static final NodeId STORE = NodeId.of("ST-01");
    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final Channel TMALL = Channel.of("tmall", ChannelKind.MARKETPLACE);
    static final Duration TMALL_SHELF_LIFE = Duration.ofDays(1);
    static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");

    /**
     * One step: kind 0 lot receipt, 1 plain receipt, 2 hold, 3 release, 4 fulfil, 5 clock, 6 sweep, 7 sellable
     * return into a lot, 8 retry of an earlier call.
     */
    record Step(int kind, int lot, int units, int mode, int target) {
    }

    static final class ModelLot {
        final String id;
        final long expires;
        final long received;
        int onHand;
        int held;

        ModelLot(String id, long expires, long received) {
            this.id = id;
            this.expires = expires;
            this.received = received;
        }

        int free() {
            return Math.max(0, onHand - held);
        }
    }

    static final class ModelHold {
        HoldId id;
        final LinkedHashMap<String, int[]> lots = new LinkedHashMap<>(); // id → {open, shipped}
        int lotless;
        boolean confirmed;

        int open() {
            return lotless + lots.values().stream().mapToInt(u -> u[0]).sum();
        }
    }

    /** The model: lots, units without a lot, holds. */
    static final class Model {
        final List<ModelLot> lots = new ArrayList<>();
        int lotlessOnHand;
        int lotlessHeld;
        final List<ModelHold> holds = new ArrayList<>();

        Optional<ModelLot> lot(String id) {
            return lots.stream().filter(l -> l.id.equals(id)).findFirst();
        }

        List<ModelLot> fefo() {
            List<ModelLot> order = new ArrayList<>(lots);
            order.sort(Comparator.comparingLong((ModelLot l) -> l.expires).thenComparingLong(l -> l.received)
                    .thenComparing(l -> l.id));
            return order;
        }

        long atp(long cutoff) {
            long unavailable = lots.stream().filter(l -> l.expires <= cutoff).mapToLong(ModelLot::free).sum();
            int onHand = lotlessOnHand + lots.stream().mapToInt(l -> l.onHand).sum();
            int held = lotlessHeld + lots.stream().mapToInt(l -> l.held).sum();
            return Math.max(0, onHand - held - unavailable);
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 8), Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(1, 12), Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 20)).as(Step::new).list().ofMinSize(1).ofMaxSize(40);
    }

    @Property
    void lotsFollowTheModel(@ForAll("steps") List<Step> steps) {
        MutableClock clock = MutableClock.at(T0, ZoneOffset.UTC);
        InventoryEngine engine = builder().clock(clock).finalHoldRetention(Duration.ofDays(365))
                .minShelfLife(TMALL.id(), TMALL_SHELF_LIFE).build();
        engine.registerNode(STORE);
        engine.registerSku(FISH);
        Model m = new Model();
        Map<String, Object> outcomes = new LinkedHashMap<>();
        Map<String, java.util.function.Supplier<Object>> calls = new LinkedHashMap<>();
        int n = 0;
        for (Step step : steps) {
            n++;
            long now = clock.millis();
            String key = "k-" + n;
            String id = "L" + step.lot();
            long expires = T0.plus(Duration.ofHours(12L * (step.lot() + 1))).toEpochMilli();
            switch (step.kind()) {
                case 0, 7 -> {
                    int units = step.units();
                    java.util.function.Supplier<Object> call = step.kind() == 0
                            ? () -> engine.receive(IdempotencyKey.of(key), FISH, STORE, Lot.expiring(id,
                                    Instant.ofEpochMilli(expires)), units)
                            : () -> engine.returnUnits(IdempotencyKey.of(key), ReturnedUnits.of(FISH, STORE, units,
                                    Disposition.SELLABLE).inLot(Lot.expiring(id, Instant.ofEpochMilli(expires))));
                    if (expires <= now) {
                        assertThrows(IllegalArgumentException.class, call::get, "an expired lot at step " + n);
                        continue;
                    }
                    outcomes.put(key, call.get());
                    calls.put(key, call);
                    ModelLot lot = m.lot(id).orElseGet(() -> {
                        ModelLot fresh = new ModelLot(id, expires, now);
                        m.lots.add(fresh);
                        return fresh;
                    });
                    lot.onHand += units;
                }
                case 1 -> {
                    engine.receive(IdempotencyKey.of(key), FISH, STORE, step.units());
                    m.lotlessOnHand += step.units();
                }
                case 2 -> hold(engine, key, step, m, now);
                case 3, 4 -> {
                    if (m.holds.isEmpty()) {
                        continue;
                    }
                    ModelHold h = m.holds.get(step.target() % m.holds.size());
                    int units = Math.min(step.units(), h.open());
                    if (units == 0) {
                        continue;
                    }
                    if (step.kind() == 3) {
                        engine.release(IdempotencyKey.of(key), h.id, 0, units);
                        release(h, units, m);
                    } else {
                        if (!h.confirmed) {
                            engine.confirm(IdempotencyKey.of(key + "c"), h.id);
                            h.confirmed = true;
                        }
                        engine.fulfil(IdempotencyKey.of(key), h.id, 0, units);
                        fulfil(h, units, m);
                    }
                }
                case 5 -> clock.advance(Duration.ofHours(step.units()));
                case 6 -> {
                    int wasted = 0;
                    for (ModelLot l : m.lots) {
                        if (l.expires <= now) {
                            wasted += l.free();
                            l.onHand -= l.free();
                        }
                    }
                    assertEquals(wasted, engine.expireLots(), "wasted at step " + n);
                }
                default -> {
                    if (calls.isEmpty()) {
                        continue;
                    }
                    String again = new ArrayList<>(calls.keySet()).get(step.target() % calls.size());
                    assertEquals(outcomes.get(again), calls.get(again).get(), "a retry of " + again
                            + " returns its first outcome");
                }
            }
            m.lots.removeIf(l -> l.onHand == 0 && l.held == 0);
            compare(engine, m, clock.millis(), "after step " + n + " " + step);
        }
    }

    private static void hold(InventoryEngine engine, String key, Step step, Model m, long now) {
        int q = step.units();
        Channel channel = step.mode() >= 3 ? TMALL : APP;
        int mode = step.mode() % 3; // 0 FEFO, 1 FIFO, 2 a named lot
        long cutoff = channel == TMALL ? now + TMALL_SHELF_LIFE.toMillis() : now;
        List<ModelLot> order = m.fefo();
        if (mode == 1) {
            order.sort(Comparator.comparingLong((ModelLot l) -> l.received).thenComparing(l -> l.id));
        }
        HoldLine line = HoldLine.atNode(FISH, STORE, q);
        Optional<ModelLot> named = Optional.empty();
        if (mode == 1) {
            line = line.firstIn();
        } else if (mode == 2 && !m.lots.isEmpty()) {
            named = Optional.of(m.lots.get(step.target() % m.lots.size()));
            line = line.fromLot(named.get().id);
        }
        boolean fits = q <= m.atp(cutoff) && named.map(l -> l.expires > cutoff && l.free() >= q).orElse(true);
        HoldRequest request = HoldRequest.builder(IdempotencyKey.of(key), channel, Duration.ofDays(365)).line(line)
                .build();
        if (!fits) {
            assertThrows(InsufficientStockException.class, () -> engine.hold(request), () -> "the model refuses "
                    + request);
            return;
        }
        Hold placed = engine.hold(request);
        ModelHold h = new ModelHold();
        h.id = placed.id();
        int remaining = q;
        if (named.isPresent()) {
            named.get().held += q;
            h.lots.put(named.get().id, new int[] {q, 0});
            remaining = 0;
        }
        for (ModelLot l : order) {
            int u = l.expires > cutoff ? Math.min(l.free(), remaining) : 0;
            if (u > 0) {
                l.held += u;
                h.lots.put(l.id, new int[] {u, 0});
                remaining -= u;
            }
        }
        h.lotless = remaining;
        m.lotlessHeld += remaining;
        m.holds.add(h);
    }

    private static void release(ModelHold h, int units, Model m) {
        int u = Math.min(h.lotless, units);
        h.lotless -= u;
        m.lotlessHeld -= u;
        int remaining = units - u;
        List<String> ids = new ArrayList<>(h.lots.keySet());
        for (int k = ids.size() - 1; k >= 0 && remaining > 0; k--) {
            int[] c = h.lots.get(ids.get(k));
            int take = Math.min(c[0], remaining);
            c[0] -= take;
            m.lot(ids.get(k)).orElseThrow().held -= take;
            remaining -= take;
        }
    }

    private static void fulfil(ModelHold h, int units, Model m) {
        int remaining = units;
        for (Map.Entry<String, int[]> e : h.lots.entrySet()) {
            int take = Math.min(e.getValue()[0], remaining);
            if (take == 0) {
                continue;
            }
            e.getValue()[0] -= take;
            e.getValue()[1] += take;
            ModelLot l = m.lot(e.getKey()).orElseThrow();
            l.held -= take;
            l.onHand -= take;
            remaining -= take;
        }
        h.lotless -= remaining;
        m.lotlessOnHand -= remaining;
        m.lotlessHeld -= remaining;
    }

    private static void compare(InventoryEngine engine, Model m, long now, String when) {
        assertEquals(m.fefo().stream().map(l -> l.id + ":" + l.onHand + "/" + l.held).toList(),
                engine.lots(FISH, STORE).stream().map(l -> l.lot() + ":" + l.onHand() + "/" + l.held()).toList(),
                when);
        Position p = engine.position(FISH, STORE);
        assertEquals(m.lotlessOnHand + m.lots.stream().mapToInt(l -> l.onHand).sum(), p.onHand(), when);
        assertEquals(m.lotlessHeld + m.lots.stream().mapToInt(l -> l.held).sum(), p.held(), when);
        assertEquals(m.atp(now), engine.atp(FISH, STORE, APP), when + ": ATP for the app");
        assertEquals(m.atp(now + TMALL_SHELF_LIFE.toMillis()), engine.atp(FISH, STORE, TMALL),
                when + ": ATP for the marketplace");
        List<String> byLot = new ArrayList<>();
        long left = m.atp(now);
        for (ModelLot l : m.fefo()) {
            long u = l.expires > now ? Math.min(l.free(), left) : 0;
            if (u > 0) {
                byLot.add(l.id + "=" + u);
                left -= u;
            }
        }
        if (left > 0) {
            byLot.add("-=" + left);
        }
        assertEquals(byLot, engine.atpByLot(FISH, STORE, APP).stream().map((LotAtp a) -> a.lot().orElse("-") + "="
                + a.units()).toList(), when + ": ATP by lot");
        for (ModelHold h : m.holds) {
            List<LotUnits> want = h.lots.entrySet().stream().map(e -> new LotUnits(e.getKey(), e.getValue()[0],
                    e.getValue()[1])).toList();
            assertEquals(want, engine.hold(h.id).orElseThrow().lines().get(0).lots(), when + " hold " + h.id);
        }
    }
}

package io.github.omniretail.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MutableClock;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
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
import net.jqwik.api.Provide;

/**
 * Random sequences of lot receipts, plain receipts, FEFO / FIFO / named-lot holds, partial releases and
 * fulfilments, clock moves and expiry sweeps on one fresh SKU, compared after every step with a simple model:
 * every lot's on-hand and held units, the position, and every hold's lots.
 */
class LotProperties {

    static final Sku FISH = Sku.of("FISH");
    static final NodeId STORE = NodeId.of("ST-01");
    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");

    /** One step: kind 0 lot receipt, 1 plain receipt, 2 hold, 3 release, 4 fulfil, 5 clock, 6 sweep. */
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

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(1, 12), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 20)).as(Step::new).list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 300)
    void lotsFollowTheModel(@ForAll("steps") List<Step> steps) {
        MutableClock clock = MutableClock.at(T0, ZoneOffset.UTC);
        InventoryEngine engine = InventoryEngine.builder().clock(clock).finalHoldRetention(Duration.ofDays(365))
                .build();
        engine.registerNode(STORE);
        engine.registerSku(FISH);
        List<ModelLot> lots = new ArrayList<>();
        int[] lotless = new int[2]; // on-hand, held without a lot
        List<ModelHold> holds = new ArrayList<>();
        int n = 0;
        for (Step step : steps) {
            n++;
            long now = clock.millis();
            String key = "k-" + n;
            switch (step.kind()) {
                case 0 -> {
                    String id = "L" + step.lot();
                    long expires = T0.plus(Duration.ofHours(12L * (step.lot() + 1))).toEpochMilli();
                    if (expires <= now) {
                        continue; // an expired lot is refused; LotTest covers that
                    }
                    engine.receive(IdempotencyKey.of(key), FISH, STORE, Lot.expiring(id,
                            Instant.ofEpochMilli(expires)), step.units());
                    ModelLot lot = lots.stream().filter(l -> l.id.equals(id)).findFirst().orElseGet(() -> {
                        ModelLot fresh = new ModelLot(id, expires, now);
                        lots.add(fresh);
                        return fresh;
                    });
                    lot.onHand += step.units();
                }
                case 1 -> {
                    engine.receive(IdempotencyKey.of(key), FISH, STORE, step.units());
                    lotless[0] += step.units();
                }
                case 2 -> hold(engine, key, step, lots, lotless, holds, now);
                case 3, 4 -> {
                    if (holds.isEmpty()) {
                        continue;
                    }
                    ModelHold h = holds.get(step.target() % holds.size());
                    int units = Math.min(step.units(), h.open());
                    if (units == 0) {
                        continue;
                    }
                    if (step.kind() == 3) {
                        engine.release(IdempotencyKey.of(key), h.id, 0, units);
                        release(h, units, lots, lotless);
                    } else {
                        if (!h.confirmed) {
                            engine.confirm(IdempotencyKey.of(key + "c"), h.id);
                            h.confirmed = true;
                        }
                        engine.fulfil(IdempotencyKey.of(key), h.id, 0, units);
                        fulfil(h, units, lots, lotless);
                    }
                }
                case 5 -> clock.advance(Duration.ofHours(step.units()));
                default -> {
                    int wasted = 0;
                    for (ModelLot l : lots) {
                        if (l.expires <= now) {
                            wasted += l.free();
                            l.onHand -= l.free();
                        }
                    }
                    assertEquals(wasted, engine.expireLots(), "wasted at step " + n);
                }
            }
            lots.removeIf(l -> l.onHand == 0 && l.held == 0);
            compare(engine, lots, lotless, holds, "after step " + n + " " + step);
        }
    }

    private static void hold(InventoryEngine engine, String key, Step step, List<ModelLot> lots, int[] lotless,
            List<ModelHold> holds, long now) {
        int q = step.units();
        List<ModelLot> order = new ArrayList<>(lots);
        order.sort(step.mode() == 1 ? Comparator.comparingLong((ModelLot l) -> l.received).thenComparing(l -> l.id)
                : Comparator.comparingLong((ModelLot l) -> l.expires).thenComparingLong(l -> l.received)
                        .thenComparing(l -> l.id));
        long unavailable = order.stream().filter(l -> l.expires <= now).mapToLong(ModelLot::free).sum();
        int onHand = lotless[0] + lots.stream().mapToInt(l -> l.onHand).sum();
        int held = lotless[1] + lots.stream().mapToInt(l -> l.held).sum();
        long atp = Math.max(0, onHand - held - unavailable);
        HoldLine line = HoldLine.atNode(FISH, STORE, q);
        Optional<ModelLot> named = Optional.empty();
        if (step.mode() == 1) {
            line = line.firstIn();
        } else if (step.mode() == 2 && !lots.isEmpty()) {
            named = Optional.of(lots.get(step.target() % lots.size()));
            line = line.fromLot(named.get().id);
        }
        boolean fits = q <= atp && named.map(l -> l.expires > now && l.free() >= q).orElse(true);
        HoldRequest request = HoldRequest.builder(IdempotencyKey.of(key), APP, Duration.ofDays(365)).line(line).build();
        if (!fits) {
            try {
                engine.hold(request);
                throw new AssertionError("the model refuses " + request + " (atp " + atp + ")");
            } catch (InsufficientStockException expected) {
                return;
            }
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
            int u = l.expires > now ? Math.min(l.free(), remaining) : 0;
            if (u > 0) {
                l.held += u;
                h.lots.put(l.id, new int[] {u, 0});
                remaining -= u;
            }
        }
        h.lotless = remaining;
        lotless[1] += remaining;
        holds.add(h);
    }

    private static ModelLot lot(List<ModelLot> lots, String id) {
        return lots.stream().filter(l -> l.id.equals(id)).findFirst().orElseThrow();
    }

    private static void release(ModelHold h, int units, List<ModelLot> lots, int[] lotless) {
        int u = Math.min(h.lotless, units);
        h.lotless -= u;
        lotless[1] -= u;
        int remaining = units - u;
        List<String> ids = new ArrayList<>(h.lots.keySet());
        for (int k = ids.size() - 1; k >= 0 && remaining > 0; k--) {
            int[] c = h.lots.get(ids.get(k));
            int take = Math.min(c[0], remaining);
            c[0] -= take;
            lot(lots, ids.get(k)).held -= take;
            remaining -= take;
        }
    }

    private static void fulfil(ModelHold h, int units, List<ModelLot> lots, int[] lotless) {
        int remaining = units;
        for (Map.Entry<String, int[]> e : h.lots.entrySet()) {
            int take = Math.min(e.getValue()[0], remaining);
            if (take == 0) {
                continue;
            }
            e.getValue()[0] -= take;
            e.getValue()[1] += take;
            ModelLot l = lot(lots, e.getKey());
            l.held -= take;
            l.onHand -= take;
            remaining -= take;
        }
        h.lotless -= remaining;
        lotless[0] -= remaining;
        lotless[1] -= remaining;
    }

    private static void compare(InventoryEngine engine, List<ModelLot> lots, int[] lotless, List<ModelHold> holds,
            String when) {
        List<LotPosition> actual = engine.lots(FISH, STORE);
        List<ModelLot> expected = new ArrayList<>(lots);
        expected.sort(Comparator.comparingLong((ModelLot l) -> l.expires).thenComparingLong(l -> l.received)
                .thenComparing(l -> l.id));
        assertEquals(expected.stream().map(l -> l.id + ":" + l.onHand + "/" + l.held).toList(),
                actual.stream().map(l -> l.lot() + ":" + l.onHand() + "/" + l.held()).toList(), when);
        Position p = engine.position(FISH, STORE);
        assertEquals(lotless[0] + lots.stream().mapToInt(l -> l.onHand).sum(), p.onHand(), when);
        assertEquals(lotless[1] + lots.stream().mapToInt(l -> l.held).sum(), p.held(), when);
        for (ModelHold h : holds) {
            List<LotUnits> want = h.lots.entrySet().stream().map(e -> new LotUnits(e.getKey(), e.getValue()[0],
                    e.getValue()[1])).toList();
            assertEquals(want, engine.hold(h.id).orElseThrow().lines().get(0).lots(), when + " hold " + h.id);
        }
    }
}

package io.github.omniretail.testkit.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyConflictException;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.ChannelRule;
import io.github.omniretail.inventory.ChannelSelector;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.Disposition;
import io.github.omniretail.inventory.HoldId;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.inventory.IllegalHoldStateException;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.Kit;
import io.github.omniretail.inventory.PoolId;
import io.github.omniretail.inventory.Position;
import io.github.omniretail.inventory.ReturnedUnits;
import io.github.omniretail.inventory.SafetyStockPolicy;
import io.github.omniretail.inventory.Transfer;
import io.github.omniretail.inventory.TransferId;
import io.github.omniretail.core.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Random action sequences against {@link InventoryModel}: after every step the engine's observable state (every
 * position and its quarantine, every channel's ATP, every pool's ATP, every hold) equals the model's, and every call succeeded or
 * failed exactly as the model predicted.
 */
@PropertyDefaults(tries = 500)
public abstract class InventoryStatefulContract extends InventoryStoreFixture {

    /** For subclasses. */
    protected InventoryStatefulContract() {
    }

    static final List<Sku> SKUS = List.of(Sku.of("A"), Sku.of("B"));
    /** A virtual kit of one A and two Bs. */
    static final Kit KIT = Kit.of(Sku.of("K"), Map.of(SKUS.get(0), 1, SKUS.get(1), 2));
    static final List<NodeId> NODES = List.of(NodeId.of("N1"), NodeId.of("N2"), NodeId.of("N3"));
    static final PoolId P12 = PoolId.of("P12");
    static final PoolId P23 = PoolId.of("P23");
    static final List<Channel> CHANNELS = List.of(Channel.of("app", ChannelKind.APP),
            Channel.of("pos", ChannelKind.STORE_POS), Channel.of("live", ChannelKind.LIVE_STREAM));
    static final List<List<ChannelRule>> RULE_SETS = List.of(
            List.of(),
            List.of(ChannelRule.ringFence(ChannelSelector.kind(ChannelKind.STORE_POS), 2)),
            List.of(ChannelRule.cap(ChannelSelector.kind(ChannelKind.APP), 3)),
            List.of(ChannelRule.exclusive(ChannelSelector.channel(CHANNELS.get(2).id()), 2)),
            List.of(ChannelRule.capShare(ChannelSelector.kind(ChannelKind.APP), BasisPoints.of(5_000)),
                    ChannelRule.ringFence(ChannelSelector.kind(ChannelKind.STORE_POS), 1)));

    /** Engine, model and the calls made so far (for retries). */
    static final class World {
        final MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T08:00:00Z"));
        final InventoryEngine engine;
        final InventoryModel model = new InventoryModel();
        /** Model hold ids, in placing order. */
        final List<Long> holdIds = new ArrayList<>();
        /** Model hold id → the engine's id: stores may number holds with gaps (a database sequence does). */
        final Map<Long, HoldId> engineHolds = new HashMap<>();
        final List<Long> transfers = new ArrayList<>();
        final Map<Long, int[]> transferInfo = new HashMap<>(); // id -> sku index, to node index, quantity
        final List<Call> calls = new ArrayList<>();
        int keys;

        World(InventoryEngine.Builder builder) {
            engine = builder.clock(clock).build();
            NODES.forEach(engine::registerNode);
            SKUS.forEach(engine::registerSku);
            engine.defineKit(KIT);
            model.kits.put(KIT.sku(), KIT.components());
            engine.definePool(P12, Set.of(NODES.get(0), NODES.get(1)));
            engine.definePool(P23, Set.of(NODES.get(1), NODES.get(2)));
            model.pools.put(P12, Set.of(NODES.get(0), NODES.get(1)));
            model.pools.put(P23, Set.of(NODES.get(1), NODES.get(2)));
        }

        long now() {
            return clock.millis();
        }

        String key() {
            return "key-" + (++keys);
        }

        @Override
        public String toString() {
            return "World[" + calls.size() + " calls, " + holdIds.size() + " holds]";
        }
    }

    /** A recorded call: re-running it with the same key must give back exactly the first outcome. */
    record Call(String key, Supplier<Object> run, Object outcome) { }

    /** Runs an engine call that the model predicts succeeds ({@code expected == null}) or fails with a type. */
    static Object expect(World w, Class<? extends Throwable> expected, String key, Supplier<Object> call) {
        Object outcome;
        if (expected == null) {
            outcome = call.get();
        } else {
            outcome = assertThrows(expected, call::get);
        }
        if (key != null) {
            w.calls.add(new Call(key, call, outcome));
        }
        return outcome;
    }

    static void checkAgainstModel(World w) {
        long now = w.now();
        w.model.expire(now);
        for (Sku sku : SKUS) {
            for (NodeId node : NODES) {
                Position p = w.engine.position(sku, node);
                int onHand = w.model.onHand(sku, node);
                int held = w.model.held(sku, node);
                int safety = w.model.safety(sku, node);
                assertEquals(onHand, p.onHand(), () -> "onHand " + sku + "@" + node);
                assertEquals(held, p.held(), () -> "held " + sku + "@" + node);
                assertEquals(safety, p.safetyStock(), () -> "safety " + sku + "@" + node);
                assertEquals(Math.max(0, onHand - held - safety), p.atp(), () -> "atp " + sku + "@" + node);
                assertEquals(Math.max(0, held - onHand), p.shortage(), () -> "shortage " + sku + "@" + node);
                assertEquals(w.model.quarantined.getOrDefault(new InventoryModel.Key(sku, node), 0),
                        w.engine.quarantined(sku, node), () -> "quarantined " + sku + "@" + node);
                for (Channel c : CHANNELS) {
                    assertEquals(w.model.atp(sku, node, c), w.engine.atp(sku, node, c),
                            () -> "channel atp " + sku + "@" + node + " for " + c.id());
                }
            }
        }
        for (NodeId node : NODES) {
            for (Channel c : CHANNELS) {
                assertEquals(w.model.kitAtp(KIT.sku(), node, c), w.engine.atp(KIT.sku(), node, c),
                        () -> "kit atp @" + node + " for " + c.id());
            }
        }
        for (Sku sku : SKUS) {
            for (PoolId pool : List.of(P12, P23)) {
                assertEquals(w.model.poolAtp(sku, pool), w.engine.atp(sku, pool, CHANNELS.get(0)),
                        () -> "pool atp " + sku + " in " + pool);
            }
        }
        for (long id : w.holdIds) {
            Hold actual = w.engine.hold(w.engineHolds.get(id)).orElseThrow();
            Hold expected = w.model.view(id, now, Map.of());
            assertEquals(expected.status(), actual.status(), () -> "status of H-" + id);
            assertEquals(expected.lines(), actual.lines(), () -> "lines of H-" + id);
        }
    }

    // ---- actions

    static Action.Independent<World> receive() {
        return () -> Combinators.combine(
                Arbitraries.of(SKUS), Arbitraries.of(NODES), Arbitraries.integers().between(1, 5))
                .as((sku, node, q) -> Transformer.mutate("receive " + q + " " + sku + "@" + node, w -> {
                    w.model.expire(w.now());
                    String key = w.key();
                    expect(w, null, key, () -> w.engine.receive(IdempotencyKey.of(key), sku, node, q));
                    w.model.onHand.merge(new InventoryModel.Key(sku, node), q, Integer::sum);
                }));
    }

    /** A return with a random disposition: on the shelf, into quarantine, or written off. */
    static Action.Independent<World> returnUnits() {
        return () -> Combinators.combine(Arbitraries.of(SKUS), Arbitraries.of(NODES), Arbitraries.integers().between(1, 3),
                Arbitraries.of(Disposition.class))
                .as((sku, node, q, disposition) -> Transformer.mutate("return " + q + " " + sku + "@" + node + " "
                        + disposition, w -> {
                    w.model.expire(w.now());
                    String key = w.key();
                    expect(w, null, key, () -> w.engine.returnUnits(IdempotencyKey.of(key),
                            ReturnedUnits.of(sku, node, q, disposition)));
                    InventoryModel.Key at = new InventoryModel.Key(sku, node);
                    if (disposition == Disposition.SELLABLE) {
                        w.model.onHand.merge(at, q, Integer::sum);
                    } else if (disposition == Disposition.QUARANTINE) {
                        w.model.quarantined.merge(at, q, Integer::sum);
                    }
                }));
    }

    /** Inspection of quarantined units: to the shelf or written off; more than are waiting is refused. */
    static Action.Independent<World> inspect() {
        return () -> Combinators.combine(Arbitraries.of(SKUS), Arbitraries.of(NODES), Arbitraries.integers().between(1, 3),
                Arbitraries.of(Disposition.SELLABLE, Disposition.DAMAGED))
                .as((sku, node, q, outcome) -> Transformer.mutate("inspect " + q + " " + sku + "@" + node + " "
                        + outcome, w -> {
                    w.model.expire(w.now());
                    InventoryModel.Key at = new InventoryModel.Key(sku, node);
                    boolean ok = w.model.quarantined.getOrDefault(at, 0) >= q;
                    String key = w.key();
                    expect(w, ok ? null : IllegalArgumentException.class, key, () -> w.engine.inspect(
                            IdempotencyKey.of(key), ReturnedUnits.of(sku, node, q, outcome)));
                    if (ok) {
                        w.model.quarantined.merge(at, -q, Integer::sum);
                        if (outcome == Disposition.SELLABLE) {
                            w.model.onHand.merge(at, q, Integer::sum);
                        }
                    }
                }));
    }

    static Action.Independent<World> adjust() {
        return () -> Combinators.combine(Arbitraries.of(SKUS), Arbitraries.of(NODES),
                Arbitraries.integers().between(-3, 3).filter(d -> d != 0))
                .as((sku, node, delta) -> Transformer.mutate("adjust " + delta + " " + sku + "@" + node, w -> {
                    w.model.expire(w.now());
                    int next = w.model.onHand(sku, node) + delta;
                    String key = w.key();
                    expect(w, next < 0 ? IllegalArgumentException.class : null, key,
                            () -> w.engine.adjust(IdempotencyKey.of(key), sku, node, delta, "test"));
                    if (next >= 0) {
                        w.model.onHand.put(new InventoryModel.Key(sku, node), next);
                    }
                }));
    }

    static Action.Independent<World> count() {
        return () -> Combinators.combine(Arbitraries.of(SKUS), Arbitraries.of(NODES), Arbitraries.integers().between(0, 8))
                .as((sku, node, counted) -> Transformer.mutate("count " + sku + "@" + node + "=" + counted, w -> {
                    w.model.expire(w.now());
                    String key = w.key();
                    expect(w, null, key, () -> w.engine.count(IdempotencyKey.of(key), sku, node, counted, "count"));
                    w.model.onHand.put(new InventoryModel.Key(sku, node), counted);
                }));
    }

    static Action.Independent<World> safety() {
        return () -> Combinators.combine(Arbitraries.of(SKUS), Arbitraries.of(NODES), Arbitraries.integers().between(0, 3))
                .as((sku, node, units) -> Transformer.mutate("safety " + sku + "@" + node + "=" + units, w -> {
                    w.model.expire(w.now());
                    w.engine.setSafetyStock(sku, node, SafetyStockPolicy.fixed(units));
                    w.model.safety.put(new InventoryModel.Key(sku, node), units);
                }));
    }

    static Action.Independent<World> rules() {
        return () -> Combinators.combine(Arbitraries.of(NODES), Arbitraries.of(RULE_SETS))
                .as((node, set) -> Transformer.mutate("rules " + node + " " + set, w -> {
                    w.model.expire(w.now());
                    w.engine.setChannelRules(node, set);
                    w.model.rules.put(node, set);
                }));
    }

    static Arbitrary<HoldLine> line() {
        Arbitrary<HoldLine> atNode = Combinators.combine(Arbitraries.of(SKUS), Arbitraries.of(NODES),
                Arbitraries.integers().between(1, 3)).as(HoldLine::atNode);
        Arbitrary<HoldLine> inPool = Combinators.combine(Arbitraries.of(SKUS), Arbitraries.of(P12, P23),
                Arbitraries.integers().between(1, 3)).as(HoldLine::inPool);
        Arbitrary<HoldLine> kit = Combinators.combine(Arbitraries.of(NODES), Arbitraries.integers().between(1, 2))
                .as((node, kits) -> HoldLine.atNode(KIT.sku(), node, kits));
        Arbitrary<HoldLine> kitInPool = Arbitraries.of(P12, P23).map(pool -> HoldLine.inPool(KIT.sku(), pool, 1));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, atNode), net.jqwik.api.Tuple.of(2, inPool),
                net.jqwik.api.Tuple.of(2, kit), net.jqwik.api.Tuple.of(1, kitInPool));
    }

    static Action.Independent<World> hold() {
        return () -> Combinators.combine(Arbitraries.of(CHANNELS), Arbitraries.integers().between(1, 30),
                line().list().ofMinSize(1).ofMaxSize(3))
                .as((channel, minutes, lines) -> Transformer.mutate("hold " + channel.id() + " " + lines, w -> {
                    long now = w.now();
                    w.model.expire(now);
                    String key = w.key();
                    HoldRequest.Builder b = HoldRequest.builder(IdempotencyKey.of(key), channel,
                            Duration.ofMinutes(minutes));
                    lines.forEach(b::line);
                    HoldRequest request = b.build();
                    Class<? extends RuntimeException> failure = w.model.hold(request, now);
                    Object outcome = expect(w, failure, key, () -> w.engine.hold(request));
                    if (failure == null) {
                        long id = w.model.nextHold - 1;
                        HoldId actual = ((Hold) outcome).id();
                        assertFalse(w.engineHolds.containsValue(actual), () -> "hold id " + actual + " reused");
                        w.engineHolds.put(id, actual);
                        w.holdIds.add(id);
                    }
                }));
    }

    /** Builds a transformer for hold {@code id}; {@code salt} picks lines and quantities deterministically. */
    interface HoldOp {
        Transformer<World> on(long id, int salt);
    }

    static Action.Dependent<World> onHold(HoldOp op) {
        return new Action.Dependent<>() {
            @Override
            public boolean precondition(World w) {
                return !w.holdIds.isEmpty();
            }

            @Override
            public Arbitrary<Transformer<World>> transformer(World w) {
                return Combinators.combine(Arbitraries.of(List.copyOf(w.holdIds)), Arbitraries.integers().between(0, 1000))
                        .as(op::on);
            }
        };
    }

    static Action.Dependent<World> confirm() {
        return onHold((id, salt) -> Transformer.mutate("confirm H-" + id, w -> {
            InventoryModel.MHold h = w.model.holds.get(id);
            long now = w.now();
            w.model.expire(now);
            boolean ok = h.statusAt(now) == HoldStatus.HELD;
            String key = w.key();
            expect(w, ok ? null : IllegalHoldStateException.class, key, () -> w.engine.confirm(IdempotencyKey.of(key),
                    w.engineHolds.get(id)));
            if (ok) {
                h.status = HoldStatus.CONFIRMED;
            }
        }));
    }

    static Action.Dependent<World> extend() {
        return onHold((id, salt) -> Transformer.mutate("extend H-" + id, w -> {
            InventoryModel.MHold h = w.model.holds.get(id);
            long now = w.now();
            w.model.expire(now);
            boolean ok = h.statusAt(now) == HoldStatus.HELD;
            String key = w.key();
            expect(w, ok ? null : IllegalHoldStateException.class, key,
                    () -> w.engine.extend(IdempotencyKey.of(key), w.engineHolds.get(id), Duration.ofMinutes(10)));
            if (ok) {
                h.expiresAt = now + Duration.ofMinutes(10).toMillis();
            }
        }));
    }

    static void closeIfDone(InventoryModel.MHold h) {
        if (h.lines.stream().allMatch(l -> l.open() == 0)) {
            h.status = h.lines.stream().anyMatch(l -> l.fulfilled > 0) ? HoldStatus.FULFILLED : HoldStatus.RELEASED;
        }
    }

    static Action.Dependent<World> settleLine(boolean fulfil) {
        return onHold((id, salt) -> {
            int quantity = 1 + salt % 2;
            return Transformer.mutate((fulfil ? "fulfil" : "release") + " H-" + id + " line #" + salt + " x" + quantity,
                    w -> {
                        InventoryModel.MHold h = w.model.holds.get(id);
                        int index = salt % h.requestLines;
                        long now = w.now();
                        w.model.expire(now);
                        List<InventoryModel.MLine> group = h.group(index); // a kit line: its components, together
                        HoldStatus status = h.statusAt(now);
                        boolean allowed = fulfil ? status == HoldStatus.CONFIRMED
                                : status == HoldStatus.HELD || status == HoldStatus.CONFIRMED;
                        boolean ok = allowed && group.stream().allMatch(line -> quantity * line.per <= line.open()
                                && (!fulfil || line.node != null));
                        String key = w.key();
                        expect(w, ok ? null : IllegalHoldStateException.class, key, () -> fulfil
                                ? w.engine.fulfil(IdempotencyKey.of(key), w.engineHolds.get(id), index, quantity)
                                : w.engine.release(IdempotencyKey.of(key), w.engineHolds.get(id), index, quantity));
                        if (ok) {
                            for (InventoryModel.MLine line : group) {
                                int units = quantity * line.per;
                                if (fulfil) {
                                    line.fulfilled += units;
                                    w.model.onHand.merge(new InventoryModel.Key(line.sku, line.node), -units,
                                            Integer::sum);
                                } else {
                                    line.released += units;
                                }
                            }
                            closeIfDone(h);
                        }
                    });
        });
    }

    static Action.Dependent<World> settleAll(boolean fulfil) {
        return onHold((id, salt) -> Transformer.mutate((fulfil ? "fulfilAll" : "releaseAll") + " H-" + id, w -> {
            InventoryModel.MHold h = w.model.holds.get(id);
            long now = w.now();
            w.model.expire(now);
            HoldStatus status = h.statusAt(now);
            boolean allowed = fulfil ? status == HoldStatus.CONFIRMED
                    : status == HoldStatus.HELD || status == HoldStatus.CONFIRMED;
            boolean ok = allowed && (!fulfil || h.lines.stream().allMatch(l -> l.open() == 0 || l.node != null));
            String key = w.key();
            expect(w, ok ? null : IllegalHoldStateException.class, key, () -> fulfil
                    ? w.engine.fulfilAll(IdempotencyKey.of(key),
                            w.engineHolds.get(id)) : w.engine.releaseAll(IdempotencyKey.of(key),
                                    w.engineHolds.get(id)));
            if (ok) {
                for (InventoryModel.MLine line : h.lines) {
                    int open = line.open();
                    if (fulfil) {
                        line.fulfilled += open;
                        if (open > 0) {
                            w.model.onHand.merge(new InventoryModel.Key(line.sku, line.node), -open, Integer::sum);
                        }
                    } else {
                        line.released += open;
                    }
                }
                closeIfDone(h);
            }
        }));
    }

    static Action.Dependent<World> pin() {
        return onHold((id, salt) -> {
            NodeId node = NODES.get(salt % NODES.size());
            return Transformer.mutate("pin H-" + id + " line #" + salt + " to " + node, w -> {
                InventoryModel.MHold h = w.model.holds.get(id);
                int index = salt / NODES.size() % h.requestLines;
                long now = w.now();
                w.model.expire(now);
                InventoryModel.MLine line = h.group(index).get(0);
                HoldStatus status = h.statusAt(now);
                Class<? extends RuntimeException> failure = null;
                if (status.isFinal() || line.pool == null || line.node != null || line.open() == 0) {
                    failure = IllegalHoldStateException.class;
                } else if (!w.model.pools.get(line.pool).contains(node)) {
                    failure = IllegalArgumentException.class;
                } else {
                    int open = line.open();
                    line.released += open; // take the line's demand out while checking
                    boolean fits = w.model.poolCapacity(line.sku, node) >= open
                            && w.model.channelAtp(line.sku, node, h.channel) >= open
                            && w.model.poolsKeep(line.sku, Map.of(node, (long) open), Map.of(), h.channel);
                    line.released -= open;
                    if (fits) {
                        line.node = node;
                    } else {
                        failure = InsufficientStockException.class;
                    }
                }
                String key = w.key();
                expect(w, failure, key, () -> w.engine.pin(IdempotencyKey.of(key), w.engineHolds.get(id), index, node));
            });
        });
    }

    static Action.Independent<World> transfer() {
        return () -> Combinators.combine(Arbitraries.integers().between(0, SKUS.size() - 1),
                Arbitraries.integers().between(0, NODES.size() - 1), Arbitraries.integers().between(1, NODES.size() - 1),
                Arbitraries.integers().between(1, 3))
                .as((s, from, shift, q) -> Transformer.mutate("transfer", w -> {
                    w.model.expire(w.now());
                    Sku sku = SKUS.get(s);
                    NodeId f = NODES.get(from);
                    int toIndex = (from + shift) % NODES.size();
                    NodeId t = NODES.get(toIndex);
                    boolean ok = w.model.poolCapacity(sku, f) >= q && w.model.poolsKeep(sku, Map.of(f, (long) q), Map.of(), null);
                    String key = w.key();
                    Object outcome = expect(w, ok ? null : InsufficientStockException.class, key,
                            () -> w.engine.dispatchTransfer(IdempotencyKey.of(key), sku, f, t, q));
                    if (ok) {
                        w.model.onHand.merge(new InventoryModel.Key(sku, f), -q, Integer::sum);
                        long id = ((Transfer) outcome).id().value();
                        w.transfers.add(id);
                        w.transferInfo.put(id, new int[] {s, toIndex, q});
                    }
                }));
    }

    static Action.Dependent<World> receiveTransfer() {
        return new Action.Dependent<>() {
            @Override
            public boolean precondition(World w) {
                return !w.transfers.isEmpty();
            }

            @Override
            public Arbitrary<Transformer<World>> transformer(World w) {
                return Arbitraries.of(List.copyOf(w.transfers)).map(id -> Transformer.mutate("receive transfer " + id, world -> {
                    world.model.expire(world.now());
                    int[] info = world.transferInfo.get(id);
                    String key = world.key();
                    expect(world, null, key, () -> world.engine.receiveTransfer(IdempotencyKey.of(key),
                            new TransferId(id), info[2]));
                    world.model.onHand.merge(new InventoryModel.Key(SKUS.get(info[0]), NODES.get(info[1])), info[2],
                            Integer::sum);
                    world.transfers.remove(id);
                }));
            }
        };
    }

    static Action.Independent<World> advance() {
        return () -> Arbitraries.integers().between(1, 20).map(minutes -> Transformer.mutate("advance " + minutes + "m",
                w -> w.clock.advance(Duration.ofMinutes(minutes))));
    }

    static Action.Independent<World> sweep() {
        return () -> Arbitraries.just(Transformer.mutate("expireDue", w -> {
            w.engine.expireDue();
            w.model.expire(w.now());
        }));
    }

    static Action.Dependent<World> retry() {
        return new Action.Dependent<>() {
            @Override
            public boolean precondition(World w) {
                return !w.calls.isEmpty();
            }

            @Override
            public Arbitrary<Transformer<World>> transformer(World w) {
                return Arbitraries.of(List.copyOf(w.calls)).map(call -> Transformer.mutate("retry " + call.key(), world -> {
                    if (call.outcome() instanceof Throwable) {
                        Throwable again = assertThrows(Throwable.class, call.run()::get);
                        assertEquals(call.outcome().getClass(), again.getClass(), "a failed key stays failed");
                        assertEquals(((Throwable) call.outcome()).getMessage(), again.getMessage());
                    } else {
                        assertEquals(call.outcome(), call.run().get(), "a retry returns the original outcome");
                    }
                }));
            }
        };
    }

    static Action.Dependent<World> conflict() {
        return new Action.Dependent<>() {
            @Override
            public boolean precondition(World w) {
                return !w.calls.isEmpty();
            }

            @Override
            public Arbitrary<Transformer<World>> transformer(World w) {
                return Arbitraries.of(List.copyOf(w.calls)).map(call -> Transformer.mutate("conflict " + call.key(), world ->
                        assertThrows(IdempotencyConflictException.class,
                                () -> world.engine.receive(IdempotencyKey.of(call.key()), SKUS.get(0), NODES.get(0),
                                        99))));
            }
        };
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        return ActionChain.startWith(() -> new World(builder()))
                .withAction(4, receive())
                .withAction(2, adjust())
                .withAction(1, count())
                .withAction(1, returnUnits())
                .withAction(1, inspect())
                .withAction(1, safety())
                .withAction(1, rules())
                .withAction(6, hold())
                .withAction(2, confirm())
                .withAction(1, extend())
                .withAction(2, settleLine(true))
                .withAction(2, settleLine(false))
                .withAction(1, settleAll(true))
                .withAction(1, settleAll(false))
                .withAction(2, pin())
                .withAction(1, transfer())
                .withAction(1, receiveTransfer())
                .withAction(2, advance())
                .withAction(1, sweep())
                .withAction(2, retry())
                .withAction(1, conflict())
                .withMaxTransformations(60);
    }

    @Property
    void engineAgreesWithTheModel(@ForAll("chains") ActionChain<World> chain) {
        chain.withInvariant("engine equals model", InventoryStatefulContract::checkAgainstModel).run();
    }
}

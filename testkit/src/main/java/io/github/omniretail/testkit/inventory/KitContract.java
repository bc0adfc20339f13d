package io.github.omniretail.testkit.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MutableClock;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.ChannelRule;
import io.github.omniretail.inventory.ChannelSelector;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldLineState;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.inventory.IllegalHoldStateException;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.Kit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of virtual {@link Kit}s for any inventory store: kit ATP is the fewest whole kits the components
 * make at a node, a kit line holds every component all or none and settles as one line, kits survive a snapshot,
 * and a kit has no stock of its own. Extend it and return stores on fresh storage from {@link #newStore()}.
 */
public abstract class KitContract extends InventoryStoreFixture {

    /** For subclasses. */
    protected KitContract() {
    }

    static final Sku TEA = Sku.of("TEA-250G");
    static final Sku CUP = Sku.of("CUP");
    static final Sku TIN = Sku.of("TIN");
    static final Sku BOX = Sku.of("GIFT-BOX");
    static final Kit GIFT_BOX = Kit.of(BOX, Map.of(TEA, 1, CUP, 2, TIN, 1));
    static final NodeId STORE = NodeId.of("ST-WL");
    static final NodeId DC = NodeId.of("DC-XS");
    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final Channel POS = Channel.of("pos", ChannelKind.STORE_POS);

    MutableClock clock;
    InventoryEngine engine;
    int keys;

    @BeforeEach
    void setUp() {
        clock = MutableClock.at(Instant.parse("2026-11-22T10:00:00Z"));
        engine = builder().clock(clock).build();
        engine.registerNode(STORE);
        engine.registerNode(DC);
        for (Sku sku : List.of(TEA, CUP, TIN)) {
            engine.registerSku(sku);
        }
        engine.defineKit(GIFT_BOX);
        receive(TEA, STORE, 5);
        receive(CUP, STORE, 7);
        receive(TIN, STORE, 4);
        receive(TEA, DC, 10);
        receive(CUP, DC, 20);
        receive(TIN, DC, 1);
    }

    IdempotencyKey key() {
        return IdempotencyKey.of("k" + (++keys));
    }

    void receive(Sku sku, NodeId node, int units) {
        engine.receive(key(), sku, node, units);
    }

    HoldRequest request(HoldLine... lines) {
        HoldRequest.Builder b = HoldRequest.builder(key(), APP, Duration.ofMinutes(15));
        for (HoldLine line : lines) {
            b.line(line);
        }
        return b.build();
    }

    int held(Sku sku, NodeId node) {
        return engine.position(sku, node).held();
    }

    @Test
    void kitAtpIsTheFewestWholeKitsTheComponentsMakeAtANode() {
        // at the store: 5 teas, 7 cups (3 kits' worth), 4 tins -> 3 kits; at the DC the one tin limits it to 1
        assertEquals(3, engine.atp(BOX, STORE, APP));
        assertEquals(1, engine.atp(BOX, DC, APP));
        assertEquals(4, engine.atp(BOX, List.of(STORE, DC), APP), "kits are made at one node: 3 + 1");
        assertEquals(Optional.of(GIFT_BOX), engine.kit(BOX));
        assertEquals(Optional.empty(), engine.kit(TEA));
        assertEquals(3, engine.stockView().available(BOX, STORE, APP), "routing sees kit ATP");
        // a channel rule on a component limits the kit for that channel
        engine.setChannelRules(STORE, List.of(ChannelRule.ringFence(ChannelSelector.kind(ChannelKind.STORE_POS), 3)));
        assertEquals(1, engine.atp(BOX, STORE, APP), "3 of each kept for the till leave the app 1 tin");
        assertEquals(3, engine.atp(BOX, STORE, POS));
    }

    @Test
    void aKitLineHoldsEveryComponentAllOrNone() {
        Hold hold = engine.hold(request(HoldLine.atNode(BOX, STORE, 2), HoldLine.atNode(TEA, STORE, 1)));
        assertEquals(2, hold.lines().size(), "one line per requested line");
        HoldLineState kit = hold.lines().get(0);
        assertEquals(BOX, kit.sku());
        assertEquals(2, kit.quantity());
        assertEquals(GIFT_BOX.components(), kit.kit());
        assertTrue(kit.isKit() && !hold.lines().get(1).isKit());
        assertEquals(3, held(TEA, STORE), "2 in the kits + 1 alone");
        assertEquals(4, held(CUP, STORE));
        assertEquals(2, held(TIN, STORE));
        assertEquals(1, engine.atp(BOX, STORE, APP), "2 teas, 3 cups and 2 tins left make 1 kit");

        // the DC has one tin: two kits there are refused, and nothing is held
        InsufficientStockException short1 = assertThrows(InsufficientStockException.class,
                () -> engine.hold(request(HoldLine.atNode(CUP, DC, 1), HoldLine.atNode(BOX, DC, 2))));
        assertEquals(TIN, short1.sku(), "names the component that is short");
        assertEquals(0, held(CUP, DC));
        assertEquals(0, held(TEA, DC));
        assertEquals(0, held(TIN, DC));
    }

    @Test
    void aKitLineIsFulfilledReleasedAndExpiredAsOneLine() {
        Hold hold = engine.hold(request(HoldLine.atNode(BOX, STORE, 2)));
        engine.confirm(key(), hold.id());
        Hold shipped = engine.fulfil(key(), hold.id(), 0, 1);
        assertEquals(1, shipped.lines().get(0).fulfilled());
        assertEquals(4, engine.position(TEA, STORE).onHand());
        assertEquals(5, engine.position(CUP, STORE).onHand(), "two cups left with the kit");
        assertEquals(3, engine.position(TIN, STORE).onHand());
        IllegalHoldStateException more = assertThrows(IllegalHoldStateException.class,
                () -> engine.fulfil(key(), hold.id(), 0, 2));
        assertTrue(more.getMessage().contains("1 open units, asked 2"), more.getMessage());
        Hold done = engine.release(key(), hold.id(), 0, 1);
        assertEquals(HoldStatus.FULFILLED, done.status());
        assertEquals(0, held(TEA, STORE) + held(CUP, STORE) + held(TIN, STORE));

        Hold unpaid = engine.hold(request(HoldLine.atNode(BOX, STORE, 1)));
        assertEquals(2, held(CUP, STORE));
        clock.advance(Duration.ofMinutes(16));
        engine.expireDue();
        assertEquals(HoldStatus.EXPIRED, engine.hold(unpaid.id()).orElseThrow().status());
        assertEquals(0, held(TEA, STORE) + held(CUP, STORE) + held(TIN, STORE), "every component came back");
        assertEquals(0, engine.hold(unpaid.id()).orElseThrow().lines().get(0).open());
    }

    @Test
    void aRetriedKitHoldIsTheSameHold() {
        HoldRequest request = request(HoldLine.atNode(BOX, STORE, 1));
        Hold first = engine.hold(request);
        assertEquals(first, engine.hold(request));
        assertEquals(1, held(TEA, STORE));
    }

    @Test
    void aKitHasNoStockOfItsOwnAndIsDefinedOnce() {
        assertThrows(IllegalArgumentException.class, () -> engine.receive(key(), BOX, STORE, 1));
        assertThrows(IllegalArgumentException.class, () -> engine.position(BOX, STORE));
        engine.defineKit(GIFT_BOX); // the same definition again: nothing changes
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> engine.defineKit(Kit.of(BOX, Map.of(TEA, 2))));
        assertTrue(other.getMessage().contains("already defined"), other.getMessage());
        IllegalArgumentException nested = assertThrows(IllegalArgumentException.class,
                () -> engine.defineKit(Kit.of(Sku.of("TWO-BOXES"), Map.of(BOX, 2))));
        assertTrue(nested.getMessage().contains("cannot contain kit"), nested.getMessage());
        IllegalArgumentException component = assertThrows(IllegalArgumentException.class,
                () -> engine.defineKit(Kit.of(CUP, Map.of(TEA, 1))));
        assertTrue(component.getMessage().contains("component of kit"), component.getMessage());
        Sku mug = Sku.of("MUG");
        engine.registerSku(mug);
        receive(mug, STORE, 1);
        IllegalArgumentException stocked = assertThrows(IllegalArgumentException.class,
                () -> engine.defineKit(Kit.of(mug, Map.of(TEA, 1))));
        assertTrue(stocked.getMessage().contains("positions of its own"), stocked.getMessage());
        assertEquals(Optional.empty(), engine.kit(mug));
        assertThrows(IllegalArgumentException.class, () -> engine.atp(BOX, io.github.omniretail.inventory.PoolId.of(
                "city"), APP));
    }

    @Test
    void kitsAndKitHoldsSurviveASnapshot() {
        Hold hold = engine.hold(request(HoldLine.atNode(BOX, STORE, 2)));
        engine.confirm(key(), hold.id());
        engine.fulfil(key(), hold.id(), 0, 1);
        InventoryEngine copy = builder().clock(clock).restore(engine.snapshot()).build();
        assertEquals(Optional.of(GIFT_BOX), copy.kit(BOX));
        assertEquals(engine.hold(hold.id()), copy.hold(hold.id()));
        assertEquals(engine.atp(BOX, STORE, APP), copy.atp(BOX, STORE, APP));
        Hold rest = copy.fulfil(key(), hold.id(), 0, 1);
        assertEquals(HoldStatus.FULFILLED, rest.status());
        assertEquals(3, copy.position(TEA, STORE).onHand());
    }

    @Test
    void eightThreadsOnKitsSharingComponentsNeverOversellNorHoldAPartialKit() throws Exception {
        receive(TEA, STORE, 40);
        receive(CUP, STORE, 60);
        receive(TIN, STORE, 30); // 45 teas, 67 cups, 34 tins at the store
        java.util.concurrent.atomic.AtomicInteger boxes = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger cups = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger tins = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 25; i++) {
                    int pick = (thread + i) % 3;
                    HoldLine line = pick == 0 ? HoldLine.atNode(CUP, STORE, 1) : pick == 1
                            ? HoldLine.atNode(TIN, STORE, 1) : HoldLine.atNode(BOX, STORE, 1);
                    HoldRequest r = HoldRequest.builder(IdempotencyKey.of("t" + thread + "-" + i), APP,
                            Duration.ofMinutes(15)).line(line).build();
                    try {
                        engine.hold(r);
                        (pick == 0 ? cups : pick == 1 ? tins : boxes).incrementAndGet();
                    } catch (InsufficientStockException e) {
                        // sold out: expected near the end
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (java.util.concurrent.Future<?> f : done) {
            f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(boxes.get(), held(TEA, STORE), "every held box holds its tea");
        assertEquals(2 * boxes.get() + cups.get(), held(CUP, STORE), "and its two cups");
        assertEquals(boxes.get() + tins.get(), held(TIN, STORE), "and its tin");
        for (Sku sku : List.of(TEA, CUP, TIN)) {
            assertTrue(held(sku, STORE) <= engine.position(sku, STORE).onHand(), "never oversold: " + sku);
        }
        assertTrue(boxes.get() > 0, "some kits were held");
    }

    static final Sku BOXED = Sku.of("GIFT-BOX-PACKED");
    static final Kit PACKED = Kit.of(BOXED, Map.of(TEA, 1, CUP, 2, TIN, 1));

    @Test
    void anAssembledKitIsBoxedFromComponentsIntoStockOfItsOwnAndOpenedBack() {
        engine.registerSku(BOXED);
        // a cup held by a cart cannot be boxed
        engine.hold(request(HoldLine.atNode(CUP, STORE, 2)));
        io.github.omniretail.inventory.Position boxed = engine.assemble(IdempotencyKey.of("pack-1"), PACKED, STORE, 2);
        assertEquals(2, boxed.onHand());
        assertEquals(List.of(3, 3, 2), List.of(engine.position(TEA, STORE).onHand(),
                engine.position(CUP, STORE).onHand(), engine.position(TIN, STORE).onHand()));
        assertEquals(2, engine.atp(BOXED, STORE, APP), "an ordinary SKU now: its own stock");
        assertEquals(0, engine.atp(BOX, STORE, APP), "the virtual kit sees one free cup: no whole box");
        assertEquals(boxed, engine.assemble(IdempotencyKey.of("pack-1"), PACKED, STORE, 2), "a retry");
        assertThrows(io.github.omniretail.core.IdempotencyConflictException.class,
                () -> engine.assemble(IdempotencyKey.of("pack-1"), PACKED, STORE, 1));
        // one cup free: all or nothing
        io.github.omniretail.inventory.InsufficientStockException short_ = assertThrows(
                io.github.omniretail.inventory.InsufficientStockException.class,
                () -> engine.assemble(IdempotencyKey.of("pack-2"), PACKED, STORE, 1));
        assertEquals(CUP, short_.sku());
        assertEquals(List.of(3, 3, 2, 2), List.of(engine.position(TEA, STORE).onHand(),
                engine.position(CUP, STORE).onHand(), engine.position(TIN, STORE).onHand(),
                engine.position(BOXED, STORE).onHand()), "nothing changed");
        // a boxed kit held for an order cannot be opened; a free one can
        engine.hold(request(HoldLine.atNode(BOXED, STORE, 1)));
        assertThrows(io.github.omniretail.inventory.InsufficientStockException.class,
                () -> engine.disassemble(IdempotencyKey.of("open-1"), PACKED, STORE, 2));
        engine.disassemble(IdempotencyKey.of("open-2"), PACKED, STORE, 1);
        assertEquals(List.of(4, 5, 3, 1), List.of(engine.position(TEA, STORE).onHand(),
                engine.position(CUP, STORE).onHand(), engine.position(TIN, STORE).onHand(),
                engine.position(BOXED, STORE).onHand()));
        assertThrows(IllegalArgumentException.class,
                () -> engine.assemble(IdempotencyKey.of("pack-3"), Kit.of(BOX, Map.of(TEA, 1)), STORE, 1),
                "a virtual kit has no stock to box into");
        assertThrows(IllegalArgumentException.class,
                () -> engine.assemble(IdempotencyKey.of("pack-4"), Kit.of(BOXED, Map.of(BOX, 1)), STORE, 1),
                "a virtual kit is not a component");
        assertThrows(IllegalArgumentException.class,
                () -> engine.assemble(IdempotencyKey.of("pack-5"), PACKED, STORE, 0));
    }
}

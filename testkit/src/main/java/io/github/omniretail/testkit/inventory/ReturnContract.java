package io.github.omniretail.testkit.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyConflictException;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MutableClock;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.event.InventoryEvent;
import io.github.omniretail.inventory.Disposition;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.InventorySnapshot;
import io.github.omniretail.inventory.Kit;
import io.github.omniretail.inventory.Lot;
import io.github.omniretail.inventory.LotPosition;
import io.github.omniretail.inventory.Position;
import io.github.omniretail.inventory.ReturnedUnits;
import io.github.omniretail.inventory.StockEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of returns for any inventory store: sellable units back on the shelf (into a named lot), quarantine
 * kept out of ATP until inspected, damaged units written off, refusals that change nothing, idempotent keys, and
 * eight threads returning and inspecting at once. Extend it and return stores on fresh storage from
 * {@link #newStore()}.
 */
public abstract class ReturnContract extends InventoryStoreFixture {

    /** For subclasses. */
    protected ReturnContract() {
    }

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant MONDAY = LocalDate.of(2026, 12, 7).atTime(10, 0).atZone(SHANGHAI).toInstant();
    static final Sku MILK = Sku.of("MILK-1L");
    static final Sku SCARF = Sku.of("SCARF-RED");
    static final NodeId STORE = NodeId.of("ST-01");
    static final Channel APP = Channel.of("app", ChannelKind.APP);

    MutableClock clock;
    List<InventoryEvent> events;
    InventoryEngine inventory;

    @BeforeEach
    void setUp() {
        clock = MutableClock.at(MONDAY, SHANGHAI);
        events = new CopyOnWriteArrayList<>();
        inventory = builder().clock(clock).eventSink(events::add).build();
        inventory.registerNode(STORE);
        inventory.registerSku(MILK);
        inventory.registerSku(SCARF);
        inventory.receive(key("r-1"), SCARF, STORE, 5);
        inventory.receive(key("r-2"), MILK, STORE, Lot.bestBefore("L-1", LocalDate.of(2026, 12, 10), SHANGHAI), 8);
    }

    static IdempotencyKey key(String k) {
        return IdempotencyKey.of(k);
    }

    @Test
    void sellableUnitsGoBackOnTheShelfAndIntoTheirLot() {
        Position back = inventory.returnUnits(key("ret-1"), ReturnedUnits.of(SCARF, STORE, 2, Disposition.SELLABLE));
        assertEquals(7, back.onHand());
        assertEquals(7, inventory.atp(SCARF, STORE, APP));
        Lot l1 = Lot.bestBefore("L-1", LocalDate.of(2026, 12, 10), SHANGHAI);
        inventory.returnUnits(key("ret-2"), ReturnedUnits.of(MILK, STORE, 1, Disposition.SELLABLE).inLot(l1)
                .because("unopened"));
        assertEquals(List.of(new LotPosition("L-1", l1.expiresAt(), MONDAY, 9, 0)), inventory.lots(MILK, STORE));
        StockEvent.Returned returned = events.stream().filter(StockEvent.Returned.class::isInstance)
                .map(StockEvent.Returned.class::cast).reduce((a, b) -> b).orElseThrow();
        assertEquals(new StockEvent.Returned(MONDAY, MILK, STORE, 1, Disposition.SELLABLE, Optional.of("L-1"),
                "unopened", 9, 0), returned);
        // a lot sold out and forgotten comes back with its expiry
        Lot l0 = Lot.bestBefore("L-0", LocalDate.of(2026, 12, 8), SHANGHAI);
        inventory.returnUnits(key("ret-3"), ReturnedUnits.of(MILK, STORE, 2, Disposition.SELLABLE).inLot(l0));
        assertEquals(List.of("L-0", "L-1"), inventory.lots(MILK, STORE).stream().map(LotPosition::lot).toList());
        assertEquals(2, inventory.hold(HoldRequest.builder(key("h-1"), APP, Duration.ofMinutes(5))
                .line(HoldLine.atNode(MILK, STORE, 2)).build()).lines().get(0).lots().get(0).open(),
                "the returned lot expires first, so it is sold first");
    }

    @Test
    void quarantineIsKeptOutOfStockUntilInspected() {
        inventory.returnUnits(key("ret-1"), ReturnedUnits.of(SCARF, STORE, 3, Disposition.QUARANTINE));
        assertEquals(3, inventory.quarantined(SCARF, STORE));
        assertEquals(5, inventory.position(SCARF, STORE).onHand(), "not on the shelf");
        assertEquals(5, inventory.atp(SCARF, STORE, APP));
        Position sold = inventory.inspect(key("insp-1"), ReturnedUnits.of(SCARF, STORE, 2, Disposition.SELLABLE)
                .because("as-new"));
        assertEquals(7, sold.onHand());
        assertEquals(1, inventory.quarantined(SCARF, STORE));
        inventory.inspect(key("insp-2"), ReturnedUnits.of(SCARF, STORE, 1, Disposition.DAMAGED).because("torn"));
        assertEquals(0, inventory.quarantined(SCARF, STORE));
        assertEquals(7, inventory.position(SCARF, STORE).onHand(), "written off, never on the shelf");
        assertTrue(events.contains(new StockEvent.Inspected(MONDAY, SCARF, STORE, 1, Disposition.DAMAGED,
                Optional.empty(), "torn", 7, 0)), events.toString());
    }

    @Test
    void damagedUnitsAreWrittenOff() {
        Position p = inventory.returnUnits(key("ret-1"), ReturnedUnits.of(MILK, STORE, 2, Disposition.DAMAGED)
                .because("leaking"));
        assertEquals(8, p.onHand());
        assertEquals(0, inventory.quarantined(MILK, STORE));
        assertTrue(events.contains(new StockEvent.Returned(MONDAY, MILK, STORE, 2, Disposition.DAMAGED,
                Optional.empty(), "leaking", 8, 0)), events.toString());
    }

    @Test
    void refusalsChangeNothingAndKeysAreIdempotent() {
        ReturnedUnits two = ReturnedUnits.of(SCARF, STORE, 2, Disposition.QUARANTINE);
        assertEquals(inventory.returnUnits(key("ret-1"), two), inventory.returnUnits(key("ret-1"), two));
        assertEquals(2, inventory.quarantined(SCARF, STORE), "a retry counts once");
        assertThrows(IdempotencyConflictException.class, () -> inventory.returnUnits(key("ret-1"),
                ReturnedUnits.of(SCARF, STORE, 3, Disposition.QUARANTINE)));
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> inventory.inspect(key("insp-1"), ReturnedUnits.of(SCARF, STORE, 3, Disposition.SELLABLE)));
        assertTrue(tooMany.getMessage().contains("only 2 units"), tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> inventory.inspect(key("insp-2"),
                ReturnedUnits.of(SCARF, STORE, 1, Disposition.QUARANTINE)));
        Lot expired = Lot.expiring("L-OLD", MONDAY.minusSeconds(60));
        IllegalArgumentException old = assertThrows(IllegalArgumentException.class, () -> inventory.returnUnits(
                key("ret-2"), ReturnedUnits.of(MILK, STORE, 1, Disposition.SELLABLE).inLot(expired)));
        assertTrue(old.getMessage().contains("cannot be sold again"), old.getMessage());
        assertThrows(IllegalArgumentException.class, () -> inventory.returnUnits(key("ret-3"),
                ReturnedUnits.of(MILK, STORE, 1, Disposition.SELLABLE).inLot(Lot.withoutExpiry("L-1"))),
                "L-1 is here with an expiry");
        assertThrows(IllegalArgumentException.class, () -> ReturnedUnits.of(MILK, STORE, 0, Disposition.DAMAGED));
        assertThrows(IllegalArgumentException.class, () -> ReturnedUnits.of(MILK, STORE, 1, Disposition.DAMAGED)
                .because(""));
        inventory.defineKit(Kit.of(Sku.of("GIFT"), Map.of(SCARF, 1, MILK, 1)));
        assertThrows(IllegalArgumentException.class, () -> inventory.returnUnits(key("ret-4"),
                ReturnedUnits.of(Sku.of("GIFT"), STORE, 1, Disposition.SELLABLE)), "a kit comes back as components");
        assertEquals(5, inventory.position(SCARF, STORE).onHand());
        assertEquals(8, inventory.position(MILK, STORE).onHand());
        assertEquals(2, inventory.quarantined(SCARF, STORE));
        assertEquals(8, inventory.lots(MILK, STORE).get(0).onHand());
    }

    @Test
    void quarantineSurvivesASnapshotAndARestore() {
        InventoryEngine plain = builder().clock(clock).build();
        plain.registerNode(STORE);
        plain.registerSku(SCARF);
        plain.receive(key("r-1"), SCARF, STORE, 5);
        plain.returnUnits(key("ret-1"), ReturnedUnits.of(SCARF, STORE, 4, Disposition.QUARANTINE));
        InventorySnapshot snapshot = plain.snapshot();
        InventoryEngine restored = builder().clock(clock).restore(snapshot).build();
        assertEquals(4, restored.quarantined(SCARF, STORE));
        assertEquals(5, restored.position(SCARF, STORE).onHand());
        assertEquals(9, restored.inspect(key("insp-1"), ReturnedUnits.of(SCARF, STORE, 4, Disposition.SELLABLE))
                .onHand());
    }

    @Test
    void eightThreadsReturnAndInspectWithoutLosingAUnit() throws Exception {
        int threads = 8;
        int perThread = 25;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger failures = new AtomicInteger();
        List<Thread> workers = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        inventory.returnUnits(key("ret-" + id + "-" + i),
                                ReturnedUnits.of(SCARF, STORE, 2, Disposition.QUARANTINE));
                        inventory.inspect(key("insp-" + id + "-" + i), ReturnedUnits.of(SCARF, STORE, 1,
                                i % 2 == 0 ? Disposition.SELLABLE : Disposition.DAMAGED));
                    }
                } catch (Exception | AssertionError e) {
                    failures.incrementAndGet();
                }
            });
            workers.add(w);
            w.start();
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        assertEquals(0, failures.get());
        int sellable = threads * ((perThread + 1) / 2);
        assertEquals(5 + sellable, inventory.position(SCARF, STORE).onHand());
        assertEquals(threads * perThread, inventory.quarantined(SCARF, STORE));
    }
}

package io.github.omniretail.testkit.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MutableClock;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.event.InventoryEvent;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.Lot;
import io.github.omniretail.inventory.Position;
import io.github.omniretail.core.spi.LotView;
import io.github.omniretail.inventory.ExpiryBucket;
import io.github.omniretail.inventory.LotAtp;
import io.github.omniretail.inventory.LotOrder;
import io.github.omniretail.inventory.SafetyStockPolicy;
import io.github.omniretail.inventory.LotPosition;
import io.github.omniretail.inventory.LotUnits;
import io.github.omniretail.inventory.PoolId;
import io.github.omniretail.inventory.StockEvent;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The contract of lots for any inventory store: receipts into lots, first-expiry-first-out, FIFO and named-lot
 * holds, a channel's minimum shelf life, expiry (unavailable at once, written off by the sweep), fulfilment and
 * release by lot, what may not touch a lot's units, and eight threads on one fresh SKU with five lots. Extend it and
 * return stores on fresh storage from {@link #newStore()}.
 */
public abstract class LotContract extends InventoryStoreFixture {

    /** For subclasses. */
    protected LotContract() {
    }

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant MONDAY = LocalDate.of(2026, 12, 7).atTime(8, 0).atZone(SHANGHAI).toInstant();
    static final Sku MILK = Sku.of("MILK-1L");
    static final NodeId STORE = NodeId.of("ST-01");
    static final NodeId DC = NodeId.of("DC-01");
    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final Channel TMALL = Channel.of("tmall", ChannelKind.MARKETPLACE);

    MutableClock clock;
    List<InventoryEvent> events;
    InventoryEngine inventory;

    @BeforeEach
    void setUp() {
        clock = MutableClock.at(MONDAY, SHANGHAI);
        events = new java.util.concurrent.CopyOnWriteArrayList<>();
        inventory = builder().clock(clock).eventSink(events::add).minShelfLife(TMALL.id(), Duration.ofDays(3))
                .build();
        inventory.registerNode(STORE);
        inventory.registerNode(DC);
        inventory.registerSku(MILK);
        // received out of expiry order: B expires first
        inventory.receive(key("r-a"), MILK, STORE, Lot.bestBefore("A", LocalDate.of(2026, 12, 9), SHANGHAI), 10);
        clock.advance(Duration.ofMinutes(1));
        inventory.receive(key("r-b"), MILK, STORE, Lot.bestBefore("B", LocalDate.of(2026, 12, 8), SHANGHAI), 5);
        clock.advance(Duration.ofMinutes(1));
        inventory.receive(key("r-c"), MILK, STORE, Lot.bestBefore("C", LocalDate.of(2026, 12, 14), SHANGHAI), 20);
    }

    static IdempotencyKey key(String k) {
        return IdempotencyKey.of(k);
    }

    Hold hold(String k, HoldLine line, Channel channel) {
        return inventory.hold(HoldRequest.builder(key(k), channel, Duration.ofMinutes(15)).line(line).build());
    }

    Map<String, Integer> freeByLot() {
        return inventory.lots(MILK, STORE).stream().collect(Collectors.toMap(LotPosition::lot, LotPosition::free));
    }

    @Test
    void lotsAndTheLotsHoldsTookSurviveASnapshot() {
        Hold h = hold("h-1", HoldLine.atNode(MILK, STORE, 7), APP);
        inventory.confirm(key("h-1-ok"), h.id());
        inventory.fulfil(key("h-1-ship"), h.id(), 0, 3);
        InventoryEngine copy = builder().clock(clock).minShelfLife(TMALL.id(), Duration.ofDays(3))
                .restore(inventory.snapshot()).build();
        assertEquals(inventory.lots(MILK, STORE), copy.lots(MILK, STORE));
        assertEquals(inventory.hold(h.id()), copy.hold(h.id()));
        assertEquals(inventory.atpByLot(MILK, STORE, TMALL), copy.atpByLot(MILK, STORE, TMALL));
        // the restored hold ships from its lots, and the next hold takes the next lot
        Hold rest = copy.fulfilAll(key("h-1-rest"), h.id());
        assertEquals(List.of(new LotUnits("B", 0, 5), new LotUnits("A", 0, 2)), rest.lines().get(0).lots());
        assertEquals(List.of(new LotUnits("A", 4, 0)), copy.hold(HoldRequest.builder(key("h-2"), APP,
                Duration.ofMinutes(15)).line(HoldLine.atNode(MILK, STORE, 4)).build()).lines().get(0).lots());
        clock.advance(Duration.ofDays(3));
        assertEquals(8, copy.expireLots(), "lot A expires in the copy too (the cart that held 4 of it expired first)");
    }

    @Test
    void oneLotIsAdjustedByItselfAndNeverLosesHeldUnits() {
        hold("h-1", HoldLine.atNode(MILK, STORE, 3), APP); // takes 3 of B
        Position p = inventory.adjustLot(key("spoiled-1"), MILK, STORE, "B", -2, "spoiled");
        assertEquals(33, p.onHand());
        assertEquals(Map.of("B", 0, "A", 10, "C", 20), freeByLot());
        assertEquals(p, inventory.adjustLot(key("spoiled-1"), MILK, STORE, "B", -2, "spoiled"), "a retry");
        IllegalArgumentException held = assertThrows(IllegalArgumentException.class,
                () -> inventory.adjustLot(key("spoiled-2"), MILK, STORE, "B", -1, "spoiled"));
        assertTrue(held.getMessage().contains("held"), held.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> inventory.adjustLot(key("x"), MILK, STORE, "Z", -1, "spoiled"), "no such lot here");
        assertThrows(IllegalArgumentException.class,
                () -> inventory.adjustLot(key("y"), MILK, STORE, "A", 0, "count"));
        assertEquals(33, inventory.position(MILK, STORE).onHand(), "refusals changed nothing");
        inventory.adjustLot(key("count-c"), MILK, STORE, "C", 2, "count");
        inventory.adjustLot(key("gone-a"), MILK, STORE, "A", -10, "recalled");
        assertEquals(List.of("B", "C"), inventory.lots(MILK, STORE).stream().map(LotPosition::lot).toList(),
                "an emptied lot is forgotten");
        assertEquals(25, inventory.position(MILK, STORE).onHand());
        assertTrue(events.contains(new StockEvent.LotAdjusted(MONDAY.plus(Duration.ofMinutes(2)), MILK, STORE, "A",
                -10, 0, "recalled")), events.toString());
        clock.advance(Duration.ofDays(3)); // B is past its best-before
        assertThrows(IllegalArgumentException.class,
                () -> inventory.adjustLot(key("z"), MILK, STORE, "B", 1, "count"), "an expired lot does not grow");
    }

    @Test
    void lotsAreKeptInExpiryOrderAndHoldsTakeTheFirstToExpire() {
        assertEquals(List.of("B", "A", "C"), inventory.lots(MILK, STORE).stream().map(LotPosition::lot).toList());
        assertEquals(35, inventory.position(MILK, STORE).onHand());
        Hold h = hold("h-1", HoldLine.atNode(MILK, STORE, 7), APP);
        assertEquals(List.of(new LotUnits("B", 5, 0), new LotUnits("A", 2, 0)), h.lines().get(0).lots());
        assertEquals(Map.of("B", 0, "A", 8, "C", 20), freeByLot());
        assertEquals(28, inventory.atp(MILK, STORE, APP));
    }

    @Test
    void firstInFirstOutAndANamedLotOnRequest() {
        Hold fifo = hold("h-1", HoldLine.atNode(MILK, STORE, 12).firstIn(), APP);
        assertEquals(List.of(new LotUnits("A", 10, 0), new LotUnits("B", 2, 0)), fifo.lines().get(0).lots());
        Hold named = hold("h-2", HoldLine.atNode(MILK, STORE, 4).fromLot("C"), APP);
        assertEquals(List.of(new LotUnits("C", 4, 0)), named.lines().get(0).lots());
        assertEquals(fifo, hold("h-1", HoldLine.atNode(MILK, STORE, 12).firstIn(), APP), "a retry is the same hold");
        InsufficientStockException short_ = assertThrows(InsufficientStockException.class,
                () -> hold("h-3", HoldLine.atNode(MILK, STORE, 4).fromLot("B"), APP));
        assertTrue(short_.getMessage().contains("lot B has 3 free"), short_.getMessage());
        assertThrows(InsufficientStockException.class, () -> hold("h-4", HoldLine.atNode(MILK, STORE, 1)
                .fromLot("Z"), APP));
        assertEquals(Map.of("B", 3, "A", 0, "C", 16), freeByLot(), "refusals changed nothing");
    }

    @Test
    void aChannelNeedingShelfLifeSeesOnlyTheLotsThatLastLongEnough() {
        assertEquals(20, inventory.atp(MILK, STORE, TMALL), "only C lasts three more days");
        assertThrows(InsufficientStockException.class, () -> hold("t-1", HoldLine.atNode(MILK, STORE, 21), TMALL));
        Hold h = hold("t-2", HoldLine.atNode(MILK, STORE, 6), TMALL);
        assertEquals(List.of(new LotUnits("C", 6, 0)), h.lines().get(0).lots());
        assertThrows(InsufficientStockException.class, () -> hold("t-3", HoldLine.atNode(MILK, STORE, 1)
                .fromLot("A"), TMALL));
        assertEquals(29, inventory.atp(MILK, STORE, APP));
    }

    @Test
    void atpByLotListsWhatAHoldWouldTakeAndBucketsItBySellByDay() {
        inventory.receive(key("r-plain"), MILK, STORE, 4);
        hold("h-1", HoldLine.atNode(MILK, STORE, 2), APP); // 2 of B
        assertEquals(List.of(new LotAtp(Optional.of("B"), expiry(8), 3), new LotAtp(Optional.of("A"), expiry(9), 10),
                new LotAtp(Optional.of("C"), expiry(14), 20), new LotAtp(Optional.empty(), Optional.empty(), 4)),
                inventory.atpByLot(MILK, STORE, APP));
        assertEquals(List.of(new LotAtp(Optional.of("C"), expiry(14), 20),
                new LotAtp(Optional.empty(), Optional.empty(), 4)), inventory.atpByLot(MILK, STORE, TMALL),
                "the marketplace's three days of shelf life leave only C");
        inventory.setSafetyStock(MILK, STORE, SafetyStockPolicy.fixed(6));
        List<ExpiryBucket> buckets = inventory.atpByExpiry(MILK, STORE, APP, SHANGHAI);
        assertEquals(List.of(new ExpiryBucket(Optional.of(LocalDate.of(2026, 12, 8)), 3),
                new ExpiryBucket(Optional.of(LocalDate.of(2026, 12, 9)), 10),
                new ExpiryBucket(Optional.of(LocalDate.of(2026, 12, 14)), 18)), buckets,
                "safety stock comes off the units taken last: the four without a lot and two of C");
        assertEquals(inventory.atp(MILK, STORE, APP), buckets.stream().mapToLong(ExpiryBucket::units).sum());
        assertEquals(LocalDate.of(2026, 12, 9), inventory.atpByExpiry(MILK, STORE, APP, ZoneOffset.ofHours(14))
                .get(0).lastDay().orElseThrow(), "B expires at 06:00 on the 9th six hours east of Shanghai");

        LotView view = inventory.lotView();
        assertEquals(expiry(8), view.nextExpiry(MILK, STORE, APP));
        assertEquals(expiry(14), view.nextExpiry(MILK, STORE, TMALL));
        assertEquals(Optional.empty(), view.nextExpiry(Sku.of("NOT-KNOWN"), STORE, APP));
        assertEquals(Optional.empty(), view.nextExpiry(MILK, DC, APP), "nothing at the DC");
        assertEquals(List.of(), inventory.atpByLot(MILK, DC, APP));
        Sku breakfast = Sku.of("BREAKFAST");
        inventory.defineKit(io.github.omniretail.inventory.Kit.of(breakfast, Map.of(MILK, 2)));
        IllegalArgumentException kit = assertThrows(IllegalArgumentException.class,
                () -> inventory.atpByLot(breakfast, STORE, APP));
        assertTrue(kit.getMessage().contains("ask per component"), kit.getMessage());
        assertEquals(Optional.empty(), view.nextExpiry(breakfast, STORE, APP));
    }

    static Optional<Instant> expiry(int december) {
        return Optional.of(LocalDate.of(2026, 12, december + 1).atStartOfDay(SHANGHAI).toInstant());
    }

    @Test
    void anExpiredLotIsUnavailableAtOnceAndTheSweepWritesOffWhatIsFree() {
        Hold h = hold("h-1", HoldLine.atNode(MILK, STORE, 2), APP); // 2 of B
        inventory.confirm(key("c-1"), h.id());
        clock.set(LocalDate.of(2026, 12, 9).atStartOfDay(SHANGHAI).toInstant()); // B is past its best-before
        assertEquals(30, inventory.atp(MILK, STORE, APP), "B's 3 free units are no longer offered");
        events.clear();
        assertEquals(3, inventory.expireLots());
        List<StockEvent.LotExpired> expired = events.stream().filter(StockEvent.LotExpired.class::isInstance)
                .map(StockEvent.LotExpired.class::cast).toList();
        assertEquals(1, expired.size());
        assertEquals("B", expired.get(0).lot());
        assertEquals(3, expired.get(0).wasted());
        assertEquals(32, inventory.position(MILK, STORE).onHand(), "35 − 3 written off");
        assertEquals(0, inventory.expireLots(), "nothing twice");
        // the confirmed hold still ships its two units of B, and says so
        events.clear();
        Hold shipped = inventory.fulfilAll(key("f-1"), h.id());
        assertEquals(List.of(new LotUnits("B", 0, 2)), shipped.lines().get(0).lots());
        assertTrue(events.contains(new StockEvent.LotFulfilled(clock.instant(), h.id(), MILK, STORE, "B", 2)),
                events.toString());
        assertEquals(List.of("A", "C"), inventory.lots(MILK, STORE).stream().map(LotPosition::lot).toList(),
                "an empty lot is forgotten");
    }

    @Test
    void releasedUnitsGoBackToTheirLotsAndAnExpiredHoldGivesBackItsLots() {
        Hold h = hold("h-1", HoldLine.atNode(MILK, STORE, 9), APP); // B 5, A 4
        inventory.release(key("rel-1"), h.id(), 0, 6);
        assertEquals(Map.of("B", 2, "A", 10, "C", 20), freeByLot(), "released from the last lot taken first");
        Hold second = hold("h-2", HoldLine.atNode(MILK, STORE, 1), APP);
        clock.advance(Duration.ofMinutes(16));
        assertEquals(0, inventory.expireDue() - 2, "both holds expire");
        assertEquals(Map.of("B", 5, "A", 10, "C", 20), freeByLot());
        assertEquals(HoldStatus.EXPIRED, inventory.hold(second.id()).orElseThrow().status());
    }

    @Test
    void unitsWithoutALotComeAfterEveryLotAndChangesMayNotTakeTheLotsUnits() {
        inventory.receive(key("r-plain"), MILK, STORE, 4);
        Hold h = hold("h-1", HoldLine.atNode(MILK, STORE, 37), APP);
        assertEquals(35, h.lines().get(0).lots().stream().mapToInt(LotUnits::open).sum(), "two have no lot");
        inventory.release(key("rel-1"), h.id(), 0, 37);
        assertEquals(36, inventory.adjust(key("adj-1"), MILK, STORE, -3, "broken").onHand());
        IllegalArgumentException lotUnits = assertThrows(IllegalArgumentException.class,
                () -> inventory.adjust(key("adj-2"), MILK, STORE, -2, "broken"));
        assertTrue(lotUnits.getMessage().contains("adjust the lot"), lotUnits.getMessage());
        assertThrows(InsufficientStockException.class, () -> inventory.dispatchTransfer(key("t-1"), MILK, STORE, DC,
                2));
        assertEquals(1, inventory.dispatchTransfer(key("t-2"), MILK, STORE, DC, 1).quantity());
    }

    @Test
    void badLotsAreRefusedAndChangeNothing() {
        assertThrows(IllegalArgumentException.class, () -> inventory.receive(key("x-1"), MILK, STORE,
                Lot.expiring("OLD", MONDAY.minusSeconds(1)), 1));
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> inventory.receive(
                key("x-2"), MILK, STORE, Lot.bestBefore("A", LocalDate.of(2026, 12, 10), SHANGHAI), 1));
        assertTrue(other.getMessage().contains("expires 2026-12-09T16:00:00Z"), other.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Lot.withoutExpiry(""));
        assertThrows(IllegalArgumentException.class, () -> Lot.withoutExpiry("a\nb"));
        assertThrows(IllegalArgumentException.class, () -> new HoldLine(MILK, java.util.Optional.empty(),
                java.util.Optional.of(PoolId.of("P")), 1, LotOrder.FEFO, java.util.Optional.of("A")));
        assertEquals(35, inventory.position(MILK, STORE).onHand());
        assertEquals(3, inventory.lots(MILK, STORE).size());
    }

    static final Sku FISH = Sku.of("FISH");
    static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");

    @Test
    void eightThreadsNeverOversellAndTakeLotsInExpiryOrder() throws Exception {
        MutableClock clock = MutableClock.at(T0, ZoneOffset.UTC);
        InventoryEngine inventory = builder().clock(clock).build();
        inventory.registerNode(STORE);
        inventory.registerSku(FISH);
        int[] sizes = {40, 25, 60, 10, 35};
        for (int i = 0; i < sizes.length; i++) {
            // received newest-expiry first, so FEFO differs from arrival order
            inventory.receive(IdempotencyKey.of("r-" + i), FISH, STORE, Lot.expiring("L" + (4 - i),
                    T0.plus(Duration.ofDays(5 - i))), sizes[i]);
        }
        int total = 170;
        ConcurrentLinkedQueue<Hold> held = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            int thread = t;
            threads[t] = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; refused.get() < 50; i++) {
                        int q = ThreadLocalRandom.current().nextInt(1, 4);
                        try {
                            held.add(inventory.hold(HoldRequest.builder(IdempotencyKey.of("h-" + thread + "-" + i),
                                    APP, Duration.ofMinutes(10)).line(HoldLine.atNode(FISH, STORE, q)).build()));
                        } catch (InsufficientStockException e) {
                            refused.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads[t].start();
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        int units = held.stream().mapToInt(h -> h.lines().get(0).quantity()).sum();
        assertTrue(units <= total, "oversold: " + units);
        assertTrue(units >= total - 2, "a hold of up to 3 fails only with fewer than 3 left: " + units);
        for (Hold h : held) {
            assertEquals(h.lines().get(0).quantity(), h.lines().get(0).lots().stream().mapToInt(LotUnits::open).sum(),
                    "every unit of " + h.id() + " is in a lot");
        }
        List<LotPosition> lots = inventory.lots(FISH, STORE);
        assertEquals(List.of("L0", "L1", "L2", "L3", "L4"), lots.stream().map(LotPosition::lot).toList());
        // FEFO: the lots are used up in expiry order, at most one part-used
        boolean seenPart = false;
        for (LotPosition lot : lots) {
            assertTrue(lot.held() <= lot.onHand(), lot.toString());
            if (seenPart) {
                assertEquals(0, lot.held(), "a later lot was used before an earlier one ran out: " + lots);
            } else if (lot.free() > 0) {
                seenPart = true;
            }
        }
        // and each hold's own lots are the earliest free when it was placed: never a later lot then an earlier
        for (Hold h : held) {
            List<String> ids = h.lines().get(0).lots().stream().map(LotUnits::lot).toList();
            assertEquals(ids.stream().sorted().toList(), ids, h.toString());
        }
        assertEquals(units, lots.stream().mapToInt(LotPosition::held).sum());
        assertEquals(units, inventory.position(FISH, STORE).held());
    }
}

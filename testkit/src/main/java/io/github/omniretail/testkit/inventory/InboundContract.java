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
import io.github.omniretail.core.event.InventoryEvent;
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
import io.github.omniretail.inventory.Lot;
import io.github.omniretail.inventory.Presale;
import io.github.omniretail.inventory.StockEvent;
import io.github.omniretail.inventory.WaitingUnits;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of inbound stock for any inventory store: expected receipts, available-to-promise by date, pre-sale
 * holds that wait with a promise date and are served strictly in placement order when stock lands, the
 * late-or-short rule (cancel past the latest promise, re-promise open-ended pre-sales), backorder limits per SKU and
 * channel, refusals that change nothing, idempotent keys, and eight threads pre-selling one SKU. Extend it and
 * return stores on fresh storage from {@link #newStore()}.
 */
public abstract class InboundContract extends InventoryStoreFixture {

    /** For subclasses. */
    protected InboundContract() {
    }

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant NOW = LocalDate.of(2026, 11, 1).atTime(20, 0).atZone(SHANGHAI).toInstant();
    static final Instant DAY_3 = NOW.plus(Duration.ofDays(3));
    static final Instant DAY_5 = NOW.plus(Duration.ofDays(5));
    static final Instant DAY_10 = NOW.plus(Duration.ofDays(10));
    static final Sku PHONE = Sku.of("PHONE-X");
    static final NodeId DC = NodeId.of("DC-SH");
    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final Channel TMALL = Channel.of("tmall", ChannelKind.MARKETPLACE);
    static final Duration LONG = Duration.ofDays(30);

    MutableClock clock;
    List<InventoryEvent> events;
    InventoryEngine inventory;

    @BeforeEach
    void setUp() {
        clock = MutableClock.at(NOW, SHANGHAI);
        events = new CopyOnWriteArrayList<>();
        inventory = builder().clock(clock).eventSink(events::add).build();
        inventory.registerNode(DC);
        inventory.registerSku(PHONE);
    }

    static IdempotencyKey key(String k) {
        return IdempotencyKey.of(k);
    }

    Hold presale(String key, Channel channel, int units, Presale presale) {
        return inventory.hold(HoldRequest.builder(key(key), channel, LONG).line(HoldLine.atNode(PHONE, DC, units))
                .presale(presale).build());
    }

    <T extends StockEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void preSaleHoldsWaitWithAPromiseAndAreServedInPlacementOrder() {
        inventory.receive(key("r-0"), PHONE, DC, 2);
        inventory.expectReceipt(key("po-1"), ExpectedReceipt.purchaseOrder("PO-1", PHONE, DC, 10, DAY_3));
        assertEquals(List.of(new DatedAtp(NOW, 2), new DatedAtp(DAY_3, 12)), inventory.atpByDate(PHONE, DC, APP));

        Hold a = presale("a", APP, 4, Presale.openEnded());
        HoldLineState la = a.lines().get(0);
        assertEquals(2, la.allocated(), "takes what is on hand now");
        assertEquals(2, la.waiting());
        assertEquals(Optional.of(DAY_3), la.promisedBy());
        Hold b = presale("b", TMALL, 5, Presale.promisedBy(DAY_5));
        assertEquals(5, b.lines().get(0).waiting());
        assertEquals(Optional.of(DAY_3), b.lines().get(0).promisedBy());
        assertEquals(0, inventory.atp(PHONE, DC, APP), "nothing on hand is free");
        assertEquals(List.of(new DatedAtp(NOW, 0), new DatedAtp(DAY_3, 3)), inventory.atpByDate(PHONE, DC, APP));
        assertThrows(InsufficientStockException.class, () -> inventory.hold(HoldRequest.builder(key("c"), APP,
                Duration.ofMinutes(5)).line(HoldLine.atNode(PHONE, DC, 1)).build()));
        // a pre-sale that cannot be promised by its latest date is refused, and nothing changes
        InsufficientStockException late = assertThrows(InsufficientStockException.class,
                () -> presale("d", APP, 4, Presale.promisedBy(NOW.plus(Duration.ofDays(1)))));
        assertEquals(0, late.available());
        assertThrows(InsufficientStockException.class, () -> presale("e", APP, 4, Presale.openEnded()),
                "beyond every receipt, and no backorders allowed");
        assertEquals(7, inventory.hold(a.id()).orElseThrow().lines().get(0).waiting()
                + inventory.hold(b.id()).orElseThrow().lines().get(0).waiting());

        inventory.confirm(key("a-ok"), a.id());
        IllegalHoldStateException early = assertThrows(IllegalHoldStateException.class,
                () -> inventory.fulfilAll(key("a-ship-early"), a.id()));
        assertTrue(early.getMessage().contains("waiting"), early.getMessage());
        inventory.fulfil(key("a-ship-2"), a.id(), 0, 2);

        clock.advance(Duration.ofDays(3));
        inventory.receiveExpected(key("po-1-in"), PHONE, DC, "PO-1", 10);
        List<StockEvent.HoldAllocated> allocated = events(StockEvent.HoldAllocated.class);
        assertEquals(List.of(a.id(), b.id()), allocated.stream().map(StockEvent.HoldAllocated::hold).toList(),
                "served in the order placed");
        assertEquals(List.of(2, 5), allocated.stream().map(StockEvent.HoldAllocated::units).toList());
        assertEquals(0, inventory.hold(b.id()).orElseThrow().lines().get(0).waiting());
        assertEquals(3, inventory.atp(PHONE, DC, APP));
        assertEquals(List.of(), inventory.inbound(PHONE, DC));
        inventory.fulfilAll(key("a-ship"), a.id());
        assertEquals(HoldStatus.FULFILLED, inventory.hold(a.id()).orElseThrow().status());
        assertEquals(8, inventory.position(PHONE, DC).onHand());
    }

    @Test
    void aShortReceiptCancelsWhatCannotBeMetAndRePromisesOpenEndedPreSales() {
        inventory.expectReceipt(key("po-1"), ExpectedReceipt.purchaseOrder("PO-1", PHONE, DC, 5, DAY_3));
        inventory.expectReceipt(key("po-2"), ExpectedReceipt.purchaseOrder("PO-2", PHONE, DC, 10, DAY_10));
        Hold a = presale("a", APP, 4, Presale.promisedBy(DAY_5));
        Hold b = presale("b", APP, 4, Presale.openEnded());
        assertEquals(Optional.of(DAY_3), a.lines().get(0).promisedBy());
        assertEquals(Optional.of(DAY_10), b.lines().get(0).promisedBy(), "PO-1 covers only one unit of b");

        clock.advance(Duration.ofDays(3));
        inventory.receiveExpected(key("po-1-in"), PHONE, DC, "PO-1", 2);
        Hold afterA = inventory.hold(a.id()).orElseThrow();
        assertEquals(2, afterA.lines().get(0).allocated(), "the two that came went to a, first in line");
        assertEquals(2, afterA.lines().get(0).released(), "the rest could only come after a's latest promise");
        assertEquals(0, afterA.lines().get(0).waiting());
        assertEquals(HoldStatus.HELD, afterA.status());
        assertEquals(List.of(new StockEvent.WaitCancelled(DAY_3, a.id(), PHONE, DC, 2, "late")),
                events(StockEvent.WaitCancelled.class));
        assertEquals(Optional.of(DAY_10), inventory.hold(b.id()).orElseThrow().lines().get(0).promisedBy());

        Instant day20 = NOW.plus(Duration.ofDays(20));
        inventory.reviseReceipt(key("po-2-late"), PHONE, DC, "PO-2", 10, day20);
        assertEquals(Optional.of(day20), inventory.hold(b.id()).orElseThrow().lines().get(0).promisedBy(),
                "an open-ended pre-sale is re-promised");
        assertTrue(events(StockEvent.HoldRepromised.class).contains(new StockEvent.HoldRepromised(DAY_3, b.id(),
                PHONE, DC, 4, Optional.of(DAY_10), Optional.of(day20))));
        inventory.reviseReceipt(key("po-2-gone"), PHONE, DC, "PO-2", 0, day20);
        HoldLineState backordered = inventory.hold(b.id()).orElseThrow().lines().get(0);
        assertEquals(4, backordered.waiting(), "kept as a backorder");
        assertEquals(Optional.empty(), backordered.promisedBy());

        // a hold whose every unit is cancelled ends
        inventory.expectReceipt(key("po-3"), ExpectedReceipt.purchaseOrder("PO-3", PHONE, DC, 10, DAY_5));
        Hold c = presale("c", APP, 3, Presale.promisedBy(DAY_5));
        inventory.reviseReceipt(key("po-3-late"), PHONE, DC, "PO-3", 10, day20);
        assertEquals(HoldStatus.RELEASED, inventory.hold(c.id()).orElseThrow().status());
        assertEquals(Optional.of(day20), inventory.hold(b.id()).orElseThrow().lines().get(0).promisedBy());
    }

    @Test
    void aPartlyFulfilledPreSaleWhoseRestIsCancelledAsLateEndsFulfilled() {
        inventory.receive(key("grn-1"), PHONE, DC, 2);
        inventory.expectReceipt(key("po-1"), ExpectedReceipt.purchaseOrder("PO-1", PHONE, DC, 10, DAY_3));
        Hold h = presale("h", APP, 5, Presale.promisedBy(DAY_5));
        assertEquals(3, h.lines().get(0).waiting(), "two on the shelf, three waiting for PO-1");
        inventory.confirm(key("pay-h"), h.id());
        inventory.fulfil(key("ship-h"), h.id(), 0, 2);
        // PO-1 slips past the promise: the three waiting units are cancelled, and nothing of the hold is open
        inventory.reviseReceipt(key("po-1-late"), PHONE, DC, "PO-1", 10, DAY_10);
        Hold ended = inventory.hold(h.id()).orElseThrow();
        assertEquals(HoldStatus.FULFILLED, ended.status(), "two units left the building: fulfilled, as any hold");
        assertEquals(2, ended.lines().get(0).fulfilled());
        assertEquals(0, inventory.position(PHONE, DC).held());
    }

    @Test
    void backordersStayWithinTheLimitPerSkuAndChannel() {
        assertThrows(InsufficientStockException.class, () -> presale("a", APP, 1, Presale.openEnded()));
        inventory.setBackorderLimit(PHONE, APP.id(), 3);
        Hold a = presale("b", APP, 3, Presale.openEnded());
        assertEquals(3, a.lines().get(0).waiting());
        assertEquals(Optional.empty(), a.lines().get(0).promisedBy());
        assertThrows(InsufficientStockException.class, () -> presale("c", APP, 1, Presale.openEnded()));
        assertThrows(InsufficientStockException.class, () -> presale("d", TMALL, 1, Presale.openEnded()),
                "another channel has its own limit, 0");
        // a receipt covers the backorder: the limit is free again
        inventory.expectReceipt(key("po-1"), ExpectedReceipt.purchaseOrder("PO-1", PHONE, DC, 3, DAY_3));
        assertEquals(Optional.of(DAY_3), inventory.hold(a.id()).orElseThrow().lines().get(0).promisedBy());
        assertEquals(1, presale("e", APP, 1, Presale.openEnded()).lines().get(0).waiting());
        assertThrows(IllegalArgumentException.class, () -> inventory.setBackorderLimit(PHONE, APP.id(), -1));
    }

    @Test
    void releasingAWaitingLineGivesBackItsWaitingUnitsFirst() {
        inventory.receive(key("r-0"), PHONE, DC, 2);
        inventory.expectReceipt(key("po-1"), ExpectedReceipt.purchaseOrder("PO-1", PHONE, DC, 10, DAY_3));
        Hold a = presale("a", APP, 5, Presale.openEnded());
        Hold b = presale("b", APP, 2, Presale.openEnded());
        inventory.release(key("a-less"), a.id(), 0, 3);
        HoldLineState line = inventory.hold(a.id()).orElseThrow().lines().get(0);
        assertEquals(0, line.waiting());
        assertEquals(2, line.allocated());
        assertEquals(2, inventory.position(PHONE, DC).held());
        inventory.releaseAll(key("a-gone"), a.id());
        HoldLineState lineB = inventory.hold(b.id()).orElseThrow().lines().get(0);
        assertEquals(2, lineB.allocated(), "units a gave back went to b, next in line");
        assertEquals(0, lineB.waiting());
        assertEquals(List.of(new DatedAtp(NOW, 0), new DatedAtp(DAY_3, 10)), inventory.atpByDate(PHONE, DC, APP));
        // an expiring pre-sale hold gives back its waiting units too
        Hold c = presale("c", APP, 4, Presale.openEnded());
        assertEquals(4, c.lines().get(0).waiting());
        clock.advance(LONG);
        inventory.expireDue();
        assertEquals(HoldStatus.EXPIRED, inventory.hold(c.id()).orElseThrow().status());
        assertEquals(HoldStatus.EXPIRED, inventory.hold(b.id()).orElseThrow().status());
        assertEquals(List.of(new DatedAtp(clock.instant(), 12)), inventory.atpByDate(PHONE, DC, APP),
                "an overdue receipt counts as due now");
    }

    @Test
    void refusalsChangeNothingAndKeysMakeRetriesSafe() {
        ExpectedReceipt po = ExpectedReceipt.purchaseOrder("PO-1", PHONE, DC, 10, DAY_3);
        assertEquals(po, inventory.expectReceipt(key("po-1"), po));
        assertEquals(po, inventory.expectReceipt(key("po-1"), po), "a retry");
        assertThrows(IllegalArgumentException.class, () -> inventory.expectReceipt(key("po-1-again"), po),
                "the id is taken");
        assertThrows(IllegalArgumentException.class,
                () -> inventory.reviseReceipt(key("x"), PHONE, DC, "PO-9", 1, DAY_3));
        assertThrows(IllegalArgumentException.class,
                () -> inventory.reviseReceipt(key("y"), PHONE, DC, "PO-1", -1, DAY_3));
        assertThrows(IllegalArgumentException.class,
                () -> inventory.receiveExpected(key("z"), PHONE, DC, "PO-9", 1));
        assertEquals(List.of(po), inventory.inbound(PHONE, DC));
        Hold a = presale("a", APP, 4, Presale.promisedBy(DAY_5));
        assertEquals(a, presale("a", APP, 4, Presale.promisedBy(DAY_5)), "a retry returns the hold as placed");
        assertThrows(io.github.omniretail.core.IdempotencyConflictException.class,
                () -> presale("a", APP, 4, Presale.openEnded()));
        assertThrows(IllegalArgumentException.class, () -> inventory.receive(key("lot"), PHONE, DC,
                Lot.expiring("L-1", DAY_10), 3), "a lot cannot go where pre-sales wait for units without one");
        inventory.receiveExpected(key("po-1-in"), PHONE, DC, "PO-1", 12);
        assertEquals(8, inventory.atp(PHONE, DC, APP), "a surplus is ordinary stock");
        inventory.receiveExpected(key("po-1-in"), PHONE, DC, "PO-1", 12);
        assertEquals(12, inventory.position(PHONE, DC).onHand(), "the retry changed nothing");
        assertEquals(1, events(StockEvent.ReceiptLanded.class).size());
    }

    @Test
    void aTransferDispatchedWithAnEtaIsExpectedAndClosesItsReceiptWhenItArrives() {
        NodeId store = NodeId.of("ST-1");
        inventory.registerNode(store);
        inventory.receive(key("r-st"), PHONE, store, 10);
        io.github.omniretail.inventory.Transfer t = inventory.dispatchTransfer(key("t-1"), PHONE, store, DC, 6,
                DAY_3);
        ExpectedReceipt expected = new ExpectedReceipt("transfer-" + t.id().value(), PHONE, DC, 6, DAY_3,
                ExpectedReceipt.Kind.TRANSFER);
        assertEquals(List.of(expected), inventory.inbound(PHONE, DC));
        assertEquals(List.of(new DatedAtp(NOW, 0), new DatedAtp(DAY_3, 6)), inventory.atpByDate(PHONE, DC, APP));
        Hold a = presale("a", APP, 4, Presale.promisedBy(DAY_5));
        assertEquals(Optional.of(DAY_3), a.lines().get(0).promisedBy());
        clock.advance(Duration.ofDays(3));
        inventory.receiveTransfer(key("t-1-in"), t.id(), 3); // three lost in transit: short
        HoldLineState line = inventory.hold(a.id()).orElseThrow().lines().get(0);
        assertEquals(List.of(3, 1, 0), List.of(line.allocated(), line.released(), line.waiting()),
                "served what came, the rest cancelled by the short rule");
        assertEquals(List.of(), inventory.inbound(PHONE, DC));
        assertTrue(events(StockEvent.ReceiptLanded.class).contains(new StockEvent.ReceiptLanded(clock.instant(),
                PHONE, DC, expected.id(), 6, 3)));
        assertEquals(List.of(new StockEvent.WaitCancelled(clock.instant(), a.id(), PHONE, DC, 1, "short")),
                events(StockEvent.WaitCancelled.class));
    }

    @Test
    void receiptsTheQueueAndBackorderLimitsSurviveASnapshot() {
        inventory.receive(key("r-0"), PHONE, DC, 1);
        inventory.expectReceipt(key("po-1"), ExpectedReceipt.purchaseOrder("PO-1", PHONE, DC, 5, DAY_3));
        inventory.setBackorderLimit(PHONE, APP.id(), 4);
        Hold a = presale("a", APP, 3, Presale.promisedBy(DAY_5));
        Hold b = presale("b", APP, 6, Presale.openEnded());
        InventoryEngine copy = builder().clock(clock).restore(inventory.snapshot()).build();
        assertEquals(inventory.inbound(PHONE, DC), copy.inbound(PHONE, DC));
        assertEquals(inventory.waiting(PHONE, DC), copy.waiting(PHONE, DC));
        assertEquals(inventory.atpByDate(PHONE, DC, APP), copy.atpByDate(PHONE, DC, APP));
        assertEquals(inventory.position(PHONE, DC), copy.position(PHONE, DC));
        assertEquals(inventory.hold(a.id()), copy.hold(a.id()));
        assertEquals(inventory.hold(b.id()), copy.hold(b.id()));
        assertThrows(InsufficientStockException.class, () -> copy.hold(HoldRequest.builder(key("c"), APP, LONG)
                .line(HoldLine.atNode(PHONE, DC, 2)).presale(Presale.openEnded()).build()),
                "the backorder limit came along: 3 backordered of 4, and 2 more would pass it");
        // the late rule still knows a's latest promise
        copy.reviseReceipt(key("po-1-late"), PHONE, DC, "PO-1", 5, DAY_10);
        assertEquals(0, copy.hold(a.id()).orElseThrow().lines().get(0).waiting());
        assertEquals(2, copy.hold(a.id()).orElseThrow().lines().get(0).released());
        copy.receiveExpected(key("po-1-in"), PHONE, DC, "PO-1", 5);
        assertEquals(5, copy.hold(b.id()).orElseThrow().lines().get(0).allocated());
    }

    @Test
    void eightThreadsPreSellingOneSkuAreServedInOrderAndNeverBeyondWhatCame() throws Exception {
        inventory.setBackorderLimit(PHONE, APP.id(), 1_000);
        inventory.expectReceipt(key("po-1"), ExpectedReceipt.purchaseOrder("PO-1", PHONE, DC, 60, DAY_3));
        int threads = 8;
        int each = 6;
        // first wave: everyone waits; the queue's order is the placement order
        run(threads, (t, i) -> presale("a" + t + "-" + i, APP, 1 + (i % 2), Presale.openEnded()), each, null);
        List<WaitingUnits> firstWave = inventory.waiting(PHONE, DC);
        assertEquals(threads * each, firstWave.size());
        assertEquals(threads * (each / 2) * 3, firstWave.stream().mapToInt(WaitingUnits::units).sum());
        // second wave, while 40 units land: served strictly in queue order, never beyond what came
        clock.advance(Duration.ofDays(3));
        run(threads, (t, i) -> presale("b" + t + "-" + i, APP, 1 + (i % 2), Presale.openEnded()), each,
                () -> inventory.receiveExpected(key("po-1-in"), PHONE, DC, "PO-1", 40));
        assertEquals(40, inventory.position(PHONE, DC).held(), "every unit that came is held, no more");
        boolean someoneWaits = false;
        int partial = 0;
        long waiting = 0;
        for (WaitingUnits w : firstWave) {
            HoldLineState line = inventory.hold(w.hold()).orElseThrow().lines().get(0);
            if (someoneWaits) {
                assertEquals(0, line.allocated(), w.hold() + " was served before a hold queued ahead of it");
            }
            partial += line.waiting() > 0 && line.allocated() > 0 ? 1 : 0;
            someoneWaits |= line.waiting() > 0;
            waiting += line.waiting();
        }
        assertTrue(partial <= 1, partial + " holds partly served");
        assertTrue(someoneWaits, "the first wave wanted 72 units of 40");
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < each; i++) {
                Hold late = presale("b" + t + "-" + i, APP, 1 + (i % 2), Presale.openEnded());
                HoldLineState line = inventory.hold(late.id()).orElseThrow().lines().get(0);
                assertEquals(0, line.allocated(), "the second wave queued behind the first");
                waiting += line.waiting();
            }
        }
        assertEquals(2L * threads * (each / 2) * 3, 40 + waiting, "every unit ordered is held or waiting");
        assertEquals(waiting, inventory.waiting(PHONE, DC).stream().mapToInt(WaitingUnits::units).sum());
    }

    interface Step {
        void run(int thread, int i);
    }

    private static void run(int threads, Step step, int each, Runnable midway) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        step.run(id, i);
                        if (midway != null && id == 0 && i == each / 2) {
                            midway.run();
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            workers.add(w);
            w.start();
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        assertEquals(List.of(), failures);
    }
}

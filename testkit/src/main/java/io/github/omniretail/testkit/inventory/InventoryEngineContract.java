package io.github.omniretail.testkit.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyConflictException;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.event.InventoryEvent;
import io.github.omniretail.inventory.ChannelRule;
import io.github.omniretail.inventory.ChannelSelector;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldId;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.inventory.IllegalHoldStateException;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.InventorySnapshot;
import io.github.omniretail.inventory.PoolId;
import io.github.omniretail.inventory.Position;
import io.github.omniretail.inventory.SafetyStockPolicy;
import io.github.omniretail.inventory.StockEvent;
import io.github.omniretail.inventory.Transfer;
import io.github.omniretail.inventory.TransferId;
import io.github.omniretail.inventory.UnknownHoldException;
import io.github.omniretail.inventory.UnknownNodeException;
import io.github.omniretail.inventory.UnknownPoolException;
import io.github.omniretail.core.UnknownSkuException;
import io.github.omniretail.inventory.UnknownTransferException;
import io.github.omniretail.core.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The example-based {@link io.github.omniretail.inventory.InventoryEngine} contract: receipts, adjustments,
 * counts, holds and their lifecycle, expiry, channel rules, pools, safety stock, low-stock signals, transfers,
 * idempotency, events and snapshots. Extend it and return stores on fresh storage from {@link #newStore()}.
 */
public abstract class InventoryEngineContract extends InventoryStoreFixture {

    /** For subclasses. */
    protected InventoryEngineContract() {
    }

    static final Sku MILK = Sku.of("MILK-1L");
    static final Sku BREAD = Sku.of("BREAD");
    static final NodeId STORE = NodeId.of("ST-WL");
    static final NodeId DC = NodeId.of("DC-XS");
    static final NodeId DARK = NodeId.of("DS-HB");
    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final Channel POS = Channel.of("pos", ChannelKind.STORE_POS);
    static final Channel LIVE = Channel.of("douyin-live", ChannelKind.LIVE_STREAM);
    static final Duration TTL = Duration.ofMinutes(15);

    MutableClock clock;
    List<InventoryEvent> events;
    InventoryEngine engine;
    int keys;

    @BeforeEach
    void setUp() {
        clock = MutableClock.at(Instant.parse("2026-11-22T10:00:00Z"));
        events = new ArrayList<>();
        engine = builder().clock(clock).eventSink(events::add).build();
        for (NodeId n : List.of(STORE, DC, DARK)) {
            engine.registerNode(n);
        }
        engine.registerSku(MILK);
        engine.registerSku(BREAD);
    }

    String key() {
        return "k" + (++keys);
    }

    HoldRequest request(Channel channel, HoldLine... lines) {
        HoldRequest.Builder b = HoldRequest.builder(IdempotencyKey.of(key()), channel, TTL);
        for (HoldLine l : lines) {
            b.line(l);
        }
        return b.build();
    }

    @Test
    void atpIsOnHandLessHeldLessSafety() {
        engine.receive(IdempotencyKey.of(key()), MILK, STORE, 10);
        engine.setSafetyStock(MILK, STORE, SafetyStockPolicy.fixed(2));
        engine.hold(request(APP, HoldLine.atNode(MILK, STORE, 3)));
        Position p = engine.position(MILK, STORE);
        assertEquals(10, p.onHand());
        assertEquals(3, p.held());
        assertEquals(2, p.safetyStock());
        assertEquals(5, p.atp());
        assertEquals(5, engine.atp(MILK, STORE, APP));
    }

    @Test
    void holdFailsWhenAtpIsShortAndChangesNothing() {
        engine.receive(IdempotencyKey.of(key()), MILK, STORE, 2);
        engine.receive(IdempotencyKey.of(key()), BREAD, STORE, 5);
        InsufficientStockException e = assertThrows(InsufficientStockException.class, () -> engine.hold(
                request(APP, HoldLine.atNode(BREAD, STORE, 1), HoldLine.atNode(MILK, STORE, 3))));
        assertEquals(MILK, e.sku());
        assertEquals(Optional.of(STORE), e.node());
        assertEquals(3, e.requested());
        assertEquals(2, e.available());
        assertEquals(0, engine.position(BREAD, STORE).held(), "all-or-nothing: the bread line was not held");
        assertEquals(0, engine.position(MILK, STORE).held());
    }

    @Test
    void duplicateLinesForOnePositionAreCheckedTogether() {
        engine.receive(IdempotencyKey.of(key()), MILK, STORE, 3);
        // A bundle with two components that are the same SKU: 2 + 2 > 3, although each line alone fits.
        InsufficientStockException e = assertThrows(InsufficientStockException.class, () -> engine.hold(
                request(APP, HoldLine.atNode(MILK, STORE, 2), HoldLine.atNode(MILK, STORE, 2))));
        assertEquals(4, e.requested());
        Hold ok = engine.hold(request(APP, HoldLine.atNode(MILK, STORE, 1), HoldLine.atNode(MILK, STORE, 2)));
        assertEquals(2, ok.lines().size());
        assertEquals(0, engine.position(MILK, STORE).atp());
    }

    @Test
    void lifecycleHeldConfirmedFulfilled() {
        engine.receive(IdempotencyKey.of(key()), MILK, STORE, 10);
        Hold h = engine.hold(request(APP, HoldLine.atNode(MILK, STORE, 4)));
        assertEquals(HoldStatus.HELD, h.status());
        assertEquals(Instant.parse("2026-11-22T10:15:00Z"), h.expiresAt());
        assertEquals(HoldStatus.CONFIRMED, engine.confirm(IdempotencyKey.of(key()), h.id()).status());
        clock.advance(Duration.ofHours(2)); // a confirmed hold never expires
        Hold partly = engine.fulfil(IdempotencyKey.of(key()), h.id(), 0, 1);
        assertEquals(HoldStatus.CONFIRMED, partly.status());
        assertEquals(3, partly.lines().get(0).open());
        assertEquals(9, engine.position(MILK, STORE).onHand());
        Hold done = engine.fulfilAll(IdempotencyKey.of(key()), h.id());
        assertEquals(HoldStatus.FULFILLED, done.status());
        Position p = engine.position(MILK, STORE);
        assertEquals(6, p.onHand());
        assertEquals(0, p.held());
    }

    @Test
    void partialReleaseThenReleaseAll() {
        engine.receive(IdempotencyKey.of(key()), MILK, STORE, 10);
        Hold h = engine.hold(request(APP, HoldLine.atNode(MILK, STORE, 4), HoldLine.atNode(MILK, STORE, 1)));
        Hold after = engine.release(IdempotencyKey.of(key()), h.id(), 0, 3);
        assertEquals(1, after.lines().get(0).open());
        assertEquals(2, engine.position(MILK, STORE).held());
        assertEquals(HoldStatus.RELEASED, engine.releaseAll(IdempotencyKey.of(key()), h.id()).status());
        assertEquals(0, engine.position(MILK, STORE).held());
        IllegalHoldStateException e = assertThrows(IllegalHoldStateException.class,
                () -> engine.confirm(IdempotencyKey.of(key()), h.id()));
        assertEquals(HoldStatus.RELEASED, e.status());
    }

    @Test
    void expiredHoldNeverBlocksStockEvenWithoutASweep() {
        engine.receive(IdempotencyKey.of(key()), MILK, STORE, 1);
        Hold h = engine.hold(request(APP, HoldLine.atNode(MILK, STORE, 1)));
        assertEquals(0, engine.atp(MILK, STORE, APP));
        clock.advance(TTL);
        assertEquals(1, engine.atp(MILK, STORE, APP), "lazy expiry on read");
        assertEquals(HoldStatus.EXPIRED, engine.hold(h.id()).orElseThrow().status());
        IllegalHoldStateException e = assertThrows(IllegalHoldStateException.class,
                () -> engine.fulfil(IdempotencyKey.of(key()), h.id(), 0, 1));
        assertEquals(HoldStatus.EXPIRED, e.status());
        assertTrue(events.stream().anyMatch(ev -> ev instanceof StockEvent.HoldExpired));
    }

    @Test
    void lazyExpiryOnWriteFreesStockForANewHold() {
        engine.receive(IdempotencyKey.of(key()), MILK, STORE, 1);
        engine.hold(request(APP, HoldLine.atNode(MILK, STORE, 1)));
        clock.advance(TTL.plusSeconds(1));
        Hold second = engine.hold(request(APP, HoldLine.atNode(MILK, STORE, 1)));
        assertEquals(HoldStatus.HELD, second.status());
        assertEquals(1, engine.position(MILK, STORE).held());
    }

    @Test
    void sweepExpiresDueHoldsAcrossSkus() {
        engine.receive(IdempotencyKey.of(key()), MILK, STORE, 5);
        engine.receive(IdempotencyKey.of(key()), BREAD, DC, 5);
        engine.hold(request(APP, HoldLine.atNode(MILK, STORE, 2), HoldLine.atNode(BREAD, DC, 2)));
        engine.hold(request(APP, HoldLine.atNode(MILK, STORE, 1)));
        assertEquals(0, engine.expireDue());
        clock.advance(TTL);
        assertEquals(2, engine.expireDue());
        assertEquals(0, engine.position(MILK, STORE).held());
        assertEquals(0, engine.position(BREAD, DC).held());
    }

    @Test
    void extendMovesTheExpiry() {
        engine.receive(IdempotencyKey.of(key()), MILK, STORE, 5);
        Hold h = engine.hold(request(APP, HoldLine.atNode(MILK, STORE, 2)));
        clock.advance(Duration.ofMinutes(10));
        Hold extended = engine.extend(IdempotencyKey.of(key()), h.id(), Duration.ofMinutes(30));
        assertEquals(Instant.parse("2026-11-22T10:40:00Z"), extended.expiresAt());
        clock.advance(Duration.ofMinutes(20));
        assertEquals(2, engine.position(MILK, STORE).held(), "still held after the original expiry");
        clock.advance(Duration.ofMinutes(10));
        assertEquals(0, engine.position(MILK, STORE).held());
        assertThrows(IllegalHoldStateException.class, () -> engine.extend(IdempotencyKey.of(key()), h.id(), TTL));
    }

    @Test
    void idempotentRetryReturnsTheOriginalOutcome() {
        engine.receive(IdempotencyKey.of("r1"), MILK, STORE, 5);
        Position again = engine.receive(IdempotencyKey.of("r1"), MILK, STORE, 5);
        assertEquals(5, again.onHand(), "the retry did not receive twice");
        HoldRequest req = HoldRequest.builder(IdempotencyKey.of("cart-7"), APP, TTL).line(HoldLine.atNode(MILK, STORE,
                2)).build();
        Hold first = engine.hold(req);
        Hold retry = engine.hold(req);
        assertEquals(first, retry);
        assertEquals(2, engine.position(MILK, STORE).held());
    }

    @Test
    void sameKeyWithADifferentPayloadConflicts() {
        engine.receive(IdempotencyKey.of("r1"), MILK, STORE, 5);
        IdempotencyConflictException e = assertThrows(IdempotencyConflictException.class,
                () -> engine.receive(IdempotencyKey.of("r1"), MILK, STORE, 6));
        assertEquals(IdempotencyKey.of("r1"), e.key());
        assertTrue(e.original().isPresent() && e.attempted().isPresent(), "both requests are reported");
        assertEquals(5, engine.position(MILK, STORE).onHand());
    }

    @Test
    void aFailedKeyStaysFailed() {
        HoldRequest req = HoldRequest.builder(IdempotencyKey.of("cart-9"), APP, TTL).line(HoldLine.atNode(MILK, STORE,
                2)).build();
        InsufficientStockException first = assertThrows(InsufficientStockException.class, () -> engine.hold(req));
        engine.receive(IdempotencyKey.of(key()), MILK, STORE, 5);
        InsufficientStockException again = assertThrows(InsufficientStockException.class, () -> engine.hold(req));
        assertEquals(first.getMessage(), again.getMessage(), "the original failure, not a new attempt");
        assertEquals(first.available(), again.available());
        assertEquals(0, engine.position(MILK, STORE).held());
    }

    @Test
    void knowsTheNodesItRegisteredAndSaysWhetherItAutoRegisters() {
        NodeId fresh = NodeId.of("ST-" + java.util.UUID.randomUUID().toString().substring(0, 8));
        assertFalse(engine.autoRegisters());
        assertFalse(engine.knowsNode(fresh));
        engine.registerNode(fresh);
        assertTrue(engine.knowsNode(fresh));
        assertTrue(engine.knowsNode(STORE));
        InventoryEngine auto = builder().clock(clock).autoRegister(true).build();
        assertTrue(auto.autoRegisters());
        NodeId byReceipt = NodeId.of("ST-" + java.util.UUID.randomUUID().toString().substring(0, 8));
        auto.receive(IdempotencyKey.of(key()), MILK, byReceipt, 1);
        assertTrue(auto.knowsNode(byReceipt));
    }

    @Test
    void idempotencyKeysAreForgottenAfterTheirRetention() {
        InventoryEngine short_ = builder().clock(clock).autoRegister(true)
                .idempotencyRetention(Duration.ofMinutes(1)).build();
        short_.receive(IdempotencyKey.of("r1"), MILK, STORE, 5);
        clock.advance(Duration.ofMinutes(2));
        short_.expireDue();
        assertEquals(10, short_.receive(IdempotencyKey.of("r1"), MILK, STORE, 5).onHand(),
                "the key was forgotten and reused");
    }

    @Test
    void ringFenceKeepsWalkInStockFromOnlineChannels() {
        engine.receive(IdempotencyKey.of(key()), MILK, STORE, 10);
        engine.setChannelRules(STORE, List.of(ChannelRule.ringFence(ChannelSelector.kind(ChannelKind.STORE_POS), 4)));
        assertEquals(6, engine.atp(MILK, STORE, APP));
        assertEquals(10, engine.atp(MILK, STORE, POS));
        engine.hold(request(APP, HoldLine.atNode(MILK, STORE, 6)));
        assertThrows(InsufficientStockException.class, () -> engine.hold(request(APP, HoldLine.atNode(MILK, STORE, 1))));
        assertEquals(4, engine.atp(MILK, STORE, POS));
        engine.hold(request(POS, HoldLine.atNode(MILK, STORE, 4)));
        assertEquals(0, engine.atp(MILK, STORE, POS));
    }

    @Test
    void capLimitsAChannelByUnitsOrShareOfOnHand() {
        engine.receive(IdempotencyKey.of(key()), MILK, STORE, 10);
        engine.setChannelRules(STORE, List.of(ChannelRule.capShare(ChannelSelector.kind(ChannelKind.APP),
                BasisPoints.of(3_000))));
        assertEquals(3, engine.atp(MILK, STORE, APP));
        assertEquals(10, engine.atp(MILK, STORE, POS));
        engine.hold(request(APP, HoldLine.atNode(MILK, STORE, 2)));
        assertEquals(1, engine.atp(MILK, STORE, APP));
        InsufficientStockException e = assertThrows(InsufficientStockException.class,
                () -> engine.hold(request(APP, HoldLine.atNode(MILK, STORE, 2))));
        assertEquals(1, e.available());
    }

    @Test
    void exclusiveQuotaIsReservedAndCapped() {
        engine.receive(IdempotencyKey.of(key()), MILK, DC, 100);
        engine.setChannelRules(DC, List.of(ChannelRule.exclusive(ChannelSelector.channel(LIVE.id()), 30)));
        assertEquals(70, engine.atp(MILK, DC, APP));
        assertEquals(30, engine.atp(MILK, DC, LIVE));
        engine.hold(request(LIVE, HoldLine.atNode(MILK, DC, 30)));
        assertEquals(0, engine.atp(MILK, DC, LIVE));
        assertEquals(70, engine.atp(MILK, DC, APP));
    }

    @Test
    void ruleChangesCountHoldsAlreadyPlaced() {
        engine.receive(IdempotencyKey.of(key()), MILK, STORE, 10);
        engine.hold(request(APP, HoldLine.atNode(MILK, STORE, 3)));
        engine.setChannelRules(STORE, List.of(ChannelRule.cap(ChannelSelector.kind(ChannelKind.APP), 4)));
        assertEquals(1, engine.atp(MILK, STORE, APP));
        engine.setChannelRules(STORE, List.of());
        assertEquals(7, engine.atp(MILK, STORE, APP));
    }

    @Test
    void adjustBelowHeldReportsAShortage() {
        engine.receive(IdempotencyKey.of(key()), MILK, STORE, 5);
        engine.hold(request(APP, HoldLine.atNode(MILK, STORE, 4)));
        Position p = engine.adjust(IdempotencyKey.of(key()), MILK, STORE, -3, "damaged");
        assertEquals(2, p.onHand());
        assertEquals(2, p.shortage());
        assertEquals(0, p.atp());
        assertTrue(events.stream().anyMatch(e -> e instanceof StockEvent.ShortageDetected s && s.shortage() == 2));
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> engine.adjust(IdempotencyKey.of(key()), MILK, STORE, -3, "damaged"));
        assertTrue(negative.getMessage().contains("-1"), negative.getMessage());
        assertEquals(7, engine.count(IdempotencyKey.of(key()), MILK, STORE, 7, "cycle count").onHand());
    }

    @Test
    void lowStockSignalsOncePerCrossingWithHysteresis() {
        engine.receive(IdempotencyKey.of(key()), MILK, STORE, 10);
        engine.setReorderPoint(MILK, STORE, 5, 3);
        engine.hold(request(APP, HoldLine.atNode(MILK, STORE, 6))); // atp 4 < 5: low
        engine.hold(request(APP, HoldLine.atNode(MILK, STORE, 1))); // still low: no new event
        Hold h = engine.hold(request(APP, HoldLine.atNode(MILK, STORE, 1)));
        engine.releaseAll(IdempotencyKey.of(key()), h.id()); // atp 3 → back to 3: still low
        engine.receive(IdempotencyKey.of(key()), MILK, STORE, 4); // atp 7 < 5 + 3: still low
        engine.receive(IdempotencyKey.of(key()), MILK, STORE, 1); // atp 8: recovered
        long low = events.stream().filter(e -> e instanceof StockEvent.LowStock).count();
        long recovered = events.stream().filter(e -> e instanceof StockEvent.StockRecovered).count();
        assertEquals(1, low);
        assertEquals(1, recovered);
        assertFalse(engine.position(MILK, STORE).lowStock());
    }

    @Test
    void daysOfCoverSafetyStockFollowsSales() {
        engine.receive(IdempotencyKey.of(key()), MILK, STORE, 50);
        engine.setSafetyStock(MILK, STORE, SafetyStockPolicy.daysOfCover(3));
        engine.recordDailySales(MILK, STORE, LocalDate.of(2026, 11, 20), 4);
        engine.recordDailySales(MILK, STORE, LocalDate.of(2026, 11, 21), 5);
        // 3 days × average 4.5 = 13.5 → 14
        assertEquals(14, engine.position(MILK, STORE).safetyStock());
        assertEquals(36, engine.atp(MILK, STORE, APP));
    }

    @Test
    void transferLeavesTheSourceAndArrivesOnReceipt() {
        engine.receive(IdempotencyKey.of(key()), MILK, DC, 20);
        Transfer t = engine.dispatchTransfer(IdempotencyKey.of(key()), MILK, DC, STORE, 8);
        assertTrue(t.inTransit());
        assertEquals(12, engine.position(MILK, DC).onHand());
        assertEquals(0, engine.position(MILK, STORE).onHand());
        Transfer done = engine.receiveTransfer(IdempotencyKey.of(key()), t.id(), 7);
        assertFalse(done.inTransit());
        assertEquals(7, engine.position(MILK, STORE).onHand());
        assertThrows(IllegalArgumentException.class, () -> engine.receiveTransfer(IdempotencyKey.of(key()), t.id(), 1));
        assertThrows(InsufficientStockException.class, () -> engine.dispatchTransfer(IdempotencyKey.of(key()), MILK,
                DC, STORE, 13));
    }

    @Test
    void poolHoldsStayJointlySatisfiable() {
        engine.receive(IdempotencyKey.of(key()), MILK, STORE, 2);
        engine.receive(IdempotencyKey.of(key()), MILK, DARK, 2);
        engine.definePool(PoolId.of("city"), Set.of(STORE, DARK));
        Hold pooled = engine.hold(request(APP, HoldLine.inPool(MILK, PoolId.of("city"), 3)));
        assertEquals(1, engine.atp(MILK, PoolId.of("city"), APP));
        // Taking 2 at the store would leave the pool 2 units for a demand of 3.
        assertEquals(1, engine.atp(MILK, STORE, APP));
        assertEquals(1, engine.atp(MILK, List.of(STORE, DARK), APP));
        assertThrows(InsufficientStockException.class, () -> engine.hold(request(APP, HoldLine.atNode(MILK, STORE, 2))));
        Hold single = engine.hold(request(APP, HoldLine.atNode(MILK, STORE, 1)));
        assertEquals(0, engine.atp(MILK, DARK, APP));
        // Neither node alone can take the whole 3-unit line while the other hold stands.
        assertThrows(InsufficientStockException.class, () -> engine.pin(IdempotencyKey.of(key()), pooled.id(), 0,
                DARK));
        engine.releaseAll(IdempotencyKey.of(key()), single.id());
        engine.receive(IdempotencyKey.of(key()), MILK, DARK, 1);
        Hold pinned = engine.pin(IdempotencyKey.of(key()), pooled.id(), 0, DARK);
        assertEquals(Optional.of(DARK), pinned.lines().get(0).node());
        assertEquals(3, engine.position(MILK, DARK).held());
        assertEquals(2, engine.atp(MILK, STORE, APP));
        assertTrue(pinned.lines().get(0).pool().isPresent());
    }

    @Test
    void unknownSkuNodeHoldAndPoolAreRejected() {
        assertThrows(UnknownSkuException.class, () -> engine.receive(IdempotencyKey.of(key()), Sku.of("NOPE"), STORE,
                1));
        UnknownNodeException node = assertThrows(UnknownNodeException.class,
                () -> engine.receive(IdempotencyKey.of(key()), MILK, NodeId.of("NOPE"), 1));
        assertEquals(NodeId.of("NOPE"), node.node());
        assertThrows(UnknownHoldException.class, () -> engine.confirm(IdempotencyKey.of(key()), HoldId.of(999)));
        assertThrows(UnknownPoolException.class,
                () -> engine.hold(request(APP, HoldLine.inPool(MILK, PoolId.of("nope"), 1))));
        assertThrows(IllegalArgumentException.class, () -> engine.receive(IdempotencyKey.of(key()), MILK, STORE, 0));
        assertThrows(IllegalArgumentException.class, () -> HoldLine.atNode(MILK, STORE, -1));
    }

    @Test
    void overflowingQuantitiesAreRejectedAndChangeNothing() {
        engine.receive(IdempotencyKey.of(key()), MILK, STORE, Integer.MAX_VALUE);
        assertThrows(ArithmeticException.class, () -> engine.receive(IdempotencyKey.of(key()), MILK, STORE, 1));
        assertThrows(ArithmeticException.class, () -> engine.adjust(IdempotencyKey.of(key()), MILK, STORE, 1, "found"));
        assertEquals(Integer.MAX_VALUE, engine.position(MILK, STORE).onHand());
        assertThrows(IllegalArgumentException.class, () -> engine.hold(request(APP, HoldLine.atNode(MILK, STORE, 0))));
        assertThrows(IllegalArgumentException.class, () -> engine.fulfil(IdempotencyKey.of(key()), HoldId.of(1), 0, 0));
        assertEquals(0, engine.position(MILK, STORE).held());
    }

    @Test
    void failedRequestsOfEveryKindLeaveStateUnchanged() {
        engine.receive(IdempotencyKey.of(key()), MILK, STORE, 5);
        Hold h = engine.hold(request(APP, HoldLine.atNode(MILK, STORE, 2)));
        Position before = engine.position(MILK, STORE);
        assertThrows(IllegalHoldStateException.class, () -> engine.fulfil(IdempotencyKey.of(key()), h.id(), 0,
                1)); // not confirmed
        assertThrows(IllegalArgumentException.class, () -> engine.release(IdempotencyKey.of(key()), h.id(), 5,
                1)); // no such line
        assertThrows(IllegalHoldStateException.class, () -> engine.release(IdempotencyKey.of(key()), h.id(), 0,
                3)); // more than open
        assertThrows(IllegalHoldStateException.class, () -> engine.pin(IdempotencyKey.of(key()), h.id(), 0,
                DARK)); // not a pool line
        assertThrows(UnknownTransferException.class, () -> engine.receiveTransfer(IdempotencyKey.of(key()),
                new TransferId(77), 1));
        assertThrows(IllegalArgumentException.class, () -> engine.dispatchTransfer(IdempotencyKey.of(key()), MILK,
                STORE, STORE, 1));
        assertEquals(before, engine.position(MILK, STORE));
        assertEquals(h, engine.hold(h.id()).orElseThrow());
    }

    @Test
    void autoRegisterCreatesUnknownSkusAndNodes() {
        InventoryEngine auto = builder().clock(clock).autoRegister(true).build();
        assertEquals(3, auto.receive(IdempotencyKey.of("k"), Sku.of("NEW"), NodeId.of("N1"), 3).onHand());
    }

    @Test
    void builderSettingsMayBeSetOnce() {
        InventoryEngine.Builder b = builder().clock(clock);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.clock(clock));
        assertTrue(e.getMessage().contains("clock"));
    }

    @Test
    void snapshotAndRestoreGiveTheSameState() {
        engine.receive(IdempotencyKey.of(key()), MILK, STORE, 10);
        engine.receive(IdempotencyKey.of(key()), MILK, DARK, 3);
        engine.definePool(PoolId.of("city"), Set.of(STORE, DARK));
        engine.setChannelRules(STORE, List.of(ChannelRule.ringFence(ChannelSelector.kind(ChannelKind.STORE_POS), 2)));
        Hold h = engine.hold(HoldRequest.builder(IdempotencyKey.of("cart"), APP, TTL).line(HoldLine.atNode(MILK,
                STORE, 3))
                .line(HoldLine.inPool(MILK, PoolId.of("city"), 2)).build());
        InventorySnapshot snapshot = engine.snapshot();
        InventoryEngine copy = builder().clock(clock).restore(snapshot).build();
        assertEquals(engine.position(MILK, STORE), copy.position(MILK, STORE));
        assertEquals(engine.atp(MILK, STORE, APP), copy.atp(MILK, STORE, APP));
        assertEquals(engine.atp(MILK, PoolId.of("city"), APP), copy.atp(MILK, PoolId.of("city"), APP));
        assertEquals(engine.hold(h.id()), copy.hold(h.id()));
        assertEquals(h, copy.hold(HoldRequest.builder(IdempotencyKey.of("cart"), APP, TTL).line(HoldLine.atNode(MILK,
                STORE, 3))
                .line(HoldLine.inPool(MILK, PoolId.of("city"), 2)).build()), "idempotency survives");
        clock.advance(TTL);
        assertEquals(0, copy.position(MILK, STORE).held(), "restored holds still expire");
    }
}

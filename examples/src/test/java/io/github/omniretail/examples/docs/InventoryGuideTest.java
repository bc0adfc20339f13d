package io.github.omniretail.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyConflictException;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.event.InventoryEvent;
import io.github.omniretail.inventory.ChannelRule;
import io.github.omniretail.inventory.ChannelSelector;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldLineState;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.InventorySnapshot;
import io.github.omniretail.inventory.Kit;
import io.github.omniretail.inventory.Disposition;
import io.github.omniretail.inventory.ExpiryBucket;
import io.github.omniretail.inventory.DatedAtp;
import io.github.omniretail.inventory.ExpectedReceipt;
import io.github.omniretail.inventory.Presale;
import io.github.omniretail.inventory.Lot;
import io.github.omniretail.inventory.LotAtp;
import io.github.omniretail.pricing.ItemQuote;
import io.github.omniretail.pricing.PricingContext;
import io.github.omniretail.pricing.PricingEngine;
import io.github.omniretail.pricing.PricingRules;
import io.github.omniretail.pricing.ShelfLifeMarkdown;
import io.github.omniretail.inventory.LotPosition;
import io.github.omniretail.inventory.LotUnits;
import io.github.omniretail.inventory.PoolId;
import io.github.omniretail.inventory.ReturnedUnits;
import io.github.omniretail.inventory.Position;
import io.github.omniretail.inventory.SafetyStockPolicy;
import io.github.omniretail.inventory.StockEvent;
import io.github.omniretail.inventory.Transfer;
import io.github.omniretail.core.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The code shown in docs/inventory.md, compiled and run. */
class InventoryGuideTest {

    static final java.util.Currency CNY = java.util.Currency.getInstance("CNY");
    static final Sku MILK = Sku.of("MILK-1L");
    static final NodeId STORE = NodeId.of("ST-WL");
    static final NodeId DARK = NodeId.of("DS-HB");
    static final NodeId DC = NodeId.of("DC-XS");
    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final Channel POS = Channel.of("pos", ChannelKind.STORE_POS);
    static final Channel LIVE = Channel.of("douyin-live", ChannelKind.LIVE_STREAM);

    MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T10:00:00Z"));

    InventoryEngine engine() {
        InventoryEngine engine = InventoryEngine.builder().clock(clock).build();
        for (NodeId n : List.of(STORE, DARK, DC)) {
            engine.registerNode(n);
        }
        engine.registerSku(MILK);
        return engine;
    }

    @Test
    void lifecycle() {
        List<InventoryEvent> events = new ArrayList<>();
        // snippet: inventory-lifecycle
        InventoryEngine engine = InventoryEngine.builder()
                .clock(clock)                  // the only source of time: expiry follows it
                .eventSink(events::add)        // receives StockEvent records
                .build();
        engine.registerNode(STORE);
        engine.registerSku(MILK);
        engine.receive(IdempotencyKey.of("grn-1001"), MILK, STORE, 10);
        engine.setSafetyStock(MILK, STORE, SafetyStockPolicy.fixed(2));

        Hold hold = engine.hold(HoldRequest.builder(IdempotencyKey.of("cart-42"), APP, Duration.ofMinutes(15))
                .line(HoldLine.atNode(MILK, STORE, 3))
                .reference("cart-42")
                .build());                                     // HELD until 10:15
        engine.confirm(IdempotencyKey.of("order-9001"), hold.id());               // CONFIRMED: no longer expires
        engine.fulfilAll(IdempotencyKey.of("ship-9001"), hold.id());              // FULFILLED: on-hand 10 → 7

        Position p = engine.position(MILK, STORE);             // onHand 7, held 0, safety 2, atp 5
        // end-snippet
        assertEquals(7, p.onHand());
        assertEquals(5, p.atp());
        assertTrue(events.stream().anyMatch(e -> e instanceof StockEvent.HoldFulfilled));
    }

    @Test
    void allOrNothing() {
        InventoryEngine engine = engine();
        engine.receive(IdempotencyKey.of("r1"), MILK, STORE, 2);
        engine.receive(IdempotencyKey.of("r2"), MILK, DARK, 5);
        // snippet: inventory-all-or-nothing
        try {
            engine.hold(HoldRequest.builder(IdempotencyKey.of("cart-43"), APP, Duration.ofMinutes(15))
                    .line(HoldLine.atNode(MILK, DARK, 1))
                    .line(HoldLine.atNode(MILK, STORE, 3))     // only 2 there
                    .build());
        } catch (InsufficientStockException e) {
            // e.sku() MILK-1L, e.node() ST-WL, e.requested() 3, e.available() 2; nothing was held
        }
        // end-snippet
        assertEquals(0, engine.position(MILK, DARK).held());
    }

    @Test
    void channelRules() {
        InventoryEngine engine = engine();
        engine.receive(IdempotencyKey.of("r1"), MILK, STORE, 20);
        engine.receive(IdempotencyKey.of("r2"), MILK, DC, 100);
        // snippet: inventory-channel-rules
        engine.setChannelRules(STORE, List.of(
                ChannelRule.ringFence(ChannelSelector.kind(ChannelKind.STORE_POS), 4),      // walk-in stock
                ChannelRule.capShare(ChannelSelector.kind(ChannelKind.APP), BasisPoints.of(5_000)))); // ≤ 50 %
        engine.setChannelRules(DC, List.of(
                ChannelRule.exclusive(ChannelSelector.channel(LIVE.id()), 30)));             // live quota

        int app = engine.atp(MILK, STORE, APP);    // 10: capped at half of 20
        int pos = engine.atp(MILK, STORE, POS);    // 20: the till sees everything
        int live = engine.atp(MILK, DC, LIVE);     // 30: its quota
        int other = engine.atp(MILK, DC, APP);     // 70: the quota is invisible to others
        // end-snippet
        assertEquals(10, app);
        assertEquals(20, pos);
        assertEquals(30, live);
        assertEquals(70, other);
    }

    @Test
    void kits() {
        InventoryEngine engine = engine();
        Sku tea = Sku.of("TEA-250G");
        Sku cup = Sku.of("CUP");
        engine.registerSku(tea);
        engine.registerSku(cup);
        engine.receive(IdempotencyKey.of("r1"), tea, STORE, 5);
        engine.receive(IdempotencyKey.of("r2"), cup, STORE, 7);
        // snippet: inventory-kits
        Sku giftBox = Sku.of("GIFT-BOX");
        engine.defineKit(Kit.of(giftBox, Map.of(tea, 1, cup, 2)));    // a virtual kit: no stock of its own
        int boxes = engine.atp(giftBox, STORE, APP);                   // 3: 5 teas, but 7 cups make 3 pairs
        Hold hold = engine.hold(HoldRequest.builder(IdempotencyKey.of("cart-9"), APP, Duration.ofMinutes(15))
                .line(HoldLine.atNode(giftBox, STORE, 2))               // holds 2 teas and 4 cups, all or none
                .build());
        HoldLineState line = hold.lines().get(0);                      // GIFT-BOX × 2, kit {CUP=2, TEA-250G=1}
        engine.confirm(IdempotencyKey.of("paid-9"), hold.id());
        engine.fulfil(IdempotencyKey.of("ship-9"), hold.id(), 0, 1);   // one box left: 1 tea and 2 cups
        // end-snippet
        assertEquals(3, boxes);
        assertEquals(Map.of(cup, 2, tea, 1), line.kit());
        assertEquals(4, engine.position(tea, STORE).onHand());
        assertEquals(5, engine.position(cup, STORE).onHand());
        assertEquals(1, engine.position(tea, STORE).held());
    }

    @Test
    void lots() {
        java.time.ZoneId shanghai = java.time.ZoneId.of("Asia/Shanghai");
        Channel tmall = Channel.of("tmall", ChannelKind.MARKETPLACE);
        // snippet: inventory-lots
        InventoryEngine engine = InventoryEngine.builder().clock(clock)
                .minShelfLife(tmall.id(), Duration.ofDays(3))           // the marketplace wants 3 days left
                .build();
        engine.registerNode(STORE);
        engine.registerSku(MILK);
        java.time.LocalDate today = clock.instant().atZone(shanghai).toLocalDate();
        engine.receive(IdempotencyKey.of("grn-1"), MILK, STORE,
                Lot.bestBefore("L-0412", today.plusDays(5), shanghai), 12);  // best before: end of day, store's zone
        engine.receive(IdempotencyKey.of("grn-2"), MILK, STORE, Lot.bestBefore("L-0409", today, shanghai), 6);
        int forApp = engine.atp(MILK, STORE, APP);                     // 18
        int forTmall = engine.atp(MILK, STORE, tmall);                 // 12: L-0409 expires tonight
        Hold cart = engine.hold(HoldRequest.builder(IdempotencyKey.of("cart-1"), APP, Duration.ofMinutes(15))
                .line(HoldLine.atNode(MILK, STORE, 8))                  // first expiry first out
                .build());
        List<LotUnits> lots = cart.lines().get(0).lots();              // [L-0409 × 6, L-0412 × 2]
        engine.confirm(IdempotencyKey.of("paid-1"), cart.id());
        clock.set(today.plusDays(1).atStartOfDay(shanghai).toInstant());
        int wasted = engine.expireLots();                              // 0: all of L-0409 is in a paid order
        // end-snippet
        assertEquals(18, forApp);
        assertEquals(12, forTmall);
        assertEquals(List.of(new LotUnits("L-0409", 6, 0), new LotUnits("L-0412", 2, 0)), lots);
        assertEquals(0, wasted);
        engine.releaseAll(IdempotencyKey.of("cancel-1"), cart.id());
        assertEquals(6, engine.expireLots(), "released units of an expired lot are wasted by the next sweep");
        assertEquals(List.of("L-0412"), engine.lots(MILK, STORE).stream().map(LotPosition::lot).toList());
    }

    @Test
    void lotAtpAndPricing() {
        java.time.ZoneId shanghai = java.time.ZoneId.of("Asia/Shanghai");
        io.github.omniretail.core.MutableClock clock = io.github.omniretail.core.MutableClock.at(
                java.time.Instant.parse("2026-12-07T02:00:00Z"), shanghai); // 10:00 in Shanghai
        InventoryEngine engine = InventoryEngine.builder().clock(clock).build();
        engine.registerNode(STORE);
        engine.registerSku(MILK);
        java.time.LocalDate today = clock.instant().atZone(shanghai).toLocalDate();
        engine.receive(IdempotencyKey.of("grn-1"), MILK, STORE, Lot.bestBefore("L-0412", today.plusDays(5), shanghai),
                12);
        engine.receive(IdempotencyKey.of("grn-2"), MILK, STORE, Lot.bestBefore("L-0409", today, shanghai), 6);
        // snippet: inventory-lot-atp
        List<LotAtp> byLot = engine.atpByLot(MILK, STORE, APP);       // [L-0409 6, L-0412 12], FEFO order
        List<ExpiryBucket> byDay = engine.atpByExpiry(MILK, STORE, APP, shanghai); // [today 6, today+5 12]
        PricingEngine pricing = PricingEngine.builder().clock(clock)
                .rules(PricingRules.builder("v1", CNY).sku(MILK, Money.parse("12.80", CNY), "dairy")
                        .shelfLife(ShelfLifeMarkdown.of("dairy", Set.of("dairy"),
                                Map.of(0, BasisPoints.of(5000), 2, BasisPoints.of(2000))))
                        .build())
                .lotView(engine.lotView())                            // the batch a sale at the node would take
                .build();
        ItemQuote tonight = pricing.quote(MILK, PricingContext.of(APP, shanghai, clock.instant())
                .atNode(STORE, shanghai));                            // 6.40: L-0409's last day, -50 %
        // end-snippet
        assertEquals(List.of(new LotAtp(java.util.Optional.of("L-0409"), java.util.Optional.of(
                today.plusDays(1).atStartOfDay(shanghai).toInstant()), 6), new LotAtp(java.util.Optional.of("L-0412"),
                java.util.Optional.of(today.plusDays(6).atStartOfDay(shanghai).toInstant()), 12)), byLot);
        assertEquals(List.of(new ExpiryBucket(java.util.Optional.of(today), 6),
                new ExpiryBucket(java.util.Optional.of(today.plusDays(5)), 12)), byDay);
        assertEquals("6.40", tonight.price().amountString());
        Hold all = engine.hold(HoldRequest.builder(IdempotencyKey.of("cart-9"), APP, Duration.ofMinutes(15))
                .line(HoldLine.atNode(MILK, STORE, 6)).build());
        assertEquals(List.of(new LotUnits("L-0409", 6, 0)), all.lines().get(0).lots());
        assertEquals("12.80", pricing.quote(MILK, PricingContext.of(APP, shanghai, clock.instant())
                .atNode(STORE, shanghai)).price().amountString(), "the short-dated lot is gone: five days left");
    }

    @Test
    void returns() {
        InventoryEngine engine = engine();
        Sku scarf = Sku.of("SCARF-RED");
        engine.registerSku(scarf);
        engine.receive(IdempotencyKey.of("r1"), scarf, STORE, 5);
        // snippet: inventory-returns
        engine.returnUnits(IdempotencyKey.of("rma-17/1"),
                ReturnedUnits.of(scarf, STORE, 1, Disposition.SELLABLE));        // tags on: back on the shelf
        engine.returnUnits(IdempotencyKey.of("rma-17/2"),
                ReturnedUnits.of(scarf, STORE, 2, Disposition.QUARANTINE)       // worn? check it first
                        .because("customer-return"));
        int waiting = engine.quarantined(scarf, STORE);                       // 2, not in ATP
        engine.inspect(IdempotencyKey.of("qc-17/1"),
                ReturnedUnits.of(scarf, STORE, 1, Disposition.SELLABLE).because("as-new"));
        engine.inspect(IdempotencyKey.of("qc-17/2"),
                ReturnedUnits.of(scarf, STORE, 1, Disposition.DAMAGED).because("stained")); // written off
        int onShelf = engine.position(scarf, STORE).onHand();                 // 7
        // end-snippet
        assertEquals(2, waiting);
        assertEquals(7, onShelf);
        assertEquals(0, engine.quarantined(scarf, STORE));
    }

    @Test
    void presale() {
        InventoryEngine engine = engine();
        Sku phone = Sku.of("PHONE-X");
        engine.registerSku(phone);
        java.time.Instant dec10 = java.time.Instant.parse("2026-12-10T02:00:00Z");
        java.time.Instant dec11 = java.time.Instant.parse("2026-12-11T16:00:00Z");
        // snippet: inventory-presale
        engine.receive(IdempotencyKey.of("grn-1"), phone, DC, 2);                   // 2 on hand
        engine.expectReceipt(IdempotencyKey.of("po-1111"),
                ExpectedReceipt.purchaseOrder("PO-1111", phone, DC, 100, dec10));    // 100 due on 10 December
        Hold early = engine.hold(HoldRequest.builder(IdempotencyKey.of("order-1"), APP, Duration.ofDays(30))
                .line(HoldLine.atNode(phone, DC, 3))
                .presale(Presale.promisedBy(dec11))                                  // must ship by 11 December
                .build());
        HoldLineState line = early.lines().get(0);                                    // 2 held now, 1 waiting
        List<DatedAtp> promise = engine.atpByDate(phone, DC, APP);                   // [now: 0, 10 Dec: 99]
        engine.receiveExpected(IdempotencyKey.of("grn-1111"), phone, DC, "PO-1111", 60); // short: 60 of 100
        int allocated = engine.hold(early.id()).orElseThrow().lines().get(0).allocated(); // 3: served first
        // end-snippet
        assertEquals(2, line.allocated());
        assertEquals(1, line.waiting());
        assertEquals(java.util.Optional.of(dec10), line.promisedBy());
        assertEquals(List.of(0L, 99L), promise.stream().map(DatedAtp::available).toList());
        assertEquals(3, allocated);
        assertEquals(59, engine.atp(phone, DC, APP));
    }

    @Test
    void pools() {
        InventoryEngine engine = engine();
        engine.receive(IdempotencyKey.of("r1"), MILK, STORE, 2);
        engine.receive(IdempotencyKey.of("r2"), MILK, DARK, 2);
        // snippet: inventory-pools
        PoolId city = PoolId.of("hangzhou-west");
        engine.definePool(city, Set.of(STORE, DARK));
        Hold hold = engine.hold(HoldRequest.builder(IdempotencyKey.of("cart-44"), APP, Duration.ofMinutes(30))
                .line(HoldLine.inPool(MILK, city, 3))        // node chosen later, by routing
                .build());
        long stillFree = engine.atp(MILK, city, APP);       // 1
        int atStore = engine.atp(MILK, STORE, APP);         // 1: taking 2 would break the pool hold
        engine.receive(IdempotencyKey.of("grn-7"), MILK, DARK, 1);
        Hold pinned = engine.pin(IdempotencyKey.of("route-44"), hold.id(), 0, DARK); // DARK can now take all 3 units
        // end-snippet
        assertEquals(1, stillFree);
        assertEquals(1, atStore);
        assertEquals(3, engine.position(MILK, DARK).held());
        assertEquals(java.util.Optional.of(DARK), pinned.lines().get(0).node());
    }

    @Test
    void pinRefused() {
        InventoryEngine engine = engine();
        engine.receive(IdempotencyKey.of("r1"), MILK, STORE, 2);
        engine.receive(IdempotencyKey.of("r2"), MILK, DARK, 2);
        PoolId city = PoolId.of("hangzhou-west");
        engine.definePool(city, Set.of(STORE, DARK));
        Hold hold = engine.hold(HoldRequest.builder(IdempotencyKey.of("cart-44"), APP, Duration.ofMinutes(30))
                .line(HoldLine.inPool(MILK, city, 3)).build());
        assertThrows(InsufficientStockException.class, () -> engine.pin(IdempotencyKey.of("route-44"), hold.id(), 0,
                DARK));
    }

    @Test
    void idempotency() {
        InventoryEngine engine = engine();
        engine.receive(IdempotencyKey.of("r1"), MILK, STORE, 5);
        // snippet: inventory-idempotency
        HoldRequest request = HoldRequest.builder(IdempotencyKey.of("cart-45"), APP, Duration.ofMinutes(15))
                .line(HoldLine.atNode(MILK, STORE, 2)).build();
        Hold first = engine.hold(request);
        Hold retry = engine.hold(request);           // a timeout retry: same hold, nothing held twice
        try {
            engine.receive(IdempotencyKey.of("cart-45"), MILK, STORE, 1);   // the key reused for something else
        } catch (IdempotencyConflictException e) {
            // e.key() "cart-45", e.original() the first request; nothing changed
        }
        // end-snippet
        assertEquals(first, retry);
        assertEquals(2, engine.position(MILK, STORE).held());
        assertThrows(IdempotencyConflictException.class, () -> engine.receive(IdempotencyKey.of("cart-45"), MILK,
                STORE, 1));
    }

    @Test
    void expiry() {
        InventoryEngine engine = engine();
        engine.receive(IdempotencyKey.of("r1"), MILK, STORE, 1);
        // snippet: inventory-expiry
        Hold cart = engine.hold(HoldRequest.builder(IdempotencyKey.of("cart-46"), APP, Duration.ofMinutes(15))
                .line(HoldLine.atNode(MILK, STORE, 1)).build());
        clock.advance(Duration.ofMinutes(15));
        int atp = engine.atp(MILK, STORE, APP);                       // 1: expired on read, no sweep needed
        HoldStatus status = engine.hold(cart.id()).orElseThrow().status(); // EXPIRED
        int swept = engine.expireDue();   // the host's periodic sweep; also forgets old keys and holds
        // end-snippet
        assertEquals(1, atp);
        assertEquals(HoldStatus.EXPIRED, status);
        assertEquals(0, swept);
    }

    @Test
    void transfersAndLowStock() {
        List<InventoryEvent> events = new ArrayList<>();
        InventoryEngine engine = InventoryEngine.builder().clock(clock).eventSink(events::add).build();
        for (NodeId n : List.of(STORE, DC)) {
            engine.registerNode(n);
        }
        engine.registerSku(MILK);
        engine.receive(IdempotencyKey.of("r1"), MILK, STORE, 12);
        engine.receive(IdempotencyKey.of("r2"), MILK, DC, 100);
        // snippet: inventory-transfer-low-stock
        engine.setReorderPoint(MILK, STORE, 10, 5);      // signal below 10, recover at 15
        engine.hold(HoldRequest.builder(IdempotencyKey.of("cart-47"), APP, Duration.ofMinutes(15))
                .line(HoldLine.atNode(MILK, STORE, 4)).build());  // ATP 8 → StockEvent.LowStock
        Transfer t = engine.dispatchTransfer(IdempotencyKey.of("tr-1"), MILK, DC, STORE, 24); // leaves the DC now
        engine.receiveTransfer(IdempotencyKey.of("tr-1-grn"), t.id(),
                24);   // arrives: ATP 32 → StockEvent.StockRecovered
        // end-snippet
        assertEquals(1, events.stream().filter(e -> e instanceof StockEvent.LowStock).count());
        assertEquals(1, events.stream().filter(e -> e instanceof StockEvent.StockRecovered).count());
    }

    @Test
    void snapshot() {
        InventoryEngine engine = engine();
        engine.receive(IdempotencyKey.of("r1"), MILK, STORE, 5);
        // snippet: inventory-snapshot
        InventorySnapshot snapshot = engine.snapshot();            // consistent copy of all state
        InventoryEngine copy = InventoryEngine.builder().clock(clock).restore(snapshot).build();
        // end-snippet
        assertEquals(engine.position(MILK, STORE), copy.position(MILK, STORE));
    }
}

package io.github.omniretail.checkout;

import static io.github.omniretail.checkout.Shop.ALICE;
import static io.github.omniretail.checkout.Shop.APP;
import static io.github.omniretail.checkout.Shop.BOB;
import static io.github.omniretail.checkout.Shop.DARK;
import static io.github.omniretail.checkout.Shop.DC;
import static io.github.omniretail.checkout.Shop.HOME;
import static io.github.omniretail.checkout.Shop.MILK;
import static io.github.omniretail.checkout.Shop.POS;
import static io.github.omniretail.checkout.Shop.RICE;
import static io.github.omniretail.checkout.Shop.STORE;
import static io.github.omniretail.checkout.Shop.TEA;
import static io.github.omniretail.checkout.Shop.yuan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.checkout.PlacedOrder.Step;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.IdempotencyConflictException;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.inventory.Disposition;
import io.github.omniretail.inventory.ReturnedUnits;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.event.CheckoutEvent;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.loyalty.Balance;
import io.github.omniretail.loyalty.UnknownMemberException;
import io.github.omniretail.loyalty.analytics.PurchaseHistory;
import io.github.omniretail.loyalty.analytics.RfmModel;
import io.github.omniretail.loyalty.analytics.RfmScore;
import io.github.omniretail.loyalty.analytics.RfmTracker;
import io.github.omniretail.loyalty.analytics.ScoreScale;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckoutTest {

    /** @return a fresh shop; the integration suite runs these examples on PostgreSQL stores */
    Shop newShop() {
        return new Shop();
    }

    private final Shop shop = newShop();
    private final List<CheckoutEvent> events = new ArrayList<>();
    private final Checkout checkout = shop.checkout(b -> b.events(events::add));

    private static OrderRequest.Builder order(String key) {
        return OrderRequest.builder(IdempotencyKey.of(key), APP, DeliveryMethod.ship(HOME), yuan("6.00"));
    }

    private long atp(Sku sku) {
        return shop.inventory.atp(sku, List.of(DC, DARK), APP);
    }

    @Test
    void anOrderGoesFromPlacementToAReturnThroughEveryEngine() {
        OrderRequest request = order("o-1").member(ALICE).line(RICE, 3).line(TEA, 1).build();
        PlacedOrder placed = checkout.place(request);
        assertEquals(OrderStatus.PLACED, placed.status());
        CartQuoteCheck.totalIs(placed, "193.00"); // 237.00 − 满200减50 + 6.00 shipping
        assertEquals(17, atp(RICE), "three units held");
        assertEquals(50_00, shop.promotionLedger.spent("full-200-50"), "the promotion's budget is reserved");
        assertTrue(placed.plan().isPresent());
        assertTrue(placed.did(Step.STOCK_HELD) && placed.did(Step.PROMOTIONS_RESERVED));

        PlacedOrder paid = checkout.confirm(placed.key());
        assertEquals(OrderStatus.CONFIRMED, paid.status());
        assertEquals(HoldStatus.CONFIRMED, shop.inventory.hold(paid.stockHold().orElseThrow()).orElseThrow().status());
        // earned on the net 187.00 (after its 50.00 share of the promotion), plus 2 bonus points for the tea
        assertEquals(187 + 2, paid.pointsEarned());
        assertEquals(new Balance(0, 189, 0), shop.ledger.balance(ALICE));

        PlacedOrder shipped = paid;
        for (int s = 0; s < paid.plan().orElseThrow().shipments().size(); s++) {
            shipped = checkout.fulfil(paid.key(), s);
        }
        assertEquals(OrderStatus.FULFILLED, shipped.status());
        assertEquals(shipped, checkout.fulfil(paid.key(), 0), "fulfilling again changes nothing");

        PlacedOrder back = checkout.returnLines(paid.key(), IdempotencyKey.of("rma-1"), DC, Map.of(RICE, 1));
        OrderReturn r = back.returns().get(0);
        Money riceNet = EngineSteps.order(paid).lines().get(0).net();
        assertEquals(riceNet.timesFraction(1, 3, java.math.RoundingMode.FLOOR), r.refund(), "a third of the rice");
        assertTrue(r.pointsReversed() > 0);
        assertEquals(189 - r.pointsReversed(), shop.ledger.balance(ALICE).pending());
        assertEquals(18, atp(RICE), "the returned unit is back in stock at the DC");
        assertEquals(back, checkout.returnLines(paid.key(), IdempotencyKey.of("rma-1"), DC, Map.of(RICE, 1)),
                "a retried return is the same return");
        // the rest of the rice comes back in two more returns: together they refund exactly the line's net
        checkout.returnLines(paid.key(), IdempotencyKey.of("rma-2"), DC, Map.of(RICE, 1));
        PlacedOrder all = checkout.returnLines(paid.key(), IdempotencyKey.of("rma-3"), DARK, Map.of(RICE, 1));
        assertEquals(riceNet, all.returns().stream().map(OrderReturn::refund).reduce(Money::plus).orElseThrow());
        IllegalArgumentException more = assertThrows(IllegalArgumentException.class, () -> checkout.returnLines(
                paid.key(), IdempotencyKey.of("rma-4"), DC, Map.of(RICE, 1)));
        assertTrue(more.getMessage().contains("0 left"), more.getMessage());
        assertEquals(0, shop.ledgerSum());
        assertEquals(List.of("checkout.order.placed", "checkout.order.confirmed"), events.stream()
                .map(CheckoutEvent::type).limit(2).toList());
    }

    @Test
    void theSameKeyIsTheSameOrderAndAnotherRequestUnderItIsAConflict() {
        OrderRequest request = order("o-1").member(ALICE).line(MILK, 2).build();
        PlacedOrder first = checkout.place(request);
        assertEquals(first, checkout.place(request));
        long held = atp(MILK);
        IdempotencyConflictException e = assertThrows(IdempotencyConflictException.class,
                () -> checkout.place(order("o-1").member(ALICE).line(MILK, 3).build()));
        assertEquals(IdempotencyKey.of("o-1"), e.key());
        assertEquals(held, atp(MILK), "nothing changed");
        assertEquals(first, checkout.order(IdempotencyKey.of("o-1")).orElseThrow());
    }

    @Test
    void anOrderNoNodeCanServeIsRefusedWithTheReasonAndHoldsNothing() {
        PlacedOrder refused = checkout.place(order("o-1").line(RICE, 21).build());
        assertEquals(OrderStatus.REFUSED, refused.status());
        assertTrue(refused.refusal().orElseThrow().contains(RICE.value()), refused.refusal().orElseThrow());
        assertEquals(20, atp(RICE));
        CheckoutStateException e = assertThrows(CheckoutStateException.class, () -> checkout.confirm(refused.key()));
        assertEquals(OrderStatus.REFUSED, e.status());
    }

    @Test
    void tooFewPointsRefuseTheOrderAndGiveTheStockBack() {
        shop.givePoints(BOB, "e-bob", "30.00");
        PlacedOrder refused = checkout.place(order("o-1").member(BOB).line(MILK, 2).payWithPoints(3_100).build());
        assertEquals(OrderStatus.REFUSED, refused.status());
        assertTrue(refused.did(Step.STOCK_RELEASED));
        assertEquals(34, atp(MILK));
        assertEquals(30, shop.ledger.balance(BOB).available());
    }

    @Test
    void pointsPayPartOfTheOrderAndComeBackWhenItIsCancelledAfterPayment() {
        shop.givePoints(BOB, "e-bob", "3000.00");
        PlacedOrder placed = checkout.place(order("o-1").member(BOB).line(RICE, 3).line(TEA, 1).coupon("TEA5")
                .payWithPoints(1_000).build());
        assertEquals(yuan("10.00"), placed.pointsValue());
        assertEquals(placed.quote().orElseThrow().total().minus(yuan("10.00")), placed.payable().orElseThrow());
        assertEquals(new Balance(2_000, 0, 1_000), shop.ledger.balance(BOB));
        assertEquals(1, shop.promotionLedger.uses("TEA5"));
        PlacedOrder paid = checkout.confirm(placed.key());
        assertTrue(paid.pointsEarned() > 0);
        PlacedOrder cancelled = checkout.cancel(paid.key());
        assertEquals(OrderStatus.CANCELLED, cancelled.status());
        assertEquals(20, atp(RICE), "stock back");
        assertEquals(3_000, shop.ledger.balance(BOB).available(), "paid points back");
        assertEquals(0, shop.ledger.balance(BOB).pending(), "earned points reversed");
        assertEquals(0, shop.promotionLedger.uses("TEA5"), "the coupon can be used again");
        assertEquals(0, shop.promotionLedger.spent("full-200-50"));
        assertEquals(cancelled, checkout.cancel(paid.key()));
        assertEquals(0, shop.ledgerSum());
    }

    @Test
    void returnsGiveBackTheirShareOfThePaidPointsAndOfTheMoneyExactlyInSum() {
        shop.givePoints(BOB, "e-bob", "3000.00");
        PlacedOrder paid = checkout.confirm(checkout.place(order("o-1").member(BOB).line(RICE, 3).line(TEA, 1)
                .payWithPoints(1_001).build()).key());
        for (int s = 0; s < paid.plan().orElseThrow().shipments().size(); s++) {
            checkout.fulfil(paid.key(), s);
        }
        Money goods = EngineSteps.order(paid).net();
        assertEquals(new Balance(1_999, 0, 0).available(), shop.ledger.balance(BOB).available());
        PlacedOrder one = checkout.returnLines(paid.key(), IdempotencyKey.of("rma-1"), DC, Map.of(RICE, 1));
        OrderReturn first = one.returns().get(0);
        assertTrue(first.pointsReturned() > 0 && first.pointsReturned() < 1_001, first.toString());
        assertEquals(1_999 + first.pointsReturned(), shop.ledger.balance(BOB).available(), "points back at once");
        assertEquals(first.net().minus(first.refund()), yuan("10.01").timesFraction(first.net().minorUnits(),
                goods.minorUnits(), java.math.RoundingMode.FLOOR), "the money refund leaves out what points paid");
        checkout.returnLines(paid.key(), IdempotencyKey.of("rma-2"), DARK, Map.of(RICE, 2));
        PlacedOrder all = checkout.returnLines(paid.key(), IdempotencyKey.of("rma-3"), DC, Map.of(TEA, 1));
        assertEquals(1_001, all.returns().stream().mapToLong(OrderReturn::pointsReturned).sum(), "every paid point");
        assertEquals(goods, all.returns().stream().map(OrderReturn::net).reduce(Money::plus).orElseThrow());
        assertEquals(goods.minus(yuan("10.01")), all.returns().stream().map(OrderReturn::refund)
                .reduce(Money::plus).orElseThrow(), "money back: what was paid in money for the goods");
        assertEquals(3_000, shop.ledger.balance(BOB).available(), "the member has every paid point again");
        assertEquals(0, shop.ledgerSum());
        assertEquals(all, checkout.returnLines(paid.key(), IdempotencyKey.of("rma-3"), DC, Map.of(TEA, 1)),
                "a retried return gives nothing back twice");
        assertEquals(3_000, shop.ledger.balance(BOB).available());
    }

    @Test
    void anUnpaidOrderExpiresAndAPaymentAfterThatIsRefused() {
        shop.givePoints(ALICE, "e-alice", "50.00");
        PlacedOrder placed = checkout.place(order("o-1").member(ALICE).line(RICE, 4).payWithPoints(50).build());
        shop.clock.advance(Duration.ofMinutes(14));
        assertEquals(0, checkout.expireDue());
        shop.clock.advance(Duration.ofMinutes(1));
        assertEquals(1, checkout.expireDue());
        PlacedOrder expired = checkout.order(placed.key()).orElseThrow();
        assertEquals(OrderStatus.EXPIRED, expired.status());
        assertEquals(20, atp(RICE));
        assertEquals(50, shop.ledger.balance(ALICE).available());
        assertEquals(0, shop.promotionLedger.spent("full-200-50"));
        CheckoutStateException late = assertThrows(CheckoutStateException.class, () -> checkout.confirm(placed.key()));
        assertTrue(late.getMessage().contains("only a placed order"), late.getMessage());
    }

    @Test
    void aPaymentArrivingAfterTheWindowExpiresTheOrderEvenBeforeTheSweep() {
        PlacedOrder placed = checkout.place(order("o-1").line(MILK, 1).build());
        shop.clock.advance(Duration.ofMinutes(16));
        CheckoutStateException late = assertThrows(CheckoutStateException.class, () -> checkout.confirm(placed.key()));
        assertEquals(OrderStatus.EXPIRED, late.status());
        assertTrue(late.getMessage().contains("refund"), late.getMessage());
        assertEquals(34, atp(MILK));
    }

    @Test
    void aStockHoldReleasedOutsideTheCheckoutExpiresTheOrderOnPaymentAndGivesTheRestBack() {
        shop.givePoints(ALICE, "e-alice", "50.00");
        PlacedOrder placed = checkout.place(order("o-1").member(ALICE).line(RICE, 3).line(TEA, 1)
                .payWithPoints(50).build());
        shop.inventory.releaseAll(IdempotencyKey.of("by-hand"), placed.stockHold().orElseThrow());
        CheckoutStateException late = assertThrows(CheckoutStateException.class, () -> checkout.confirm(placed.key()));
        assertEquals(OrderStatus.EXPIRED, late.status());
        assertTrue(late.getMessage().contains("RELEASED outside the checkout"), late.getMessage());
        PlacedOrder expired = checkout.order(placed.key()).orElseThrow();
        assertEquals(OrderStatus.EXPIRED, expired.status());
        assertEquals(20, atp(RICE));
        assertEquals(50, shop.ledger.balance(ALICE).available(), "the held points came back");
        assertEquals(0, shop.promotionLedger.spent("full-200-50"), "the promotion's budget came back");
        assertEquals(0, expired.pointsEarned());
    }

    @Test
    void aStockHoldConfirmedOutsideTheCheckoutIsStillTheOrdersAndOneReleasedAfterPaymentCannotShip() {
        PlacedOrder placed = checkout.place(order("o-1").line(MILK, 2).build());
        shop.inventory.confirm(IdempotencyKey.of("by-hand"), placed.stockHold().orElseThrow());
        PlacedOrder paid = checkout.confirm(placed.key());
        assertEquals(OrderStatus.CONFIRMED, paid.status());
        shop.inventory.releaseAll(IdempotencyKey.of("by-hand-2"), paid.stockHold().orElseThrow());
        CheckoutStateException stuck = assertThrows(CheckoutStateException.class, () -> checkout.fulfil(paid.key(), 0));
        assertTrue(stuck.getMessage().contains("RELEASED outside the checkout"), stuck.getMessage());
        assertEquals(paid, checkout.order(paid.key()).orElseThrow(), "the order is as it was");
        assertEquals(OrderStatus.CANCELLED, checkout.cancel(paid.key()).status(), "it can still be cancelled");
    }

    @Test
    void aCouponThatRanOutSinceTheQuoteRefusesTheSecondOrder() {
        PlacedOrder first = checkout.place(order("o-1").member(ALICE).line(TEA, 1).coupon("TEA5").build());
        assertEquals(OrderStatus.PLACED, first.status());
        PlacedOrder second = checkout.place(order("o-2").member(BOB).line(TEA, 1).coupon("TEA5").build());
        // the second quote already sees the coupon used: it is placed without it, at full price
        assertEquals(OrderStatus.PLACED, second.status());
        assertEquals(yuan("51.00"), second.quote().orElseThrow().total());
        assertEquals(1, shop.promotionLedger.uses("TEA5"));
    }

    @Test
    void shippedOrdersCannotBeCancelledAndUnknownMembersAreRefusedUpFront() {
        PlacedOrder placed = checkout.place(order("o-1").line(MILK, 1).build());
        checkout.confirm(placed.key());
        checkout.fulfil(placed.key(), 0);
        CheckoutStateException e = assertThrows(CheckoutStateException.class, () -> checkout.cancel(placed.key()));
        assertTrue(e.getMessage().contains("return"), e.getMessage());
        assertThrows(UnknownMemberException.class, () -> checkout.place(order("o-2").member(
                io.github.omniretail.core.MemberId.of("M-NOBODY")).line(MILK, 1).build()));
        assertTrue(checkout.order(IdempotencyKey.of("o-2")).isEmpty(), "nothing was saved");
        IllegalArgumentException noShipment = assertThrows(IllegalArgumentException.class,
                () -> checkout.fulfil(placed.key(), 5));
        assertTrue(noShipment.getMessage().contains("not 5"), noShipment.getMessage());
    }

    @Test
    void paidMemberOrdersFeedThePurchaseHistoryAndTheLiveRfmScores() {
        PurchaseHistory history = PurchaseHistory.create(Shop.CNY, Shop.HANGZHOU);
        RfmTracker tracker = RfmTracker.builder().clock(shop.clock).currency(Shop.CNY)
                .model(RfmModel.fixed(ScoreScale.descending(365, 180, 90, 30), ScoreScale.ascending(2, 3, 5, 8),
                        ScoreScale.ascending(100_00, 300_00, 1_000_00, 3_000_00)))
                .build();
        Checkout fed = shop.checkout(b -> b.purchases(history).rfm(tracker));
        PlacedOrder placed = fed.place(order("o-1").member(ALICE).line(RICE, 3).line(TEA, 1).build());
        fed.place(order("o-2").member(BOB).line(MILK, 1).build()); // never paid
        assertEquals(0, history.size(), "nothing before payment");
        fed.confirm(placed.key());
        fed.confirm(placed.key());
        assertEquals(1, history.size(), "one purchase, whatever the retries");
        assertEquals(1, history.customers());
        RfmScore alice = tracker.score(ALICE).orElseThrow();
        assertEquals(new RfmScore(5, 1, 2), alice, "today, once, 187.00 net");
        assertTrue(tracker.score(BOB).isEmpty());
    }

    private static OrderRequest.Builder tillSale(String key) {
        return OrderRequest.builder(IdempotencyKey.of(key), POS, DeliveryMethod.pickup(STORE), yuan("0.00"))
                .atCounter();
    }

    @Test
    void aTillSaleIsServedFromTheCountersShelfAndHandedOverWhenPaid() {
        shop.givePoints(ALICE, "e-alice", "3000.00");
        // the store's one pickup order of the day is taken: the till is not limited by it
        PlacedOrder pickup = checkout.place(OrderRequest.builder(IdempotencyKey.of("o-pickup"), APP,
                DeliveryMethod.pickup(STORE), yuan("0.00")).line(MILK, 1).build());
        assertEquals(OrderStatus.PLACED, pickup.status());
        assertEquals(0, shop.routing.capacityLeft(STORE, java.time.LocalDate.ofInstant(shop.clock.instant(),
                Shop.HANGZHOU)));
        PlacedOrder placed = checkout.place(tillSale("till-1").member(ALICE).line(MILK, 2).line(TEA, 1)
                .payWithPoints(1_000).build());
        assertEquals(OrderStatus.PLACED, placed.status(), placed.refusal().toString());
        assertEquals("counter sale", placed.routing().orElseThrow().explanation().policy());
        assertEquals(List.of(STORE), placed.plan().orElseThrow().shipments().stream()
                .map(io.github.omniretail.routing.Shipment::node).toList());
        assertTrue(!placed.did(Step.CAPACITY_TAKEN), "a till sale takes no daily order capacity");
        assertEquals(yuan("10.00"), placed.pointsValue());

        PlacedOrder sold = checkout.confirm(placed.key());
        assertEquals(OrderStatus.FULFILLED, sold.status(), "paid at the till and handed over");
        assertEquals(3, shop.inventory.position(MILK, STORE).onHand(), "5 on the shelf, 2 handed over");
        assertEquals(1, shop.inventory.position(TEA, STORE).onHand());
        assertTrue(sold.pointsEarned() > 0, "a member earns at the till as online");
        assertEquals(sold, checkout.confirm(placed.key()), "confirming again changes nothing");
        CheckoutStateException cancel = assertThrows(CheckoutStateException.class, () -> checkout.cancel(sold.key()));
        assertTrue(cancel.getMessage().contains("return"), cancel.getMessage());

        // the customer brings the tea back to the same till
        PlacedOrder back = checkout.returnLines(sold.key(), sold.key().derive("return"), STORE, Map.of(TEA, 1));
        assertEquals(2, shop.inventory.position(TEA, STORE).onHand(), "back on the store's shelf");
        assertTrue(back.returns().get(0).pointsReturned() > 0, "its share of the paid points comes back");
        assertEquals(0, shop.ledgerSum());
    }

    @Test
    void aTillSaleTheShelfCannotServeIsRefusedNotTransferredAndBadTillSalesAreRefusedUpFront() {
        PlacedOrder refused = checkout.place(tillSale("till-1").line(MILK, 6).build());
        assertEquals(OrderStatus.REFUSED, refused.status());
        assertEquals("not on the counter's shelf: MILK-1L: need 6, 5 at ST-1", refused.refusal().orElseThrow());
        assertEquals(5, shop.inventory.position(MILK, STORE).atp());
        assertEquals(34, atp(MILK), "nothing moved from the DC or the dark store");
        PlacedOrder rice = checkout.place(tillSale("till-2").line(RICE, 1).build());
        assertTrue(rice.refusal().orElseThrow().contains("RICE-5KG: need 1, 0 at ST-1"), rice.refusal().orElseThrow());

        IllegalArgumentException shipped = assertThrows(IllegalArgumentException.class, () -> OrderRequest.builder(
                IdempotencyKey.of("till-3"), POS, DeliveryMethod.ship(HOME), yuan("0.00")).atCounter().line(MILK, 1)
                .build());
        assertTrue(shipped.getMessage().contains("must be a pickup"), shipped.getMessage());
        IllegalArgumentException fee = assertThrows(IllegalArgumentException.class, () -> OrderRequest.builder(
                IdempotencyKey.of("till-3"), POS, DeliveryMethod.pickup(STORE), yuan("6.00")).atCounter()
                .line(MILK, 1).build());
        assertTrue(fee.getMessage().contains("shipping must be zero, was CNY 6.00"), fee.getMessage());
        IllegalArgumentException routed = assertThrows(IllegalArgumentException.class, () -> tillSale("till-3")
                .policy(io.github.omniretail.routing.RoutingPolicy.costOptimal()).line(MILK, 1).build());
        assertTrue(routed.getMessage().contains("no routing policy"), routed.getMessage());
        IllegalArgumentException noCounter = assertThrows(IllegalArgumentException.class, () -> checkout.place(
                OrderRequest.builder(IdempotencyKey.of("till-4"), POS, DeliveryMethod.pickup(DC), yuan("0.00"))
                        .atCounter().line(MILK, 1).build()));
        assertTrue(noCounter.getMessage().contains("PICKUP"), noCounter.getMessage());
        assertTrue(checkout.order(IdempotencyKey.of("till-4")).isEmpty(), "nothing was saved");
    }

    @Test
    void aKitIsRoutedHeldShippedAndReturnedAsItsComponents() {
        PlacedOrder placed = checkout.place(order("o-kit").line(Shop.GIFT, 3).build());
        assertEquals(OrderStatus.PLACED, placed.status(), placed.refusal().toString());
        // the dark store has 2 teas and 4 milks (2 kits): the DC ships all 3 kits as one line
        assertEquals(List.of(DC), placed.plan().orElseThrow().shipments().stream()
                .map(io.github.omniretail.routing.Shipment::node).toList());
        assertEquals(3, shop.inventory.position(TEA, DC).held());
        assertEquals(6, shop.inventory.position(MILK, DC).held());
        checkout.confirm(placed.key());
        PlacedOrder shipped = checkout.fulfil(placed.key(), 0);
        assertEquals(OrderStatus.FULFILLED, shipped.status());
        assertEquals(17, shop.inventory.position(TEA, DC).onHand());
        assertEquals(24, shop.inventory.position(MILK, DC).onHand());
        checkout.returnLines(placed.key(), IdempotencyKey.of("rma-kit"), DC, Map.of(Shop.GIFT, 1));
        assertEquals(18, shop.inventory.position(TEA, DC).onHand(), "the returned box's tea is back");
        assertEquals(26, shop.inventory.position(MILK, DC).onHand(), "and its two milks");
    }

    private PlacedOrder shipped(OrderRequest request) {
        PlacedOrder paid = checkout.confirm(checkout.place(request).key());
        PlacedOrder shipped = paid;
        for (int s = 0; s < paid.plan().orElseThrow().shipments().size(); s++) {
            shipped = checkout.fulfil(paid.key(), s);
        }
        assertEquals(OrderStatus.FULFILLED, shipped.status());
        return shipped;
    }

    @Test
    void returnedUnitsGoOnTheShelfIntoQuarantineOrAreWrittenOffAndAreRefundedAlike() {
        PlacedOrder o = shipped(order("o-disp").member(ALICE).line(RICE, 2).line(TEA, 2).build());
        int riceOnHand = shop.inventory.position(RICE, DC).onHand();
        int teaOnHand = shop.inventory.position(TEA, DC).onHand();
        long riceAtp = atp(RICE);
        PlacedOrder q = checkout.returnLines(o.key(), IdempotencyKey.of("rma-q"), DC, Map.of(RICE, 1),
                Disposition.QUARANTINE);
        assertEquals(Disposition.QUARANTINE, q.returns().get(0).disposition());
        assertEquals(1, shop.inventory.quarantined(RICE, DC));
        assertEquals(riceAtp, atp(RICE), "quarantined units are not for sale");
        assertEquals(riceOnHand, shop.inventory.position(RICE, DC).onHand());
        PlacedOrder d = checkout.returnLines(o.key(), IdempotencyKey.of("rma-d"), DC, Map.of(TEA, 1),
                Disposition.DAMAGED);
        assertEquals(teaOnHand, shop.inventory.position(TEA, DC).onHand(), "a damaged unit is written off");
        Money teaNet = EngineSteps.order(o).lines().get(1).net();
        assertEquals(teaNet.timesFraction(1, 2, java.math.RoundingMode.FLOOR), d.returns().get(1).refund(),
                "refunded like any return");
        assertThrows(IdempotencyConflictException.class, () -> checkout.returnLines(o.key(),
                IdempotencyKey.of("rma-d"), DC, Map.of(TEA, 1), Disposition.SELLABLE));
        assertEquals(d, checkout.returnLines(o.key(), IdempotencyKey.of("rma-d"), DC, Map.of(TEA, 1),
                Disposition.DAMAGED));
        shop.inventory.inspect(IdempotencyKey.of("qc-1"), ReturnedUnits.of(RICE, DC, 1, Disposition.SELLABLE));
        assertEquals(riceAtp + 1, atp(RICE), "sellable once inspected");
        assertEquals(0, shop.ledgerSum());
    }

    @Test
    void anExchangeReturnsUnitsAndPlacesTheReplacementPricedByTheDifference() {
        PlacedOrder o = shipped(order("o-ex").member(ALICE).line(RICE, 2).build());
        long teaAtp = shop.inventory.atp(TEA, List.of(DC, DARK), APP);
        OrderRequest instead = order("o-ex-2").member(ALICE).line(TEA, 2).build();
        Exchange ex = checkout.exchange(o.key(), IdempotencyKey.of("ex-1"), DC, Map.of(RICE, 1), Disposition.SELLABLE,
                instead);
        assertEquals(OrderStatus.PLACED, ex.replacement().status());
        OrderReturn r = ex.returned().orElseThrow();
        Money riceNet = EngineSteps.order(o).lines().get(0).net();
        assertEquals(riceNet.timesFraction(1, 2, java.math.RoundingMode.FLOOR), r.refund());
        assertEquals(ex.replacement().payable().orElseThrow().minus(r.refund()), ex.difference().orElseThrow());
        assertEquals(yuan("32.00"), ex.difference().orElseThrow(), "two teas and shipping (96.00) less one rice (64.00)");
        assertEquals(teaAtp - 2, shop.inventory.atp(TEA, List.of(DC, DARK), APP), "the replacement holds its tea");
        assertEquals(ex, checkout.exchange(o.key(), IdempotencyKey.of("ex-1"), DC, Map.of(RICE, 1),
                Disposition.SELLABLE, instead), "the same exchange again");
        checkout.confirm(ex.replacement().key()); // the difference is paid

        // a replacement the stock cannot serve: nothing comes back
        Exchange refused = checkout.exchange(o.key(), IdempotencyKey.of("ex-2"), DC, Map.of(RICE, 1),
                Disposition.SELLABLE, order("o-ex-3").line(TEA, 500).build());
        assertEquals(OrderStatus.REFUSED, refused.replacement().status());
        assertTrue(refused.returned().isEmpty() && refused.difference().isEmpty());
        assertEquals(1, checkout.order(o.key()).orElseThrow().returns().size());
        // more units than left: refused before anything is placed
        assertThrows(IllegalArgumentException.class, () -> checkout.exchange(o.key(), IdempotencyKey.of("ex-3"), DC,
                Map.of(RICE, 2), Disposition.SELLABLE, order("o-ex-4").line(TEA, 1).build()));
        assertTrue(checkout.order(IdempotencyKey.of("o-ex-4")).isEmpty(), "no replacement was placed");
        assertThrows(IllegalArgumentException.class, () -> checkout.exchange(o.key(), IdempotencyKey.of("ex-5"), DC,
                Map.of(RICE, 1), Disposition.SELLABLE, order("o-ex").line(TEA, 1).build()));
        assertEquals(0, shop.ledgerSum());
    }

    /** Small assertions on quotes. */
    static final class CartQuoteCheck {
        static void totalIs(PlacedOrder o, String yuan) {
            assertEquals(yuan(yuan), o.quote().orElseThrow().total());
        }
    }
}

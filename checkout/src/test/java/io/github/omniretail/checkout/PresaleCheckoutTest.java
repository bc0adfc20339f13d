package io.github.omniretail.checkout;

import static io.github.omniretail.checkout.Shop.ALICE;
import static io.github.omniretail.checkout.Shop.APP;
import static io.github.omniretail.checkout.Shop.CNY;
import static io.github.omniretail.checkout.Shop.DC;
import static io.github.omniretail.checkout.Shop.HANGZHOU;
import static io.github.omniretail.checkout.Shop.HOME;
import static io.github.omniretail.checkout.Shop.yuan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.checkout.PlacedOrder.Step;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.DatedAtp;
import io.github.omniretail.inventory.ExpectedReceipt;
import io.github.omniretail.inventory.HoldLineState;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.pricing.DepositTerms;
import io.github.omniretail.pricing.Eligibility;
import io.github.omniretail.pricing.Offer;
import io.github.omniretail.pricing.PricingEngine;
import io.github.omniretail.pricing.PricingRules;
import io.github.omniretail.pricing.Promotion;
import io.github.omniretail.pricing.PromotionSet;
import io.github.omniretail.pricing.spi.PromotionLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A 双11 pre-sale through the checkout: planned on a purchase order not yet delivered, a deposit (定金100抵200) now
 * and the balance later, shipped once the delivery lands; an unpaid balance ends the order; what cannot be promised
 * in time is refused.
 */
class PresaleCheckoutTest {

    static final Sku PHONE = Sku.of("PHONE-X");

    final Shop shop = new Shop();
    final Instant eta = shop.clock.instant().plus(Duration.ofDays(7));
    final Instant balanceDue = shop.clock.instant().plus(Duration.ofDays(5));
    final Checkout checkout;

    PresaleCheckoutTest() {
        PricingRules rules = PricingRules.builder("presale", CNY).sku(PHONE, yuan("5999.00"), "phones")
                .sku(Shop.MILK, yuan("12.80"), "dairy").build();
        Promotion deposit = Promotion.of("1111-phone", "定金100抵200", 5,
                new Offer.Deposit(yuan("100.00"), yuan("200.00"), balanceDue))
                .eligibility(Eligibility.everyone().skus(PHONE));
        PricingEngine pricing = PricingEngine.builder().clock(shop.clock).rules(rules)
                .promotionLedger(PromotionLedger.inMemory())
                .promotions(PromotionSet.of("presale", CNY, List.of(deposit))).build();
        checkout = Checkout.builder(shop.inventory, shop.routing, pricing).ledger(shop.ledger).clock(shop.clock)
                .zone(HANGZHOU).pointsWorth(100, yuan("1.00")).build();
        shop.inventory.registerSku(PHONE);
        shop.inventory.expectReceipt(IdempotencyKey.of("po-1111"),
                ExpectedReceipt.purchaseOrder("PO-1111", PHONE, DC, 50, eta));
    }

    OrderRequest.Builder presale(String key, Instant by) {
        return OrderRequest.builder(IdempotencyKey.of(key), APP, DeliveryMethod.ship(HOME), yuan("0.00"))
                .member(ALICE).line(PHONE, 2).presale(by);
    }

    HoldLineState stock(PlacedOrder o) {
        return shop.inventory.hold(o.stockHold().orElseThrow()).orElseThrow().lines().get(0);
    }

    @Test
    void aPreSaleIsPlannedOnTheDeliveryPaidInTwoPartsAndShippedWhenItLands() {
        PlacedOrder placed = checkout.place(presale("o-1", eta.plus(Duration.ofDays(1))).build());
        assertEquals(OrderStatus.PLACED, placed.status(), placed.refusal().orElse(""));
        assertEquals(DC, placed.plan().orElseThrow().shipments().get(0).node());
        assertEquals(eta.plus(Duration.ofHours(1)), placed.readyBy().orElseThrow(), "the ETA plus handling");
        assertEquals(2, stock(placed).waiting());
        assertEquals(java.util.Optional.of(eta), stock(placed).promisedBy());
        DepositTerms terms = placed.deposit().orElseThrow();
        assertEquals(yuan("200.00"), terms.deposit(), "2 × 100.00 now");
        assertEquals(yuan("11798.00"), placed.quote().orElseThrow().total(), "2 × (5999.00 − (200.00 − 100.00))");
        assertEquals(yuan("11598.00"), terms.balance(), "the rest, by the due date");

        PlacedOrder deposited = checkout.payDeposit(placed.key());
        assertTrue(deposited.did(Step.DEPOSIT_PAID));
        assertEquals(OrderStatus.PLACED, deposited.status());
        assertEquals(balanceDue, deposited.expiresAt(), "now it waits for the balance");
        assertEquals(HoldStatus.CONFIRMED, shop.inventory.hold(placed.stockHold().orElseThrow()).orElseThrow()
                .status(), "the stock waits for the delivery, it does not expire");
        assertEquals(deposited, checkout.payDeposit(placed.key()), "a retry changes nothing");

        shop.clock.advance(Duration.ofHours(2));
        assertEquals(0, checkout.expireDue(), "the payment window no longer applies");
        PlacedOrder paid = checkout.confirm(placed.key());
        assertEquals(OrderStatus.CONFIRMED, paid.status());
        CheckoutStateException early = assertThrows(CheckoutStateException.class, () -> checkout.fulfil(paid.key(), 0));
        assertTrue(early.getMessage().contains("still wait for their delivery"), early.getMessage());

        shop.clock.set(eta);
        shop.inventory.receiveExpected(IdempotencyKey.of("grn-1111"), PHONE, DC, "PO-1111", 50);
        assertEquals(0, stock(paid).waiting(), "served first when the delivery landed");
        assertEquals(OrderStatus.FULFILLED, checkout.fulfil(paid.key(), 0).status());
        assertEquals(48, shop.inventory.position(PHONE, DC).onHand());
    }

    @Test
    void anUnpaidBalanceEndsTheOrderAndGivesTheStockBack() {
        PlacedOrder placed = checkout.place(presale("o-1", eta.plus(Duration.ofDays(1))).build());
        checkout.payDeposit(placed.key());
        assertEquals(List.of(new DatedAtp(shop.clock.instant(), 0), new DatedAtp(eta, 48)),
                shop.inventory.atpByDate(PHONE, DC, APP));
        shop.clock.set(balanceDue);
        assertEquals(1, checkout.expireDue());
        PlacedOrder ended = checkout.order(placed.key()).orElseThrow();
        assertEquals(OrderStatus.EXPIRED, ended.status());
        assertTrue(ended.did(Step.DEPOSIT_PAID), "the deposit was paid: the caller keeps or refunds it by its terms");
        assertEquals(List.of(), shop.inventory.waiting(PHONE, DC));
        assertEquals(List.of(new DatedAtp(balanceDue, 0), new DatedAtp(eta, 50)),
                shop.inventory.atpByDate(PHONE, DC, APP));
    }

    @Test
    void whatCannotBePromisedInTimeIsRefusedAndDepositsNeedTerms() {
        PlacedOrder late = checkout.place(presale("o-late", eta.minus(Duration.ofDays(1))).build());
        assertEquals(OrderStatus.REFUSED, late.status());
        assertTrue(late.refusal().orElseThrow().contains("no stock for"), late.refusal().orElseThrow());
        assertEquals(List.of(), shop.inventory.waiting(PHONE, DC), "nothing held");

        PlacedOrder withPoints = checkout.place(presale("o-points", eta.plus(Duration.ofDays(1))).payWithPoints(100)
                .build());
        assertEquals(OrderStatus.REFUSED, withPoints.status());
        assertTrue(withPoints.refusal().orElseThrow().contains("deposit"), withPoints.refusal().orElseThrow());

        PlacedOrder ordinary = checkout.place(OrderRequest.builder(IdempotencyKey.of("o-milk"), APP,
                DeliveryMethod.ship(HOME), yuan("6.00")).line(Shop.MILK, 1).build());
        CheckoutStateException noTerms = assertThrows(CheckoutStateException.class,
                () -> checkout.payDeposit(ordinary.key()));
        assertTrue(noTerms.getMessage().contains("no deposit"), noTerms.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OrderRequest.builder(IdempotencyKey.of("o-till"), APP,
                DeliveryMethod.pickup(Shop.STORE), yuan("0.00")).line(PHONE, 1).atCounter()
                .presale(eta).build());
    }
}

package io.github.omniretail.pricing;

import io.github.omniretail.core.Channel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.MutableClock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromotionTest {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOON = Instant.parse("2026-11-22T04:00:00Z");
    private static final Sku RICE = Sku.of("RICE-5KG");
    private static final Sku OIL = Sku.of("OIL-1L");
    private static final Sku LATTE = Sku.of("LATTE");
    private static final Sku CAKE = Sku.of("CAKE");
    private static final MemberId GOLD = MemberId.of("gold-member");

    private static Money yuan(String amount) {
        return Money.parse(amount, CNY);
    }

    private static final PricingRules RULES = PricingRules.builder("r1", CNY)
            .sku(RICE, yuan("64.00"), "grocery")
            .sku(OIL, yuan("32.00"), "grocery")
            .sku(LATTE, yuan("28.00"), "coffee")
            .sku(CAKE, yuan("18.00"), "bakery")
            .tierPrice("gold", LATTE, yuan("25.00"))
            .guardrail(CAKE, Guardrail.costPlus(yuan("12.00"), BasisPoints.ZERO))
            .build();

    private static Offer.Threshold threshold(String... spendOff) {
        List<Offer.Threshold.Tier> tiers = new java.util.ArrayList<>();
        for (int i = 0; i < spendOff.length; i += 2) {
            tiers.add(new Offer.Threshold.Tier(yuan(spendOff[i]), yuan(spendOff[i + 1])));
        }
        return Offer.Threshold.highestOf(tiers);
    }

    private static PricingEngine engine(Promotion... promotions) {
        return PricingEngine.builder().clock(MutableClock.at(NOON)).rules(RULES)
                .promotions(PromotionSet.of("p1", CNY, List.of(promotions)))
                .tierLookup(m -> m.equals(GOLD) ? Optional.of("gold") : Optional.empty()).build();
    }

    private static PricingContext app() {
        return PricingContext.of(Channel.of("app", ChannelKind.APP), SHANGHAI, NOON);
    }

    private static Cart cart(Object... skuQty) {
        List<Cart.Line> lines = new java.util.ArrayList<>();
        for (int i = 0; i < skuQty.length; i += 2) {
            lines.add(new Cart.Line((Sku) skuQty[i], (Integer) skuQty[i + 1]));
        }
        return new Cart(lines, yuan("0.00"), java.util.Set.of());
    }

    private static void assertExactAllocation(CartQuote quote) {
        long fromLines = quote.lines().stream().mapToLong(l -> l.discount().minorUnits()).sum();
        long fromPromotions = quote.applied().stream().mapToLong(a -> a.amount().minorUnits()).sum();
        assertEquals(fromPromotions, fromLines + quote.shippingDiscount().minorUnits(), quote.toString());
        for (LineQuote line : quote.lines()) {
            assertEquals(line.discount().minorUnits(),
                    line.discounts().values().stream().mapToLong(Money::minorUnits).sum());
        }
        assertEquals(quote.subtotal().minus(quote.discount()).plus(quote.shipping()).minus(quote.shippingDiscount()),
                quote.total());
    }

    @Test
    void tieredThresholdsPickTheHighestTierReached() {
        PricingEngine engine = engine(Promotion.of("full-reduction", "满200减50 / 满300减80", 10,
                threshold("200.00", "50.00", "300.00", "80.00")));
        CartQuote small = engine.quote(cart(RICE, 4), app(), StackingMode.PRIORITY); // 256.00
        assertEquals(yuan("206.00"), small.total());
        assertEquals("spend 256.00 >= 200.00: 50.00 off", small.applied().get(0).reason());
        CartQuote big = engine.quote(cart(RICE, 4, OIL, 3), app(), StackingMode.PRIORITY); // 352.00
        assertEquals(yuan("272.00"), big.total());
        // 80.00 over 256.00 and 96.00 by largest remainder: 58.18 + 21.82
        assertEquals(yuan("58.18"), big.lines().get(0).discount());
        assertEquals(yuan("21.82"), big.lines().get(1).discount());
        assertExactAllocation(big);
        CartQuote none = engine.quote(cart(OIL, 5), app(), StackingMode.PRIORITY); // 160.00
        assertEquals("threshold 200.00 not reached: cart 160.00", none.rejected().get(0).reason());
        assertEquals(yuan("160.00"), none.total());
    }

    @Test
    void perEveryThresholdRepeats() {
        PricingEngine engine = engine(Promotion.of("every-100", "每满100减10", 10,
                Offer.Threshold.every(yuan("100.00"), yuan("10.00"))));
        assertEquals(yuan("322.00"), engine.quote(cart(RICE, 4, OIL, 3), app(), StackingMode.PRIORITY).total(),
                "352.00: three times 100, 30.00 off");
    }

    @Test
    void secondCupHalfPrice() {
        PricingEngine engine = engine(Promotion.of("second-cup", "第二杯半价", 10,
                new Offer.BuyXGetY(1, 1, BasisPoints.of(5000))).eligibility(Eligibility.everyone().skus(LATTE)));
        assertEquals(yuan("28.00"), engine.quote(cart(LATTE, 1), app(), StackingMode.PRIORITY).total());
        assertEquals(yuan("42.00"), engine.quote(cart(LATTE, 2), app(), StackingMode.PRIORITY).total());
        assertEquals(yuan("70.00"), engine.quote(cart(LATTE, 3), app(), StackingMode.PRIORITY).total());
        assertEquals(yuan("84.00"), engine.quote(cart(LATTE, 4), app(), StackingMode.PRIORITY).total());
        CartQuote one = engine.quote(cart(LATTE, 1, RICE, 1), app(), StackingMode.PRIORITY);
        assertEquals("needs 2 target units, cart has 1", one.rejected().get(0).reason());
    }

    @Test
    void firstOrderTwentyPercentOffForNewMembersOnly() {
        PricingEngine engine = engine(Promotion.of("first-order", "首单8折", 10,
                new Offer.OrderPercentOff(BasisPoints.of(2000))).eligibility(Eligibility.everyone()
                        .forNewCustomersOnly()));
        CartQuote first = engine.quote(cart(RICE, 1, OIL, 1), app().firstOrder(true), StackingMode.PRIORITY);
        assertEquals(yuan("76.80"), first.total());
        assertExactAllocation(first);
        CartQuote returning = engine.quote(cart(RICE, 1, OIL, 1), app(), StackingMode.PRIORITY);
        assertEquals(yuan("96.00"), returning.total());
        assertEquals("for a customer's first order only", returning.rejected().get(0).reason());
    }

    @Test
    void tierPriceWithACoupon() {
        Promotion coupon = Promotion.of("coffee-coupon", "5 off coffee", 10, new Offer.AmountOff(yuan("5.00")))
                .eligibility(Eligibility.everyone().categories("coffee")).coupon(Coupon.perMember("COFFEE5", 1));
        PricingEngine engine = engine(coupon);
        PricingContext gold = app().forMember(GOLD);
        CartQuote without = engine.quote(cart(LATTE, 2), gold, StackingMode.PRIORITY);
        assertEquals(yuan("50.00"), without.total(), "gold tier price 25.00");
        assertEquals("needs coupon COFFEE5", without.rejected().get(0).reason());
        Cart withCode = cart(LATTE, 2).withCoupons("COFFEE5");
        CartQuote with = engine.quote(withCode, gold, StackingMode.PRIORITY);
        assertEquals(yuan("40.00"), with.total());
        assertTrue(engine.redeem(IdempotencyKey.of("order-1"), with, gold));
        assertTrue(engine.redeem(IdempotencyKey.of("order-1"), with, gold), "a retry of the same checkout");
        CartQuote again = engine.quote(withCode, gold, StackingMode.PRIORITY);
        assertEquals("coupon COFFEE5 already used 1 times by this member", again.rejected().get(0).reason());
        assertFalse(engine.redeem(IdempotencyKey.of("order-2"), with, gold),
                "a stale quote cannot redeem the used coupon again");
        // cancelling the first order gives the coupon back
        assertTrue(engine.release(IdempotencyKey.of("order-1")));
        assertFalse(engine.release(IdempotencyKey.of("order-1")), "released once");
        assertTrue(engine.quote(withCode, gold, StackingMode.PRIORITY).rejected().isEmpty());
        assertTrue(engine.redeem(IdempotencyKey.of("order-2"), with, gold));
    }

    @Test
    void groupsAndStackabilityAreExplicit() {
        Promotion p200 = Promotion.of("p200", "满200减50", 10, threshold("200.00", "50.00")).inGroup("full-reduction");
        Promotion p300 = Promotion.of("p300", "满300减80", 20, threshold("300.00", "80.00")).inGroup("full-reduction");
        Promotion alone = Promotion.of("vip", "VIP 30%", 5, new Offer.OrderPercentOff(BasisPoints.of(3000)))
                .exclusive().eligibility(Eligibility.everyone().tiers("gold"));
        PricingEngine engine = engine(p200, p300, alone);
        CartQuote quote = engine.quote(cart(RICE, 4, OIL, 3), app(), StackingMode.PRIORITY);
        assertEquals(List.of("p200"), quote.applied().stream().map(AppliedPromotion::promotionId).toList());
        assertTrue(quote.rejected().stream().anyMatch(r -> r.promotionId().equals("p300")
                && r.reason().equals("excluded by group full-reduction: p200 applied")), quote.rejected().toString());
        CartQuote best = engine.quote(cart(RICE, 4, OIL, 3), app(), StackingMode.BEST_DEAL);
        assertEquals(List.of("p300"), best.applied().stream().map(AppliedPromotion::promotionId).toList());
        CartQuote vip = engine.quote(cart(RICE, 4, OIL, 3), app().forMember(GOLD), StackingMode.PRIORITY);
        assertEquals(List.of("vip"), vip.applied().stream().map(AppliedPromotion::promotionId).toList());
        assertTrue(vip.rejected().stream().anyMatch(r -> r.reason().equals("vip applies alone (not stackable)")));
    }

    @Test
    void bestDealNamesTheRuleThatLeftAPromotionOut() {
        Promotion p200 = Promotion.of("p200", "满200减50", 10, threshold("200.00", "50.00")).inGroup("full-reduction");
        Promotion p300 = Promotion.of("p300", "满300减80", 20, threshold("300.00", "80.00")).inGroup("full-reduction");
        Promotion vip = Promotion.of("vip", "VIP 30%", 5, new Offer.OrderPercentOff(BasisPoints.of(3000)))
                .exclusive().eligibility(Eligibility.everyone().tiers("gold"));
        Promotion oil = Promotion.of("oil", "oil 5 off", 30, new Offer.AmountOff(yuan("5.00")))
                .eligibility(Eligibility.everyone().skus(OIL));
        Promotion flash = Promotion.of("flash", "flash 10%", 40, new Offer.OrderPercentOff(BasisPoints.of(1000)))
                .exclusive();
        PricingEngine engine = engine(p200, p300, vip, oil, flash);
        CartQuote best = engine.quote(cart(RICE, 4, OIL, 3), app(), StackingMode.BEST_DEAL);
        assertEquals(List.of("p300", "oil"), best.applied().stream().map(AppliedPromotion::promotionId).toList());
        Map<String, String> why = new java.util.HashMap<>();
        best.rejected().forEach(r -> why.put(r.promotionId(), r.reason()));
        assertEquals("excluded by group full-reduction: p300 is in the combination with the largest saving (95.00);"
                + " this one alone saves 50.00", why.get("p200"));
        assertEquals("not stackable: it applies alone and saves 35.20; p300 + oil together save 95.00",
                why.get("flash"));
        CartQuote gold = engine.quote(cart(RICE, 4, OIL, 3), app().forMember(GOLD), StackingMode.BEST_DEAL);
        assertEquals(List.of("vip"), gold.applied().stream().map(AppliedPromotion::promotionId).toList());
        why.clear();
        gold.rejected().forEach(r -> why.put(r.promotionId(), r.reason()));
        assertEquals("not stackable: vip applies alone and saves more (105.60 against 80.00 for this one)",
                why.get("p300"));
        assertTrue(gold.rejected().stream().noneMatch(r -> r.reason().startsWith("best deal: not in")),
                gold.rejected().toString());
    }

    @Test
    void couponsThatTakeNothingOffAreReportedWithTheReason() {
        Promotion coupon = Promotion.of("coffee-coupon", "5 off coffee", 10, new Offer.AmountOff(yuan("5.00")))
                .eligibility(Eligibility.everyone().categories("coffee")).coupon(Coupon.perMember("COFFEE5", 1));
        PricingEngine engine = engine(coupon);
        PricingContext gold = app().forMember(GOLD);
        CartQuote noCoffee = engine.quote(cart(RICE, 1).withCoupons("NOPE", "COFFEE5"), gold,
                StackingMode.BEST_DEAL);
        assertEquals(List.of(new RejectedCoupon("COFFEE5", "promotion coffee-coupon (5 off coffee) applies to none"
                + " of the items in the cart"), new RejectedCoupon("NOPE", "unknown coupon code")),
                noCoffee.rejectedCoupons());
        CartQuote with = engine.quote(cart(LATTE, 2).withCoupons("COFFEE5"), gold, StackingMode.PRIORITY);
        assertEquals(List.of(), with.rejectedCoupons(), "an applied coupon is not rejected");
        assertTrue(engine.redeem(IdempotencyKey.of("order-1"), with, gold));
        CartQuote used = engine.quote(cart(LATTE, 2).withCoupons("COFFEE5"), gold, StackingMode.PRIORITY);
        assertEquals(List.of(new RejectedCoupon("COFFEE5", "promotion coffee-coupon not applied: coupon COFFEE5"
                + " already used 1 times by this member")), used.rejectedCoupons());
        assertEquals(List.of(), engine.quote(cart(LATTE, 2), gold, StackingMode.PRIORITY).rejectedCoupons());
    }

    @Test
    void originalVersusDiscountedBaseNeverProducesAFreeOrder() {
        // Saleor #17453: a percentage computed on the undiscounted total after an amount off made orders free
        Promotion amount = Promotion.of("amount", "30 off each", 10, new Offer.AmountOff(yuan("30.00")));
        Promotion percent = Promotion.of("percent", "60% off", 20, new Offer.PercentOff(BasisPoints.of(6000)))
                .on(DiscountBase.ORIGINAL);
        CartQuote quote = engine(amount, percent).quote(cart(OIL, 2), app(), StackingMode.PRIORITY);
        assertEquals(yuan("0.00"), quote.total(), "30 off each leaves 2.00 a unit; 60 % of the original is capped");
        assertFalse(quote.total().isNegative());
        assertExactAllocation(quote);
        CartQuote onDiscounted = engine(amount, Promotion.of("percent", "60% off", 20,
                new Offer.PercentOff(BasisPoints.of(6000)))).quote(cart(OIL, 2), app(), StackingMode.PRIORITY);
        assertEquals(yuan("1.60"), onDiscounted.total());
    }

    @Test
    void theFloorGuardStopsPromotionsBelowTheFloor() {
        PricingEngine engine = engine(Promotion.of("half", "50% off cake", 10,
                new Offer.PercentOff(BasisPoints.of(5000))).eligibility(Eligibility.everyone().skus(CAKE)));
        CartQuote quote = engine.quote(cart(CAKE, 2), app(), StackingMode.PRIORITY);
        assertEquals(yuan("24.00"), quote.total(), "floor 12.00 a cake");
        assertTrue(quote.applied().get(0).reason().endsWith("capped so no line goes below its floor"));
    }

    @Test
    void budgetsCapAndRunOut() {
        Promotion capped = Promotion.of("budget", "10 off", 10, new Offer.AmountOff(yuan("10.00")))
                .budget(yuan("15.00"));
        PricingEngine engine = engine(capped);
        CartQuote first = engine.quote(cart(OIL, 1), app(), StackingMode.PRIORITY);
        assertTrue(engine.redeem(IdempotencyKey.of("order-1"), first, app()));
        CartQuote second = engine.quote(cart(OIL, 1), app(), StackingMode.PRIORITY);
        assertEquals(yuan("5.00"), second.applied().get(0).amount(), "only 5.00 of the budget is left");
        assertTrue(engine.redeem(IdempotencyKey.of("order-2"), second, app()));
        CartQuote third = engine.quote(cart(OIL, 1), app(), StackingMode.PRIORITY);
        assertEquals("budget exhausted (CNY 15.00)", third.rejected().get(0).reason());
        CartQuote best = engine.quote(cart(OIL, 1), app(), StackingMode.BEST_DEAL);
        assertEquals("budget exhausted (CNY 15.00)", best.rejected().get(0).reason(),
                "best deal names the deciding reason too, not 'not in the combination'");
    }

    @Test
    void bundlesAndFreeShipping() {
        Promotion bundle = Promotion.of("breakfast", "rice + oil for 80", 10,
                new Offer.Bundle(Map.of(RICE, 1, OIL, 1), yuan("80.00")));
        Promotion shipping = Promotion.of("ship", "free shipping over 99", 20,
                new Offer.FreeShipping(Optional.of(yuan("99.00"))));
        PricingEngine engine = engine(bundle, shipping);
        Cart cart = new Cart(List.of(new Cart.Line(RICE, 2), new Cart.Line(OIL, 1)), yuan("8.00"), java.util.Set.of());
        CartQuote quote = engine.quote(cart, app(), StackingMode.PRIORITY);
        assertEquals(yuan("16.00"), quote.discount(), "one bundle: 96.00 → 80.00");
        assertEquals(yuan("8.00"), quote.shippingDiscount());
        assertEquals(yuan("144.00"), quote.total());
        assertExactAllocation(quote);
        CartQuote noOil = engine.quote(cart(RICE, 1), app(), StackingMode.PRIORITY);
        assertTrue(noOil.rejected().stream().anyMatch(r -> r.reason().equals("bundle incomplete: needs 1 × OIL-1L + 1 × RICE-5KG")), noOil.rejected().toString());
    }

    @Test
    void quotesReVerifyAndDuplicatePrioritiesAreRejected() {
        PricingEngine engine = engine(Promotion.of("full", "满200减50", 10, threshold("200.00", "50.00")));
        Cart cart = cart(RICE, 4);
        CartQuote quote = engine.quote(cart, app(), StackingMode.PRIORITY);
        assertEquals(quote, engine.quote(cart, app(), StackingMode.PRIORITY));
        assertTrue(engine.verify(quote, cart, app()));
        engine.updatePromotions(PromotionSet.of("p2", CNY, List.of()));
        assertFalse(engine.verify(quote, cart, app()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PromotionSet.of("x", CNY,
                List.of(Promotion.of("a", "a", 1, threshold("1.00", "1.00")),
                        Promotion.of("b", "b", 1, threshold("1.00", "1.00")))));
        assertEquals("promotions a and b share priority 1; priorities must be unique so the order is explicit",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Offer.Threshold.highestOf(List.of()));
    }

    @Test
    void beyondTheExactLimitTheHeuristicStillFindsTheLargerSaving() {
        Promotion p200 = Promotion.of("p200", "满200减50", 10, threshold("200.00", "50.00")).inGroup("full-reduction");
        Promotion p300 = Promotion.of("p300", "满300减80", 20, threshold("300.00", "80.00")).inGroup("full-reduction");
        Promotion oil = Promotion.of("oil", "oil 5 off", 30, new Offer.AmountOff(yuan("5.00")))
                .eligibility(Eligibility.everyone().skus(OIL));
        PricingEngine engine = PricingEngine.builder().clock(MutableClock.at(NOON)).rules(RULES)
                .promotions(PromotionSet.of("p1", CNY, List.of(p200, p300, oil))).exactBestDealLimit(1).build();
        CartQuote best = engine.quote(cart(RICE, 4, OIL, 3), app(), StackingMode.BEST_DEAL);
        assertEquals(List.of("p300", "oil"), best.applied().stream().map(AppliedPromotion::promotionId).toList());
        assertEquals(yuan("95.00"), best.saving());
        assertTrue(best.rejected().stream().anyMatch(r -> r.promotionId().equals("p200")
                && r.reason().startsWith("excluded by group full-reduction: p300 is in the combination")),
                best.rejected().toString());
    }

    @Test
    void aPreSaleDepositCountsForMoreAndSplitsTheTotalIntoDepositAndBalance() {
        Instant due = NOON.plus(java.time.Duration.ofDays(3));
        Promotion presale = Promotion.of("1111-presale", "定金20抵40", 5,
                new Offer.Deposit(yuan("20.00"), yuan("40.00"), due)).eligibility(Eligibility.everyone().skus(RICE));
        Promotion full = Promotion.of("full-200-30", "满200减30", 10, threshold("200.00", "30.00"));
        PricingEngine engine = engine(presale, full);
        CartQuote q = engine.quote(cart(RICE, 3, OIL, 1), app(), StackingMode.PRIORITY);
        // rice 3 × 64.00: each unit's 20.00 deposit counts as 40.00: 60.00 off;
        // then 满200减30 on what is left (132.00 + 32.00 = 164.00) does not reach 200.00
        assertEquals(yuan("60.00"), q.applied().get(0).amount());
        assertEquals(1, q.applied().size());
        assertExactAllocation(q);
        DepositTerms terms = q.deposit().orElseThrow();
        assertEquals(yuan("60.00"), terms.deposit(), "3 × 20.00 now");
        assertEquals(yuan("104.00"), terms.balance(), "164.00 − 60.00, by the due date");
        assertEquals(q.total(), terms.total());
        assertEquals(due, terms.balanceDueBy());

        // stacking like any discount: on the original prices 满200减30 also applies (224.00 before the deposit)
        Promotion onOriginal = Promotion.of("full-200-30", "满200减30", 10, threshold("200.00", "30.00"))
                .on(DiscountBase.ORIGINAL);
        CartQuote both = engine(presale, onOriginal).quote(cart(RICE, 3, OIL, 1), app(), StackingMode.PRIORITY);
        assertEquals(2, both.applied().size(), both.toString());
        assertExactAllocation(both);
        assertEquals(yuan("134.00"), both.total(), "224.00 − 60.00 − 30.00");
        assertEquals(yuan("60.00"), both.deposit().orElseThrow().deposit());
        assertEquals(yuan("74.00"), both.deposit().orElseThrow().balance());

        // at the due date the deposit no longer counts, and there are no deposit terms
        CartQuote late = engine.quote(cart(RICE, 3), app().at(due), StackingMode.PRIORITY);
        assertTrue(late.deposit().isEmpty());
        assertTrue(late.rejected().stream().anyMatch(r -> r.promotionId().equals("1111-presale")
                && r.reason().contains("balance was due by")), late.rejected().toString());
        assertTrue(engine.quote(cart(OIL, 1), app(), StackingMode.PRIORITY).deposit().isEmpty(), "no pre-sale item");
    }
}

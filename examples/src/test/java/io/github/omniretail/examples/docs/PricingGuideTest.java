package io.github.omniretail.examples.docs;

import io.github.omniretail.core.Channel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.pricing.Cart;
import io.github.omniretail.pricing.CartQuote;
import io.github.omniretail.pricing.Eligibility;
import io.github.omniretail.pricing.Experiment;
import io.github.omniretail.pricing.ExperimentLog;
import io.github.omniretail.pricing.Guardrail;
import io.github.omniretail.pricing.ItemQuote;
import io.github.omniretail.pricing.DepositTerms;
import io.github.omniretail.pricing.Offer;
import io.github.omniretail.pricing.PriceEnding;
import io.github.omniretail.pricing.PricingConfig;
import io.github.omniretail.pricing.PricingContext;
import io.github.omniretail.pricing.PricingEngine;
import io.github.omniretail.pricing.PricingRules;
import io.github.omniretail.pricing.Promotion;
import io.github.omniretail.pricing.PromotionSet;
import io.github.omniretail.pricing.RuleSetChecker;
import io.github.omniretail.pricing.StackingMode;
import io.github.omniretail.pricing.ThompsonPricer;
import io.github.omniretail.pricing.TimeOfDaySchedule;
import io.github.omniretail.core.MutableClock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The code shown in docs/pricing.md, compiled and run. */
class PricingGuideTest {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Instant EVENING = Instant.parse("2026-11-22T12:30:00Z"); // 20:30 in Hangzhou

    @Test
    void itemPrices() {
        MutableClock clock = MutableClock.at(EVENING);
        // snippet: pricing-item
        Sku strawberries = Sku.of("STRAWBERRY-500G");
        PricingRules rules = PricingRules.builder("2026-11-22.1", CNY)
                .sku(strawberries, Money.parse("39.90", CNY), "fresh")
                .scene(NodeId.of("HZ-AIRPORT"), BasisPoints.of(500))                  // +5 % at the airport
                .tierDiscount("gold", BasisPoints.of(500))                             // gold members -5 %
                .schedule(new TimeOfDaySchedule("fresh-evening", Set.of("fresh"), Set.of(),
                        LocalTime.of(20, 0), LocalTime.of(2, 0), BasisPoints.of(3000))) // -30 % after 20:00 local
                .guardrail(strawberries, Guardrail.costPlus(Money.parse("22.00", CNY), BasisPoints.of(1000)))
                .ending(PriceEnding.NINETY_NINE)
                .build();
        PricingEngine engine = PricingEngine.builder().clock(clock).rules(rules)
                .tierLookup(member -> Optional.of("gold"))                                  // e.g. from the loyalty module
                .build();
        PricingContext context = PricingContext.of(Channel.of("mini-program", ChannelKind.MINI_PROGRAM),
                ZoneId.of("Asia/Shanghai"), EVENING)
                .forMember(MemberId.of("M-42"));
        ItemQuote quote = engine.quote(strawberries, context);
        // 39.90 → gold -5 % 37.90 → evening -30 % 26.53 → above the floor 24.20 → nearest .99: 26.99
        // quote.steps() lists every stage with its rule and reason; quote.hash() re-verifies at checkout
        // end-snippet
        assertEquals(Money.parse("26.99", CNY), quote.price());
        assertTrue(engine.verify(quote, context));
    }

    @Test
    void cartPromotions() {
        Sku rice = Sku.of("RICE-5KG");
        Sku oil = Sku.of("OIL-1L");
        PricingRules rules = PricingRules.builder("r1", CNY).sku(rice, Money.parse("64.00", CNY), "grocery")
                .sku(oil, Money.parse("32.00", CNY), "grocery").build();
        PricingContext context = PricingContext.of(Channel.of("app", ChannelKind.APP), ZoneId.of("Asia/Shanghai"),
                EVENING);
        // snippet: pricing-cart
        Promotion fullReduction = Promotion.of("full-reduction", "满200减50 / 满300减80", 10,
                Offer.Threshold.highestOf(List.of(
                        new Offer.Threshold.Tier(Money.parse("200.00", CNY), Money.parse("50.00", CNY)),
                        new Offer.Threshold.Tier(Money.parse("300.00", CNY), Money.parse("80.00", CNY)))))
                .inGroup("order-discounts");
        Promotion firstOrder = Promotion.of("first-order", "首单8折", 20,
                new Offer.OrderPercentOff(BasisPoints.of(2000)))
                .eligibility(Eligibility.everyone().forNewCustomersOnly())
                .inGroup("order-discounts");
        PricingEngine engine = PricingEngine.builder().clock(MutableClock.at(EVENING)).rules(rules)
                .promotions(PromotionSet.of("promo-2026-11", CNY, List.of(fullReduction, firstOrder)))
                .build();
        Cart cart = Cart.of(Money.parse("8.00", CNY), new Cart.Line(rice, 4), new Cart.Line(oil, 5)); // 416.00
        CartQuote byPriority = engine.quote(cart, context.firstOrder(true), StackingMode.PRIORITY);
        // applied: full-reduction 80.00 ("spend 416.00 >= 300.00: 80.00 off")
        // rejected: first-order ("excluded by group order-discounts: full-reduction applied")
        CartQuote bestDeal = engine.quote(cart, context.firstOrder(true), StackingMode.BEST_DEAL);
        // applied: first-order 83.20 — the larger saving; full-reduction rejected with the reason
        // end-snippet
        assertEquals(Money.parse("344.00", CNY), byPriority.total());
        assertEquals(Money.parse("340.80", CNY), bestDeal.total());
        assertEquals("first-order", bestDeal.applied().get(0).promotionId());

        // snippet: pricing-deposit
        Promotion presale = Promotion.of("1111-presale", "双11预售 定金20抵40", 5,
                new Offer.Deposit(Money.parse("20.00", CNY), Money.parse("40.00", CNY),
                        Instant.parse("2026-11-24T16:00:00Z")))      // the balance by 25 Nov, midnight in Hangzhou
                .eligibility(Eligibility.everyone().skus(rice));
        PricingEngine presales = PricingEngine.builder().clock(MutableClock.at(EVENING)).rules(rules)
                .promotions(PromotionSet.of("promo-2026-11", CNY, List.of(presale, fullReduction))).build();
        CartQuote q = presales.quote(Cart.of(Money.zero(CNY), new Cart.Line(rice, 4)), context,
                StackingMode.PRIORITY);
        DepositTerms terms = q.deposit().orElseThrow();
        // 4 × 64.00 = 256.00; 4 × (40.00 − 20.00) = 80.00 off: total 176.00 (满200 no longer reached)
        // terms.deposit(): 80.00 now; terms.balance(): 96.00 by terms.balanceDueBy()
        // end-snippet
        assertEquals(Money.parse("176.00", CNY), q.total());
        assertEquals(Money.parse("80.00", CNY), terms.deposit());
        assertEquals(Money.parse("96.00", CNY), terms.balance());
        assertEquals(1, q.applied().size());
    }

    @Test
    void rulesAsJson() throws Exception {
        // snippet: pricing-json
        PricingConfig config = PricingConfig.fromJson("""
                {"version": "2026-11-22.1", "currency": "CNY",
                 "skus": [{"sku": "LATTE", "price": "28.00", "categories": ["coffee"],
                           "guardrail": {"cost": "9.00", "minimumMargin": 2000}}],
                 "promotions": {"version": "cafe-1", "items": [
                   {"id": "second-cup", "name": "第二杯半价", "priority": 10,
                    "eligibility": {"categories": ["coffee"]},
                    "offer": {"type": "buyXGetY", "buy": 1, "get": 1, "discount": 5000}}]}}
                """);
        List<RuleSetChecker.Finding> findings =
                RuleSetChecker.check(config.rules(), config.rawPromotions(), Instant.now());
        // end-snippet
        assertTrue(findings.isEmpty(), findings.toString());
        assertEquals(1, config.promotions().promotions().size());
    }

    @Test
    void experiments() {
        // snippet: pricing-experiment
        Experiment test = Experiment.evenSplit("full-reduction-test", "2026-11", "200-50", "300-80")
                .withHoldout(BasisPoints.of(1000));                        // 10 % see neither
        String variant = test.variantOf(MemberId.of("M-42"));              // sticky: same member, same variant
        ExperimentLog log = new ExperimentLog(CNY);                        // or your own ExperimentRecorder
        // PricingEngine.builder().experiments(List.of(test)).experimentRecorder(log) ... then promotions with
        // Eligibility.everyone().inExperiment("full-reduction-test", "300-80"); log.summary(...) gives rates,
        // Wilson intervals and the probability each variant is best.

        ThompsonPricer pricer = ThompsonPricer.builder()
                .prices(List.of(Money.parse("39.90", CNY), Money.parse("44.90", CNY), Money.parse("49.90", CNY)))
                .inventory(300).periods(1_000).seed(7)                      // 300 units for 1,000 visitors
                .guardrail(Guardrail.costPlus(Money.parse("30.00", CNY), BasisPoints.of(1000)))
                .build();
        int offer = pricer.choose();                                       // an index, or NO_OFFER
        pricer.observe(offer, offer != ThompsonPricer.NO_OFFER);          // whether the visitor bought
        // end-snippet
        assertTrue(List.of("200-50", "300-80", Experiment.HOLDOUT).contains(variant));
        assertEquals(offer == ThompsonPricer.NO_OFFER ? 300 : 299, pricer.inventory());
        assertTrue(log.summary("full-reduction-test").isEmpty());
    }
}

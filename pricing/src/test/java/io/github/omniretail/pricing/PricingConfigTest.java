package io.github.omniretail.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.json.InvalidJsonException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PricingConfigTest {

    private static final String BASE = """
            {"version": "v1", "currency": "CNY",
             "skus": [{"sku": "MILK-1L", "price": "12.80", "categories": ["dairy"],
                       "guardrail": {"cost": "10.00", "minimumMargin": 1000}},
                      {"sku": "CAKE", "price": "18.00", "categories": ["bakery"]}],
             "promotions": {"version": "p1", "items": [PROMOTIONS]}}
            """;

    private static InvalidJsonException failure(String promotions) {
        return assertThrows(InvalidJsonException.class,
                () -> PricingConfig.fromJson(BASE.replace("PROMOTIONS", promotions)));
    }

    @Test
    void refusesContentAfterTheDocument() {
        InvalidJsonException e = assertThrows(InvalidJsonException.class,
                () -> PricingConfig.fromJson(BASE.replace("PROMOTIONS", "") + " }{ x"));
        assertEquals("$", e.jsonPath());
        assertTrue(e.problem().contains("after the end of the document"), e.problem());
    }

    @Test
    void readsRulesAndPromotions() throws Exception {
        PricingConfig config = PricingConfig.fromJson(BASE.replace("PROMOTIONS", """
                {"id": "p", "name": "满200减50", "priority": 10, "group": "g", "stackable": false, "base": "ORIGINAL",
                 "eligibility": {"channels": ["app"], "categories": ["dairy"], "minimumQuantity": 2},
                 "coupon": {"code": "C1", "maxUses": 1}, "budget": "1000.00",
                 "offer": {"type": "threshold", "tiers": [{"spend": "200.00", "off": "50.00"}]}}"""));
        assertEquals("v1", config.rules().version());
        assertEquals(1, config.promotions().promotions().size());
        Promotion p = config.promotions().promotions().get(0);
        assertEquals(DiscountBase.ORIGINAL, p.base());
        assertTrue(p.coupon().isPresent() && p.budget().isPresent() && !p.stackable());
        assertEquals("11.00", config.rules().guardrail(io.github.omniretail.core.Sku.of("MILK-1L")).effectiveFloor()
                .orElseThrow().amountString());
    }

    @Test
    void readsADepositOfferAndNamesItsProblems() throws Exception {
        PricingConfig config = PricingConfig.fromJson(BASE.replace("PROMOTIONS", """
                {"id": "presale", "name": "定金20抵40", "priority": 10, "eligibility": {"skus": ["CAKE"]},
                 "offer": {"type": "deposit", "deposit": "20.00", "worth": "40.00",
                           "balanceDueBy": "2026-11-11T16:00:00Z"}}"""));
        Offer.Deposit d = (Offer.Deposit) config.promotions().promotions().get(0).offer();
        assertEquals(new Offer.Deposit(io.github.omniretail.core.Money.parse("20.00", java.util.Currency.getInstance(
                "CNY")), io.github.omniretail.core.Money.parse("40.00", java.util.Currency.getInstance("CNY")),
                Instant.parse("2026-11-11T16:00:00Z")), d);
        assertTrue(RuleSetChecker.check(config.rules(), config.rawPromotions(), Instant.parse("2026-11-11T16:00:00Z"))
                .stream().anyMatch(f -> f.kind() == RuleSetChecker.Kind.UNREACHABLE && f.message().contains(
                        "balance was due by")), "the checker reports a pre-sale whose balance date has passed");
        assertTrue(RuleSetChecker.check(config.rules(), config.rawPromotions(), Instant.parse("2026-11-01T00:00:00Z"))
                .isEmpty());
        InvalidJsonException backwards = failure("""
                {"id": "p", "priority": 1, "offer": {"type": "deposit", "deposit": "40.00", "worth": "20.00",
                 "balanceDueBy": "2026-11-11T16:00:00Z"}}""");
        assertEquals("$.promotions.items[0].offer", backwards.jsonPath());
        assertTrue(backwards.problem().contains("count as more than itself"), backwards.problem());
        assertEquals("$.promotions.items[0].offer.balanceDueBy", failure("""
                {"id": "p", "priority": 1, "offer": {"type": "deposit", "deposit": "20.00", "worth": "40.00",
                 "balanceDueBy": "11.11"}}""").jsonPath());
    }

    @Test
    void problemsNameTheirJsonPath() {
        assertEquals("$.promotions.items[0].offer.tiers", failure("""
                {"id": "p", "priority": 1, "offer": {"type": "threshold"}}""").jsonPath());
        assertEquals("$.promotions.items[0].offer.tiers[0]", failure("""
                {"id": "p", "priority": 1, "offer": {"type": "threshold", "tiers": [{"spend": "10.00", "off": "20.00"}]}}""")
                .jsonPath());
        assertEquals("$.promotions.items[0].offer.type", failure("""
                {"id": "p", "priority": 1, "offer": {"type": "magic"}}""").jsonPath());
        assertEquals("$.promotions.items[0].colour", failure("""
                {"id": "p", "priority": 1, "colour": "red", "offer": {"type": "percentOff", "discount": 100}}""")
                .jsonPath());
        InvalidJsonException duplicate = failure("""
                {"id": "a", "priority": 1, "offer": {"type": "percentOff", "discount": 100}},
                {"id": "b", "priority": 1, "offer": {"type": "percentOff", "discount": 200}}""");
        assertEquals("$.promotions.items", duplicate.jsonPath());
        assertTrue(duplicate.problem().contains("share priority 1"), duplicate.problem());
        InvalidJsonException negative = assertThrows(InvalidJsonException.class, () -> PricingConfig.fromJson(
                "{\"version\": \"v\", \"currency\": \"CNY\", \"skus\": [{\"sku\": \"A\", \"price\": \"-1.00\"}]}"));
        assertEquals("$.skus[0]", negative.jsonPath());
        assertTrue(negative.problem().contains("must not be negative"), negative.problem());
        InvalidJsonException money = assertThrows(InvalidJsonException.class, () -> PricingConfig.fromJson(
                "{\"version\": \"v\", \"currency\": \"CNY\", \"skus\": [{\"sku\": \"A\", \"price\": 12.8}]}"));
        assertEquals("$.skus[0].price", money.jsonPath());
    }

    @Test
    void checkerReportsDuplicatesUnreachableRulesAndFloorBreakers() throws Exception {
        PricingConfig config = PricingConfig.fromJson(BASE.replace("PROMOTIONS", """
                {"id": "all-30", "priority": 5, "stackable": false, "offer": {"type": "percentOff", "discount": 3000}},
                {"id": "ghost", "priority": 10, "eligibility": {"skus": ["NOPE"]},
                 "offer": {"type": "percentOff", "discount": 100}},
                {"id": "free-cake", "priority": 20, "eligibility": {"skus": ["CAKE"]},
                 "offer": {"type": "amountOff", "perUnit": "20.00"}}"""));
        List<RuleSetChecker.Finding> findings = RuleSetChecker.check(config.rules(), config.rawPromotions(),
                Instant.parse("2026-11-22T00:00:00Z"));
        assertTrue(findings.contains(new RuleSetChecker.Finding(RuleSetChecker.Kind.UNREACHABLE, "ghost",
                "targets only unknown SKUs [NOPE] and categories []")), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.promotionId().equals("free-cake")
                && f.kind() == RuleSetChecker.Kind.UNREACHABLE && f.message().startsWith("all-30")));
        assertTrue(findings.stream().anyMatch(f -> f.promotionId().equals("free-cake")
                && f.kind() == RuleSetChecker.Kind.FREE_LINE), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.promotionId().equals("all-30")
                && f.kind() == RuleSetChecker.Kind.BELOW_FLOOR && f.message().contains("MILK-1L")), findings.toString());
        List<Promotion> twins = List.of(config.rawPromotions().get(1), config.rawPromotions().get(1)
                .eligibility(Eligibility.everyone().skus(io.github.omniretail.core.Sku.of("MILK-1L"))));
        assertTrue(RuleSetChecker.check(config.rules(), List.of(twins.get(0), new Promotion("other", "o", 10,
                java.util.Optional.empty(), true, DiscountBase.DISCOUNTED, Eligibility.everyone(),
                java.util.Optional.empty(), java.util.Optional.empty(), twins.get(0).offer())),
                Instant.EPOCH).stream().anyMatch(f -> f.kind() == RuleSetChecker.Kind.DUPLICATE_PRIORITY));
    }
}

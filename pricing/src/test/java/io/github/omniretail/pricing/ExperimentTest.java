package io.github.omniretail.pricing;

import io.github.omniretail.core.Channel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExperimentTest {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Instant NOON = Instant.parse("2026-11-22T04:00:00Z");

    private static Money yuan(String amount) {
        return Money.parse(amount, CNY);
    }

    @Test
    void assignmentIsStickyAndFollowsTheSplitAndHoldout() {
        Map<String, Integer> weights = new java.util.LinkedHashMap<>();
        weights.put("A", 3);
        weights.put("B", 1);
        Experiment experiment = new Experiment("threshold-test", "2026-11", weights, BasisPoints.of(1000));
        Map<String, Integer> counts = new HashMap<>();
        int members = 40_000;
        for (int i = 0; i < members; i++) {
            MemberId m = MemberId.of("M-" + i);
            String variant = experiment.variantOf(m);
            assertEquals(variant, experiment.variantOf(m), "sticky");
            counts.merge(variant, 1, Integer::sum);
        }
        assertEquals(0.10, counts.get(Experiment.HOLDOUT) / (double) members, 0.01);
        assertEquals(0.675, counts.get("A") / (double) members, 0.01);
        assertEquals(0.225, counts.get("B") / (double) members, 0.01);
        Experiment resalted = new Experiment("threshold-test", "2026-12", weights, BasisPoints.of(1000));
        long moved = java.util.stream.IntStream.range(0, 1000).filter(i -> !experiment.variantOf(MemberId.of("M-" + i))
                .equals(resalted.variantOf(MemberId.of("M-" + i)))).count();
        assertTrue(moved > 300, "a new salt reshuffles: " + moved);
        assertThrows(IllegalArgumentException.class, () -> Experiment.evenSplit("x", "s", "only-one"));
    }

    @Test
    void abTestOfTwoThresholdPromotionsRecordsExposuresAndConversions() {
        Sku rice = Sku.of("RICE-5KG");
        PricingRules rules = PricingRules.builder("r", CNY).sku(rice, yuan("64.00"), "grocery").build();
        Experiment test = Experiment.evenSplit("full-reduction", "2026-11-22", "200-50", "300-80");
        Promotion a = Promotion.of("p200", "满200减50", 10, Offer.Threshold.spend(yuan("200.00"), yuan("50.00")))
                .eligibility(Eligibility.everyone().inExperiment("full-reduction", "200-50"));
        Promotion b = Promotion.of("p300", "满300减80", 20, Offer.Threshold.spend(yuan("300.00"), yuan("80.00")))
                .eligibility(Eligibility.everyone().inExperiment("full-reduction", "300-80"));
        ExperimentLog log = new ExperimentLog(CNY);
        PricingEngine engine = PricingEngine.builder().clock(MutableClock.at(NOON)).rules(rules)
                .promotions(PromotionSet.of("p", CNY, List.of(a, b))).experiments(List.of(test))
                .experimentRecorder(log).build();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 4_000; i++) {
            MemberId member = MemberId.of("M-" + i);
            PricingContext context = PricingContext.of(Channel.of("app", ChannelKind.APP), ZoneId.of("Asia/Shanghai"),
                    NOON)
                    .forMember(member);
            CartQuote quote = engine.quote(Cart.of(yuan("0.00"), new Cart.Line(rice, 5)), context,
                    StackingMode.PRIORITY);
            String variant = test.variantOf(member);
            assertEquals(Map.of("full-reduction", variant), quote.experiments());
            assertEquals(variant.equals("200-50") ? yuan("270.00") : yuan("240.00"), quote.total());
            // simulated customers: the deeper 300-80 deal converts a little better
            if (random.nextDouble() < (variant.equals("300-80") ? 0.32 : 0.25)) {
                assertTrue(engine.redeem(IdempotencyKey.of("order-" + member), quote, context));
                engine.converted(quote, context, quote.total()); // paid
            }
        }
        List<ExperimentLog.VariantResult> summary = log.summary("full-reduction");
        assertEquals(2, summary.size());
        double total = summary.stream().mapToDouble(ExperimentLog.VariantResult::probabilityBest).sum();
        assertEquals(1.0, total, 1e-9);
        ExperimentLog.VariantResult deep = summary.stream().filter(r -> r.variant().equals("300-80")).findFirst()
                .orElseThrow();
        assertEquals(0.32, deep.conversionRate(), 0.04);
        assertTrue(deep.low() < deep.conversionRate() && deep.conversionRate() < deep.high());
        assertTrue(deep.probabilityBest() > 0.95, summary.toString());
        assertEquals(deep.revenue(), yuan("240.00").times(deep.conversions()));
        assertEquals(4_000, summary.stream().mapToLong(ExperimentLog.VariantResult::visitors).sum());
    }

    @Test
    void wilsonIntervalMatchesAKnownValue() {
        // 20 of 100: Wilson 95 % interval 0.1333..0.2888
        double[] ci = ExperimentLog.wilson(20, 100);
        assertEquals(0.1333, ci[0], 1e-4);
        assertEquals(0.2888, ci[1], 1e-4);
    }

    /** True purchase probabilities of the grid (a falling demand curve). */
    private static final double[] TRUE_THETA = {0.80, 0.62, 0.45, 0.30, 0.18};

    private static List<Money> grid() {
        return List.of(yuan("29.90"), yuan("34.90"), yuan("39.90"), yuan("44.90"), yuan("49.90"));
    }

    /** Runs a season; returns {revenue, units sold, period of the last sale, regret per period}. */
    private static double[] season(boolean inventoryAware, long seed, int periods, long stock) {
        ThompsonPricer pricer = ThompsonPricer.builder().prices(grid()).inventory(stock).periods(periods).seed(seed)
                .inventoryAware(inventoryAware).guardrail(Guardrail.none().withCeiling(yuan("49.90"))).build();
        SplittableRandom customers = new SplittableRandom(seed * 31 + 7);
        double optimum = fluidOptimum(pricer, (double) stock / periods);
        double revenue = 0;
        long sold = 0;
        int lastSale = 0;
        for (int t = 0; t < periods; t++) {
            int k = pricer.choose();
            boolean bought = k >= 0 && customers.nextDouble() < TRUE_THETA[k];
            pricer.observe(k, bought);
            if (bought) {
                revenue += pricer.prices().get(k).minorUnits();
                sold++;
                lastSale = t;
            }
        }
        return new double[] {revenue, sold, lastSale, (optimum * periods - revenue) / periods};
    }

    /** The best revenue per period knowing the true purchase probabilities (the LP's value). */
    private static double fluidOptimum(ThompsonPricer pricer, double capacity) {
        double[] x = pricer.solve(TRUE_THETA, capacity);
        double value = 0;
        for (int k = 0; k < x.length; k++) {
            value += x[k] * pricer.prices().get(k).minorUnits() * TRUE_THETA[k];
        }
        return value;
    }

    @Test
    void inventoryAwareThompsonSamplingLearnsAndRespectsStock() {
        double awareRevenue = 0;
        double plainRevenue = 0;
        double shortRegret = 0;
        double longRegret = 0;
        for (long seed = 1; seed <= 6; seed++) {
            // stock for 0.25 sales a period: binding, the best static policy mixes 44.90 and 49.90
            double[] aware = season(true, seed, 4_000, 1_000);
            double[] plain = season(false, seed, 4_000, 1_000);
            assertTrue(aware[1] <= 1_000 && plain[1] <= 1_000, "never sells more than the stock");
            awareRevenue += aware[0];
            plainRevenue += plain[0];
            assertTrue(plain[2] < 0.9 * 4_000, "plain Thompson sampling sells out early: last sale at " + plain[2]);
            shortRegret += season(true, seed, 400, 100)[3];
            longRegret += season(true, seed, 16_000, 4_000)[3];
        }
        assertTrue(awareRevenue > plainRevenue, "inventory-aware " + awareRevenue + " vs plain " + plainRevenue);
        assertTrue(longRegret < 0.5 * shortRegret, "regret per period shrinks with the season's length: "
                + shortRegret / 6 + " over 400 periods, " + longRegret / 6 + " over 16,000");
    }

    @Test
    void guardrailsTrimTheGrid() {
        ThompsonPricer pricer = ThompsonPricer.builder().prices(grid()).inventory(10).periods(10).seed(1)
                .guardrail(Guardrail.costPlus(yuan("30.00"), BasisPoints.of(1000))).build();
        assertEquals(List.of(yuan("34.90"), yuan("39.90"), yuan("44.90"), yuan("49.90")), pricer.prices());
        assertThrows(IllegalStateException.class, () -> ThompsonPricer.builder().prices(grid()).inventory(1)
                .periods(1).seed(1).guardrail(Guardrail.none().withCeiling(yuan("9.90"))).build());
        assertThrows(IllegalArgumentException.class, () -> pricer.observe(ThompsonPricer.NO_OFFER, true));
        assertNotEquals(ThompsonPricer.NO_OFFER, pricer.choose());
    }
}

package io.github.omniretail.loyalty.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.CurrencyMismatchException;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.json.InvalidJsonException;
import io.github.omniretail.core.MutableClock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RfmTest {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate END = LocalDate.of(2026, 11, 22);
    private static final MemberId ANNA = MemberId.of("anna");
    private static final MemberId BO = MemberId.of("bo");

    private static Money yuan(String amount) {
        return Money.parse(amount, CNY);
    }

    private static PurchaseHistory sample() {
        PurchaseHistory history = PurchaseHistory.create(CNY, SHANGHAI);
        history.add(ANNA, LocalDate.of(2026, 11, 1), yuan("100.00"));
        history.add(ANNA, LocalDate.of(2026, 11, 1), yuan("20.00")); // same day: one purchase day, two orders
        history.add(ANNA, LocalDateTime.of(2026, 11, 8, 23, 30), yuan("50.00"));
        history.add(ANNA, LocalDate.of(2026, 11, 20), yuan("31.00"));
        history.add(ANNA, LocalDate.of(2026, 11, 25), yuan("999.00")); // after the end date: ignored
        history.add(BO, LocalDate.of(2026, 10, 1), yuan("10.00"));
        return history;
    }

    @Test
    void summaryFollowsTheDefinition() {
        CustomerBase base = sample().summarize(SummaryDefinition.asOf(END));
        CustomerSummary anna = base.find(ANNA).orElseThrow();
        assertEquals(LocalDate.of(2026, 11, 1), anna.firstPurchase());
        assertEquals(LocalDate.of(2026, 11, 20), anna.lastPurchase());
        assertEquals(2, anna.recencyDays());
        assertEquals(3, anna.purchaseDays());
        assertEquals(4, anna.orders());
        assertEquals(3, anna.frequency(), "purchase days by default");
        assertEquals(yuan("201.00"), anna.monetary(), "total by default");
        assertEquals(2, anna.repeatPurchases());
        assertEquals(19 / 7.0, anna.timeOfLastPurchase(), 1e-12);
        assertEquals(21 / 7.0, anna.age(), 1e-12);
        assertEquals((50 + 31) / 2.0, anna.repeatAverageSpend(), 1e-12, "first day's 120 excluded");
        assertEquals(21, anna.tenureDays(END));

        CustomerSummary byOrders = sample().summarize(SummaryDefinition.asOf(END)
                .withFrequency(FrequencyMeasure.ORDERS).withMonetary(MonetaryMeasure.MEAN)).find(ANNA).orElseThrow();
        assertEquals(4, byOrders.frequency());
        assertEquals(yuan("50.25"), byOrders.monetary());
        CustomerSummary meanPerDay = sample().summarize(SummaryDefinition.asOf(END)
                .withMonetary(MonetaryMeasure.MEAN)).find(ANNA).orElseThrow();
        assertEquals(yuan("67.00"), meanPerDay.monetary());
        CustomerSummary inDays = sample().summarize(SummaryDefinition.asOf(END).withUnit(ModelTimeUnit.DAYS))
                .find(ANNA).orElseThrow();
        assertEquals(19, inDays.timeOfLastPurchase());
        assertEquals(0, base.find(BO).orElseThrow().repeatAverageSpend());
        assertTrue(sample().summarize(SummaryDefinition.asOf(LocalDate.of(2026, 9, 1))).size() == 0);
        assertEquals(java.util.Optional.of(LocalDate.of(2026, 11, 25)), sample().lastPurchaseDay());
        assertTrue(PurchaseHistory.create(CNY, SHANGHAI).lastPurchaseDay().isEmpty());
    }

    @Test
    void purchasesAreGroupedByCalendarDayInTheHistorysZone() {
        PurchaseHistory history = PurchaseHistory.create(CNY, SHANGHAI);
        // 23:30 and 00:30 UTC the next day are both 8 November in Shanghai (UTC+8)
        history.add(ANNA, java.time.Instant.parse("2026-11-07T16:30:00Z"), yuan("1.00"));
        history.add(ANNA, java.time.Instant.parse("2026-11-08T15:30:00Z"), yuan("1.00"));
        history.add(ANNA, java.time.Instant.parse("2026-11-08T16:30:00Z"), yuan("1.00"));
        CustomerSummary s = history.summarize(SummaryDefinition.asOf(END)).find(ANNA).orElseThrow();
        assertEquals(2, s.purchaseDays());
        assertEquals(3, s.orders());
    }

    @Test
    void badPurchasesAreRejectedAndNothingIsRecorded() {
        PurchaseHistory history = PurchaseHistory.create(CNY, SHANGHAI);
        CurrencyMismatchException e = assertThrows(CurrencyMismatchException.class,
                () -> history.add(ANNA, END, Money.parse("1.00", Currency.getInstance("USD"))));
        assertEquals(CNY, e.expected());
        assertThrows(IllegalArgumentException.class, () -> history.add(ANNA, END, yuan("-1.00")));
        assertEquals(0, history.size());
        assertEquals(0, history.customers());
    }

    @Test
    void holdoutCountsPurchaseDaysAfterTheCalibrationEnd() {
        CalibrationSplit split = sample().split(SummaryDefinition.asOf(LocalDate.of(2026, 11, 10)), END.plusDays(10));
        CustomerBase calibration = split.calibration();
        int anna = calibration.indexOf(ANNA);
        assertEquals(2, calibration.summary(anna).purchaseDays());
        assertEquals(2, split.holdoutPurchases(anna), "20 and 25 November");
        assertEquals(yuan("1030.00"), split.holdoutSpend(anna));
        assertEquals(0, split.holdoutPurchases(calibration.indexOf(BO)));
        assertEquals(22 / 7.0, split.holdoutLength(), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> sample().split(SummaryDefinition.asOf(END), END));
    }

    @Test
    void fixedScalesScoreByTheirThresholds() {
        RfmModel model = RfmModel.fixed(ScoreScale.descending(365, 180, 90, 30), ScoreScale.ascending(2, 3, 5, 8),
                ScoreScale.ascending(10_000, 50_000, 100_000, 500_000));
        assertEquals(new RfmScore(5, 1, 1), model.score(30, 1, 0));
        assertEquals(new RfmScore(4, 2, 2), model.score(31, 2, 10_000));
        assertEquals(new RfmScore(1, 5, 5), model.score(366, 8, 500_000));
        assertEquals("511", model.score(0, 0, 0).code());
        assertThrows(IllegalArgumentException.class, () -> ScoreScale.ascending(3, 2));
        assertThrows(IllegalArgumentException.class, () -> ScoreScale.descending(30, 90));
        assertThrows(IllegalArgumentException.class, () -> RfmModel.fixed(ScoreScale.ascending(1, 2),
                ScoreScale.ascending(1, 2), ScoreScale.ascending(1, 2)));
        assertThrows(IllegalArgumentException.class, () -> RfmModel.fixed(ScoreScale.descending(2, 1),
                ScoreScale.ascending(1, 2, 3), ScoreScale.ascending(1, 2)));
        assertEquals(model, model.refit(sample().summarize(SummaryDefinition.asOf(END))));
    }

    @Test
    void heavyTiesLeaveScoresEmptyRatherThanSplittingEqualCustomers() {
        // 6 of 10 customers bought once: all get F 1; the next value lands where its first member falls
        long[] frequency = {1, 1, 1, 1, 1, 1, 2, 2, 3, 7};
        ScoreScale scale = ScoreScale.quantiles(frequency, 5, true);
        assertEquals(1, scale.score(1));
        assertEquals(4, scale.score(2));
        assertEquals(5, scale.score(3));
        assertEquals(5, scale.score(7));
        long[] same = {4, 4, 4};
        assertEquals(1, ScoreScale.quantiles(same, 5, true).score(4));
        assertEquals(Long.MAX_VALUE, ScoreScale.quantiles(same, 5, true).threshold(1));
    }

    @Test
    void trackerScoresLiveAndRejectsFutureOrForeignPurchases() {
        CustomerBase base = sample().summarize(SummaryDefinition.asOf(END));
        MutableClock clock = MutableClock.at(END.atStartOfDay(SHANGHAI).toInstant(), SHANGHAI);
        RfmTracker tracker = RfmTracker.builder().clock(clock).currency(CNY).model(RfmModel.quantiles(base, 5))
                .build();
        RfmScore first = tracker.record(BO, END.minusDays(60), yuan("10.00"));
        RfmScore after = tracker.record(BO, END, yuan("500.00"));
        assertTrue(after.r() > first.r() && after.m() >= first.m(), first + " -> " + after);
        assertThrows(IllegalArgumentException.class, () -> tracker.record(BO, END.plusDays(1), yuan("1.00")));
        assertThrows(CurrencyMismatchException.class,
                () -> tracker.record(BO, END, Money.parse("1.00", Currency.getInstance("USD"))));
        assertEquals(after, tracker.score(BO).orElseThrow());
        clock.advance(java.time.Duration.ofDays(400));
        assertEquals(1, tracker.score(BO).orElseThrow().r(), "recency moves with the clock");
        assertTrue(tracker.score(ANNA).isEmpty());
        assertThrows(IllegalStateException.class, () -> RfmTracker.builder().clock(clock).clock(clock));
        assertThrows(IllegalStateException.class, () -> RfmTracker.builder().clock(clock).build());
    }

    @Test
    void presetsCoverTheirCellsAsDesigned() {
        SegmentCoverage rfm10 = SegmentTable.rfm10().coverage();
        assertTrue(rfm10.exact(), rfm10.toString());
        SegmentCoverage cn8 = SegmentTable.cn8().coverage();
        assertTrue(cn8.exact(), cn8.toString());
        SegmentCoverage retail4 = SegmentTable.retail4(30, 0.3).coverage();
        assertTrue(retail4.complete(), retail4.toString());
        assertTrue(retail4.uncovered().isEmpty());
        assertEquals(List.of("New", "Dormant", "High value", "Potential"), SegmentTable.retail4(30, 0.3).segments());
        // every one of the 25 R×F cells maps to exactly one of the ten segments
        SegmentTable table = SegmentTable.rfm10();
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                int matches = 0;
                for (SegmentRule rule : table.rules()) {
                    if (rule.covers(r, f, 3)) {
                        matches++;
                    }
                }
                assertEquals(1, matches, "R" + r + " F" + f);
            }
        }
        assertEquals("Champions", table.classify(new RfmScore(5, 4, 1), 100, Double.NaN).orElseThrow().segment());
        assertEquals("Can't Lose Them", table.classify(new RfmScore(2, 5, 5), 100, Double.NaN).orElseThrow()
                .segment());
        assertEquals("重要挽留客户", SegmentTable.cn8().classify(new RfmScore(1, 1, 2), 100, Double.NaN)
                .orElseThrow().label());
    }

    @Test
    void retail4UsesTenureAndPAliveWhenKnown() {
        SegmentTable table = SegmentTable.retail4(30, 0.3);
        assertEquals("New", table.classify(new RfmScore(5, 5, 5), 10, 0.1).orElseThrow().segment());
        assertEquals("Dormant", table.classify(new RfmScore(5, 5, 5), 100, 0.1).orElseThrow().segment());
        assertEquals("High value", table.classify(new RfmScore(5, 5, 5), 100, Double.NaN).orElseThrow().segment());
        assertEquals("Dormant", table.classify(new RfmScore(2, 5, 5), 100, Double.NaN).orElseThrow().segment());
        assertEquals("Potential", table.classify(new RfmScore(4, 3, 5), 100, 0.9).orElseThrow().segment());
    }

    @Test
    void coverageFindsGapsShadowsAndOverlaps() {
        SegmentTable table = SegmentTable.of("gappy", 2, List.of(
                SegmentRule.of("Top", "Top").r(2, 2),
                SegmentRule.of("Also top", "Also top").r(2, 2).f(2, 2),
                SegmentRule.of("Low", "Low").r(1, 1).f(1, 1)));
        SegmentCoverage coverage = table.coverage();
        assertEquals(List.of(new RfmScore(1, 2, 1), new RfmScore(1, 2, 2)), coverage.uncovered());
        assertTrue(table.classify(new RfmScore(1, 2, 1), 100, Double.NaN).isEmpty(), "an uncovered cell: empty");
        assertEquals("Also top", coverage.shadowed().get(0).segment());
        assertEquals(List.of(new RfmScore(2, 2, 1), new RfmScore(2, 2, 2)), coverage.overlapping());
        assertTrue(!coverage.complete());
    }

    @Test
    void segmentTablesRoundTripThroughJsonAndBadJsonNamesThePath() throws Exception {
        for (SegmentTable table : List.of(SegmentTable.rfm10(), SegmentTable.cn8(), SegmentTable.retail4(30, 0.3))) {
            SegmentTable back = SegmentTable.fromJson(table.toJson());
            assertEquals(table.rules(), back.rules());
            assertEquals(table.scores(), back.scores());
        }
        String json = "{\"name\":\"t\",\"scores\":5,\"rules\":[{\"segment\":\"A\",\"r\":[4,5]},"
                + "{\"segment\":\"B\",\"f\":[6,7]}]}";
        InvalidJsonException e = assertThrows(InvalidJsonException.class, () -> SegmentTable.fromJson(json));
        assertEquals("$.rules[1].f", e.jsonPath());
        InvalidJsonException unknown = assertThrows(InvalidJsonException.class, () -> SegmentTable.fromJson(
                "{\"name\":\"t\",\"scores\":5,\"rules\":[{\"segment\":\"A\",\"colour\":1}]}"));
        assertEquals("$.rules[0].colour", unknown.jsonPath());
        InvalidJsonException malformed = assertThrows(InvalidJsonException.class, () -> SegmentTable.fromJson("{"));
        assertEquals("$", malformed.jsonPath());
        InvalidJsonException trailing = assertThrows(InvalidJsonException.class,
                () -> SegmentTable.fromJson(SegmentTable.rfm10().toJson() + "{}"));
        assertEquals("$", trailing.jsonPath());
        assertTrue(trailing.problem().contains("after the end of the document"), trailing.problem());
        InvalidJsonException pAlive = assertThrows(InvalidJsonException.class, () -> SegmentTable.fromJson(
                "{\"name\":\"t\",\"scores\":5,\"rules\":[{\"segment\":\"A\",\"maxPAlive\":1.5}]}"));
        assertEquals("$.rules[0].maxPAlive", pAlive.jsonPath());
    }

    @Test
    void classifyAllSegmentsABase() {
        CustomerBase base = sample().summarize(SummaryDefinition.asOf(END));
        RfmScores scores = RfmModel.quantiles(base, 5).scoreAll(base);
        Segmentation segmentation = SegmentTable.rfm10().classifyAll(scores, null);
        Map<String, Integer> sizes = segmentation.sizes();
        assertEquals(10, sizes.size());
        assertEquals(2, sizes.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(0, segmentation.unassigned());
        // of two customers, the better one beats half the base: 1 + floor(5 · 1/2) = 3 on R and F
        assertEquals(new RfmScore(3, 3, 3), scores.score(base.indexOf(ANNA)));
        assertEquals("Need Attention", segmentation.segment(base.indexOf(ANNA)));
        assertEquals("Hibernating", segmentation.segment(base.indexOf(BO)));
        assertThrows(IllegalArgumentException.class, () -> SegmentTable.cn8().classifyAll(scores, null));
        assertThrows(IllegalArgumentException.class, () -> SegmentTable.rfm10().classifyAll(scores, new double[1]));
    }
}

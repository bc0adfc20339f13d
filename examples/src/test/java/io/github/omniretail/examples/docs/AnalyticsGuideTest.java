package io.github.omniretail.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.loyalty.analytics.BgNbdModel;
import io.github.omniretail.loyalty.analytics.CustomerBase;
import io.github.omniretail.loyalty.analytics.CustomerSummary;
import io.github.omniretail.loyalty.analytics.GammaGammaModel;
import io.github.omniretail.loyalty.analytics.LifetimeValue;
import io.github.omniretail.loyalty.analytics.ModelData;
import io.github.omniretail.loyalty.analytics.ModelTimeUnit;
import io.github.omniretail.loyalty.analytics.PurchaseHistory;
import io.github.omniretail.loyalty.analytics.RfmModel;
import io.github.omniretail.loyalty.analytics.RfmScore;
import io.github.omniretail.loyalty.analytics.RfmScores;
import io.github.omniretail.loyalty.analytics.RfmTracker;
import io.github.omniretail.loyalty.analytics.SegmentCoverage;
import io.github.omniretail.loyalty.analytics.SegmentTable;
import io.github.omniretail.loyalty.analytics.Segmentation;
import io.github.omniretail.loyalty.analytics.SummaryDefinition;
import io.github.omniretail.core.MutableClock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The code shown in docs/analytics.md, compiled and run. */
class AnalyticsGuideTest {

    private static final Currency CNY = Currency.getInstance("CNY");

    /** 2,000 members buying at varied rates and baskets over 2026, leaving at varied chances; seeded. */
    private static PurchaseHistory members() {
        PurchaseHistory history = PurchaseHistory.create(CNY, ZoneId.of("Asia/Shanghai"));
        Random random = new Random(7);
        LocalDate start = LocalDate.of(2026, 1, 1);
        for (int i = 0; i < 2_000; i++) {
            MemberId member = MemberId.of("M-" + i);
            double rate = (1 + i % 9) / 60.0;
            double leave = (1 + i % 7) / 20.0;
            long basket = 1_500L * (1 + i % 11); // members differ in how much they spend per visit
            int day = random.nextInt(150);
            history.add(member, start.plusDays(day), Money.ofMinor(basket / 2 + (long) (basket * random.nextDouble()), CNY));
            while (true) {
                day += 1 + (int) (-Math.log(1 - random.nextDouble()) / rate);
                if (day > 325) {
                    break;
                }
                history.add(member, start.plusDays(day), Money.ofMinor(basket / 2 + (long) (basket * random.nextDouble()), CNY));
                if (random.nextDouble() < leave) {
                    break;
                }
            }
        }
        return history;
    }

    @Test
    void rfmAndSegments() {
        PurchaseHistory history = members();
        // snippet: analytics-rfm
        // history: a PurchaseHistory filled with history.add(member, dayOrInstant, amount)
        CustomerBase base = history.summarize(SummaryDefinition.asOf(LocalDate.of(2026, 11, 22)));
        RfmModel rfm = RfmModel.quantiles(base, 5);           // recency reversed: 5 = most recent
        RfmScores scores = rfm.scoreAll(base);
        Segmentation segments = SegmentTable.rfm10().classifyAll(scores, null);
        Map<String, Integer> sizes = segments.sizes();        // {Champions=…, Loyal=…, …, Hibernating=…}
        CustomerSummary first = base.summary(0);               // recency, frequency, monetary, x, t_x, T …
        RfmScore score = scores.score(0);                      // e.g. RfmScore[r=4, f=5, m=3], code() "453"
        // end-snippet
        assertEquals(base.size(), sizes.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(rfm.score(first), score);
        assertEquals(0, segments.unassigned());
    }

    @Test
    void liveScores() {
        PurchaseHistory history = members();
        CustomerBase base = history.summarize(SummaryDefinition.asOf(LocalDate.of(2026, 11, 22)));
        MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T04:00:00Z"), ZoneId.of("Asia/Shanghai"));
        // snippet: analytics-tracker
        RfmTracker tracker = RfmTracker.builder()
                .clock(clock)                                  // "today" for recency
                .currency(CNY)
                .model(RfmModel.quantiles(base, 5))            // scales fitted to last night's batch
                .build();
        RfmScore now = tracker.record(MemberId.of("M-42"), LocalDate.of(2026, 11, 22), Money.parse("88.00", CNY));
        RfmModel refitted = tracker.refit();                   // nightly: new scales over every tracked member
        // end-snippet
        assertEquals(5, now.r());
        assertEquals(5, refitted.scores());
    }

    @Test
    void lifetimeValue() {
        CustomerBase base = members().summarize(SummaryDefinition.asOf(LocalDate.of(2026, 11, 22)));
        // snippet: analytics-models
        ModelData data = base.modelData();                     // x, t_x, T in weeks; mean repeat spend
        BgNbdModel purchases = BgNbdModel.fit(data);
        GammaGammaModel spend = GammaGammaModel.fit(data);
        LifetimeValue clv = LifetimeValue.of(purchases, spend, ModelTimeUnit.WEEKS, 0.01); // 1 % a month
        CustomerSummary c = base.summary(0);
        double alive = purchases.probabilityAlive(c.repeatPurchases(), c.timeOfLastPurchase(), c.age());
        double next52 = purchases.expectedPurchases(52, c.repeatPurchases(), c.timeOfLastPurchase(), c.age());
        double value = clv.clv(52, c.repeatPurchases(), c.timeOfLastPurchase(), c.age(), c.repeatAverageSpend());
        // end-snippet
        assertTrue(alive > 0 && alive <= 1);
        assertTrue(next52 > 0 && value > 0);
    }

    @Test
    void segmentTablesAsData() throws Exception {
        // snippet: analytics-segment-json
        SegmentTable table = SegmentTable.fromJson("""
                {"name": "stores", "scores": 5, "rules": [
                  {"segment": "VIP", "label": "贵宾", "r": [4, 5], "f": [4, 5], "m": 5},
                  {"segment": "New", "label": "新客", "maxTenureDays": 30},
                  {"segment": "Win back", "label": "召回", "r": [1, 2], "maxPAlive": 0.3},
                  {"segment": "Everyone else", "label": "其他"}]}
                """);
        SegmentCoverage coverage = table.coverage();   // uncovered cells, shadowed rules, overlaps
        // end-snippet
        assertTrue(coverage.complete());
        assertEquals(4, table.rules().size());
    }
}

package io.github.omniretail.loyalty.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.MutableClock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class RfmProperties {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final LocalDate END = LocalDate.of(2026, 11, 22);

    record Purchase(int customer, int daysBeforeEnd, long amount) {
    }

    @Provide
    Arbitrary<List<Purchase>> purchases() {
        // few distinct values on purpose: heavy ties
        Arbitrary<Purchase> one = Combinators.combine(Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(0, 60), Arbitraries.longs().between(0, 30).map(v -> v * 500))
                .as(Purchase::new);
        return one.list().ofMinSize(1).ofMaxSize(300);
    }

    private static PurchaseHistory history(List<Purchase> purchases) {
        PurchaseHistory history = PurchaseHistory.create(CNY, ZoneOffset.UTC);
        for (Purchase p : purchases) {
            history.add(MemberId.of("c" + p.customer()), END.minusDays(p.daysBeforeEnd()), Money.ofMinor(p.amount(), CNY));
        }
        return history;
    }

    /** Reference model: score = 1 + floor(n · (number of strictly worse values) / N). */
    private static int referenceScore(long value, long[] all, int n, boolean higherIsBetter) {
        long worse = 0;
        for (long v : all) {
            if (higherIsBetter ? v < value : v > value) {
                worse++;
            }
        }
        return 1 + (int) (n * worse / all.length);
    }

    @Property
    void quantileScoresFollowTheDocumentedRule(@ForAll("purchases") List<Purchase> purchases,
            @ForAll @IntRange(min = 2, max = 9) int n) {
        CustomerBase base = history(purchases).summarize(SummaryDefinition.asOf(END));
        RfmModel model = RfmModel.quantiles(base, n);
        RfmScores scores = model.scoreAll(base);
        long[] r = new long[base.size()];
        long[] f = new long[base.size()];
        long[] m = new long[base.size()];
        for (int i = 0; i < base.size(); i++) {
            CustomerSummary s = base.summary(i);
            r[i] = s.recencyDays();
            f[i] = s.frequency();
            m[i] = s.monetary().minorUnits();
        }
        for (int i = 0; i < base.size(); i++) {
            assertEquals(referenceScore(r[i], r, n, false), scores.r(i), "R of " + base.customer(i));
            assertEquals(referenceScore(f[i], f, n, true), scores.f(i), "F of " + base.customer(i));
            assertEquals(referenceScore(m[i], m, n, true), scores.m(i), "M of " + base.customer(i));
            for (int score : new int[] {scores.r(i), scores.f(i), scores.m(i)}) {
                assertTrue(score >= 1 && score <= n);
            }
            assertEquals(scores.score(i), model.score(base.summary(i)));
        }
    }

    @Property
    void scoresDoNotDependOnInputOrderAndTiesScoreAlike(@ForAll("purchases") List<Purchase> purchases,
            @ForAll long seed) {
        CustomerBase base = history(purchases).summarize(SummaryDefinition.asOf(END));
        List<Purchase> shuffled = new ArrayList<>(purchases);
        Collections.shuffle(shuffled, new Random(seed));
        CustomerBase other = history(shuffled).summarize(SummaryDefinition.asOf(END));
        RfmModel model = RfmModel.quantiles(base, 5);
        assertEquals(model, RfmModel.quantiles(other, 5));
        RfmScores a = model.scoreAll(base);
        for (int i = 0; i < base.size(); i++) {
            int j = other.indexOf(base.customer(i));
            assertEquals(base.summary(i), other.summary(j));
            assertEquals(a.score(i), model.score(other.summary(j)));
            for (int k = 0; k < base.size(); k++) {
                if (base.summary(k).frequency() == base.summary(i).frequency()) {
                    assertEquals(a.f(i), a.f(k), "equal frequencies, equal scores");
                }
                if (base.summary(k).recencyDays() == base.summary(i).recencyDays()) {
                    assertEquals(a.r(i), a.r(k), "equal recencies, equal scores");
                }
            }
        }
    }

    @Property
    void incrementalUpdatesEqualBatchScoringUnderFixedScales(@ForAll("purchases") List<Purchase> purchases,
            @ForAll boolean orders, @ForAll boolean mean) {
        FrequencyMeasure frequency = orders ? FrequencyMeasure.ORDERS : FrequencyMeasure.PURCHASE_DAYS;
        MonetaryMeasure monetary = mean ? MonetaryMeasure.MEAN : MonetaryMeasure.TOTAL;
        SummaryDefinition definition = SummaryDefinition.asOf(END).withFrequency(frequency).withMonetary(monetary);
        CustomerBase batch = history(purchases).summarize(definition);
        RfmModel model = RfmModel.quantiles(batch, 5);
        RfmTracker tracker = RfmTracker.builder().clock(MutableClock.at(END.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .currency(CNY).model(model).frequency(frequency).monetary(monetary).build();
        for (Purchase p : purchases) {
            tracker.record(MemberId.of("c" + p.customer()), END.minusDays(p.daysBeforeEnd()),
                    Money.ofMinor(p.amount(), CNY));
        }
        RfmScores expected = model.scoreAll(batch);
        assertEquals(batch.size(), tracker.customers());
        for (int i = 0; i < batch.size(); i++) {
            assertEquals(expected.score(i), tracker.score(batch.customer(i)).orElseThrow());
        }
        assertEquals(model, tracker.refit(), "re-fitting over the same customers gives the batch scales");
    }

    @Property
    void aboveMeanScalesSplitAtTheMean(@ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 50) Integer> values) {
        long[] data = values.stream().mapToLong(Integer::longValue).toArray();
        double avg = values.stream().mapToInt(Integer::intValue).average().orElseThrow();
        ScoreScale up = ScoreScale.aboveMean(data, true);
        ScoreScale down = ScoreScale.aboveMean(data, false);
        for (long v : data) {
            assertEquals(v > avg ? 2 : 1, up.score(v));
            assertEquals(v < avg ? 2 : 1, down.score(v));
        }
    }
}

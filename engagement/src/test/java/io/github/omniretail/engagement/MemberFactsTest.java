package io.github.omniretail.engagement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.loyalty.MarketingChannel;
import io.github.omniretail.loyalty.analytics.CustomerBase;
import io.github.omniretail.loyalty.analytics.PurchaseHistory;
import io.github.omniretail.loyalty.analytics.RfmModel;
import io.github.omniretail.loyalty.analytics.RfmScores;
import io.github.omniretail.loyalty.analytics.SegmentTable;
import io.github.omniretail.loyalty.analytics.Segmentation;
import io.github.omniretail.loyalty.analytics.SummaryDefinition;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Member facts straight from the nightly scoring, checked member by member against the scoring's own output. */
class MemberFactsTest {
    static final LocalDate END = LocalDate.of(2026, 12, 6);

    static RfmScores scored(int members) {
        PurchaseHistory history = PurchaseHistory.create(TreatmentsTest.CNY, TreatmentsTest.SHANGHAI);
        Random random = new Random(22);
        for (int i = 0; i < members; i++) {
            for (int k = 0; k <= i % 5; k++) {
                history.add(MemberId.of("M-" + i), END.minusDays(random.nextInt(400)),
                        Money.ofMinor(1_000 + random.nextInt(30_000), TreatmentsTest.CNY));
            }
        }
        CustomerBase base = history.summarize(SummaryDefinition.asOf(END));
        return RfmModel.quantiles(base, 5).scoreAll(base);
    }

    @Test
    void everyScoredMemberGetsItsSegmentTierAndRecency() {
        RfmScores scores = scored(300);
        Segmentation segmentation = SegmentTable.rfm10().classifyAll(scores, null);
        LocalDate tonight = END.plusDays(1);
        List<MemberFacts> facts = MemberFacts.fromScoring(scores, segmentation, tonight,
                m -> m.value().endsWith("7") ? Optional.of("gold") : Optional.empty(),
                m -> m.value().endsWith("0") ? Set.of("门店A常客") : Set.of());
        assertEquals(scores.size(), facts.size());
        for (int i = 0; i < facts.size(); i++) {
            MemberFacts f = facts.get(i);
            MemberId m = scores.base().customer(i);
            assertEquals(m, f.member());
            assertEquals(ChronoUnit.DAYS.between(scores.base().summary(i).lastPurchase(), tonight),
                    f.daysSincePurchase().getAsLong(), "recency of " + m);
            assertTrue(f.segments().contains(segmentation.segment(i)), "segment of " + m);
            assertEquals(m.value().endsWith("0") ? 2 : 1, f.segments().size(), "segments of " + m);
            assertEquals(m.value().endsWith("7"), f.tier().isPresent(), "tier of " + m);
        }
        // and they feed a treatment directly: everyone in the segment the treatment targets, nobody else
        String target = segmentation.segment(0);
        TreatmentsTest setting = new TreatmentsTest();
        facts.forEach(f -> setting.consents.grant(f.member(), MarketingChannel.APP_PUSH, "app:onboarding"));
        Treatments treatments = setting.engine(Treatment.builder("by-segment")
                .audience(Audience.segments(target)).action(new Action.Message("hello", TreatmentsTest.cny("0.05")))
                .reach(MarketingChannel.APP_PUSH, TreatmentsTest.cny("1000.00")).build());
        long inSegment = facts.stream().filter(f -> f.segments().contains(target)).count();
        assertTrue(inSegment > 0 && inSegment < facts.size(), "a segment, not everyone: " + inSegment);
        assertEquals(inSegment, treatments.evaluateAll(facts).stream()
                .filter(d -> d.outcome() == Decision.Outcome.GRANTED).count());
    }

    @Test
    void refusesAMismatchedSegmentationOrADayBeforeAPurchase() {
        RfmScores scores = scored(50);
        Segmentation other = SegmentTable.rfm10().classifyAll(scored(40), null);
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> MemberFacts.fromScoring(
                scores, other, END, m -> Optional.empty(), m -> Set.of()));
        assertTrue(size.getMessage().contains("40") && size.getMessage().contains("50"), size.getMessage());
        Segmentation own = SegmentTable.rfm10().classifyAll(scores, null);
        IllegalArgumentException early = assertThrows(IllegalArgumentException.class, () -> MemberFacts.fromScoring(
                scores, own, END.minusDays(500), m -> Optional.empty(), m -> Set.of()));
        assertTrue(early.getMessage().contains("before the last purchase"), early.getMessage());
    }
}

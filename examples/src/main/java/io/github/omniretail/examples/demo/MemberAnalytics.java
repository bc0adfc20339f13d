package io.github.omniretail.examples.demo;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.loyalty.analytics.BgNbdModel;
import io.github.omniretail.loyalty.analytics.CustomerBase;
import io.github.omniretail.loyalty.analytics.CustomerSummary;
import io.github.omniretail.loyalty.analytics.GammaGammaModel;
import io.github.omniretail.loyalty.analytics.LifetimeValue;
import io.github.omniretail.loyalty.analytics.ModelData;
import io.github.omniretail.loyalty.analytics.ModelFitException;
import io.github.omniretail.loyalty.analytics.ModelTimeUnit;
import io.github.omniretail.loyalty.analytics.PurchaseHistory;
import io.github.omniretail.loyalty.analytics.RfmModel;
import io.github.omniretail.loyalty.analytics.RfmScore;
import io.github.omniretail.loyalty.analytics.RfmScores;
import io.github.omniretail.loyalty.analytics.ScoreScale;
import io.github.omniretail.loyalty.analytics.SegmentRule;
import io.github.omniretail.loyalty.analytics.SegmentTable;
import io.github.omniretail.loyalty.analytics.Segmentation;
import io.github.omniretail.loyalty.analytics.SummaryDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nightly batch of member analytics over a world's purchase history (plus any later purchases): RFM scores
 * (recency in fixed windows of 14, 60, 180 and 365 days — a day's shoppers would otherwise tie into one quantile
 * block — frequency and monetary by quantiles), the ten-segment RFM table, BG/NBD P(alive) and 52-week CLV with
 * Gamma-Gamma spend at 1 % a month. Immutable; thread-safe.
 */
public final class MemberAnalytics {

    /**
     * A purchase to add to the world's history.
     *
     * @param member who
     * @param at when
     * @param amount paid; zero amounts are ignored
     */
    public record Purchase(MemberId member, Instant at, Money amount) {
    }

    /**
     * One member's scores.
     *
     * @param member the member
     * @param score RFM score
     * @param segment segment name
     * @param label the segment's Chinese label
     * @param pAlive probability the member is still active (BG/NBD)
     * @param clv52 expected value of the next 52 weeks
     */
    public record MemberScore(MemberId member, RfmScore score, String segment, String label, double pAlive,
            Money clv52) {
    }

    private final CustomerBase base;
    private final RfmScores scores;
    private final Segmentation segmentation;
    private final double[] alive;
    private final double[] clv;
    private final Map<String, String> labels = new HashMap<>();
    private final SegmentTable table = SegmentTable.rfm10();

    private MemberAnalytics(RetailWorld world, List<Purchase> later) {
        PurchaseHistory history = PurchaseHistory.create(RetailWorld.CNY, RetailWorld.ZONE);
        for (RetailWorld.Purchase p : world.history()) {
            history.add(world.members().get(p.member()).id(), p.at(), p.amount());
        }
        for (Purchase p : later) {
            if (p.amount().isPositive()) {
                history.add(p.member(), p.at(), p.amount());
            }
        }
        base = history.summarize(SummaryDefinition.asOf(RetailWorld.DAY));
        RfmModel quantiles = RfmModel.quantiles(base, 5);
        scores = RfmModel.fixed(ScoreScale.descending(365, 180, 60, 14), quantiles.frequency(), quantiles.monetary())
                .scoreAll(base);
        alive = new double[base.size()];
        clv = new double[base.size()];
        Arrays.fill(alive, 1);
        try {
            ModelData data = base.modelData();
            BgNbdModel purchases = BgNbdModel.fit(data);
            LifetimeValue value = LifetimeValue.of(purchases, GammaGammaModel.fit(data), ModelTimeUnit.WEEKS, 0.01);
            for (int i = 0; i < base.size(); i++) {
                CustomerSummary c = base.summary(i);
                alive[i] = purchases.probabilityAlive(c.repeatPurchases(), c.timeOfLastPurchase(), c.age());
                clv[i] = c.repeatPurchases() > 0 // yuan: the models work in major units
                        ? value.clv(52, c.repeatPurchases(), c.timeOfLastPurchase(), c.age(), c.repeatAverageSpend())
                        : 0;
            }
        } catch (ModelFitException e) {
            // too few repeat buyers to fit (tiny scales): P(alive) stays 1 and CLV 0
        }
        segmentation = table.classifyAll(scores, alive);
        for (SegmentRule rule : table.rules()) {
            labels.putIfAbsent(rule.segment(), rule.label());
        }
    }

    /**
     * Runs the batch.
     *
     * @param world non-null world
     * @param later purchases after the world's history; non-null
     * @return the analytics
     */
    public static MemberAnalytics of(RetailWorld world, List<Purchase> later) {
        return new MemberAnalytics(world, later);
    }

    /**
     * @param member a member
     * @return the member's scores, or empty if they have no purchases
     */
    public Optional<MemberScore> score(MemberId member) {
        int i = base.indexOf(member);
        if (i < 0) {
            return Optional.empty();
        }
        return Optional.of(new MemberScore(member, scores.score(i), segmentation.segment(i),
                labels.getOrDefault(segmentation.segment(i), ""), alive[i],
                Money.ofMinor(Math.round(clv[i] * 100), RetailWorld.CNY)));
    }

    /** @return every segment of the table in order, with its size, mean P(alive) and mean CLV per member */
    public List<DaySummary.Segment> segments() {
        Map<String, double[]> acc = new LinkedHashMap<>();
        for (String s : table.segments()) {
            acc.put(s, new double[3]);
        }
        for (int i = 0; i < base.size(); i++) {
            double[] a = acc.computeIfAbsent(segmentation.segment(i), k -> new double[3]);
            a[0]++;
            a[1] += alive[i];
            a[2] += clv[i];
        }
        List<DaySummary.Segment> out = new ArrayList<>();
        acc.forEach((name, a) -> out.add(new DaySummary.Segment(name, labels.getOrDefault(name, name), (int) a[0],
                a[0] == 0 ? 0 : a[1] / a[0],
                Money.ofMinor(a[0] == 0 ? 0 : Math.round(a[2] * 100 / a[0]), RetailWorld.CNY))));
        return out;
    }
}

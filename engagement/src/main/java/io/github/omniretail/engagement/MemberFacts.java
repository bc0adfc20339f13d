package io.github.omniretail.engagement;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.loyalty.analytics.CustomerBase;
import io.github.omniretail.loyalty.analytics.RfmScores;
import io.github.omniretail.loyalty.analytics.Segmentation;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * What treatments know of a member when they decide: the segments from the nightly scoring (an RFM segment, and
 * any custom ones), the tier and the days since the last purchase.
 *
 * @param member non-null member
 * @param segments non-null segment names the member is in
 * @param tier the tier id, or empty
 * @param daysSincePurchase whole days since the last purchase, {@code >= 0}, or empty if the member never bought
 */
public record MemberFacts(MemberId member, Set<String> segments, Optional<String> tier, OptionalLong daysSincePurchase) {

    /**
     * Validates and copies.
     *
     * @param member non-null
     * @param segments non-null
     * @param tier non-null optional
     * @param daysSincePurchase non-null optional, non-negative
     */
    public MemberFacts {
        Objects.requireNonNull(member, "member");
        segments = Set.copyOf(segments);
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(daysSincePurchase, "daysSincePurchase");
        if (daysSincePurchase.isPresent() && daysSincePurchase.getAsLong() < 0) {
            throw new IllegalArgumentException("daysSincePurchase of " + member + " must be >= 0, was "
                    + daysSincePurchase.getAsLong());
        }
    }

    /**
     * The facts of every member of the nightly scoring, for {@link Treatments#evaluateAll}: each member's segment
     * from the segmentation (none if no rule matched), any custom segments, its tier, and the whole days from its
     * last purchase to {@code asOf}.
     *
     * @param scores non-null RFM scores of a customer base
     * @param segmentation non-null segmentation of those scores ({@code SegmentTable.classifyAll(scores, …)})
     * @param asOf non-null day the recency is counted to, not before the base's last purchase
     * @param tierOf non-null tier id of a member, e.g. {@code m -> Optional.of(ledger.tier(m).id())}; called once
     *     per member
     * @param customSegments non-null further segments of a member, e.g. {@code m -> Set.of()}; called once per
     *     member
     * @return one fact per customer, in the base's order
     * @throws IllegalArgumentException if the segmentation is of another size than the scores, or {@code asOf} is
     *     before a member's last purchase
     */
    public static List<MemberFacts> fromScoring(RfmScores scores, Segmentation segmentation, LocalDate asOf,
            Function<MemberId, Optional<String>> tierOf, Function<MemberId, Set<String>> customSegments) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(segmentation, "segmentation");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(tierOf, "tierOf");
        Objects.requireNonNull(customSegments, "customSegments");
        if (segmentation.size() != scores.size()) {
            throw new IllegalArgumentException("the segmentation has " + segmentation.size()
                    + " customers but the scores " + scores.size() + ": classify these scores");
        }
        CustomerBase base = scores.base();
        List<MemberFacts> facts = new ArrayList<>(base.size());
        for (int i = 0; i < base.size(); i++) {
            MemberId member = base.customer(i);
            LocalDate last = base.summary(i).lastPurchase();
            if (asOf.isBefore(last)) {
                throw new IllegalArgumentException("asOf " + asOf + " is before the last purchase of " + member
                        + " on " + last);
            }
            Set<String> segments = new HashSet<>(customSegments.apply(member));
            if (!segmentation.segment(i).isEmpty()) {
                segments.add(segmentation.segment(i));
            }
            facts.add(new MemberFacts(member, segments, tierOf.apply(member),
                    OptionalLong.of(ChronoUnit.DAYS.between(last, asOf))));
        }
        return facts;
    }
}

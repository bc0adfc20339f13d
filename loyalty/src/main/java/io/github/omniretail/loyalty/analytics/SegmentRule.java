package io.github.omniretail.loyalty.analytics;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One row of a {@link SegmentTable}: a customer whose scores fall in all three ranges — and who meets the optional
 * conditions — belongs to {@code segment}. Immutable.
 *
 * <p>The conditions make rules that scores alone cannot express: {@code maxTenureDays} matches customers whose
 * first purchase is at most that many days before the analysis date (new customers); {@code maxPAlive} matches
 * customers whose fitted P(alive) is below it, and never matches when no model was fitted.
 *
 * @param segment the segment's name, non-blank
 * @param label a display label (e.g. Chinese), non-null; the name when none is given
 * @param r recency score range; non-null
 * @param f frequency score range; non-null
 * @param m monetary score range; non-null
 * @param maxTenureDays optional: matches only customers at most this many days since their first purchase (≥ 0)
 * @param maxPAlive optional: matches only customers with P(alive) strictly below this (0..1]
 */
public record SegmentRule(String segment, String label, ScoreRange r, ScoreRange f, ScoreRange m,
        OptionalLong maxTenureDays, OptionalDouble maxPAlive) {

    /**
     * Validates the components.
     *
     * @param segment the segment's name, non-blank
     * @param label a display label (e.g. Chinese), non-null; the name when none is given
     * @param r recency score range; non-null
     * @param f frequency score range; non-null
     * @param m monetary score range; non-null
     * @param maxTenureDays optional: matches only customers at most this many days since their first purchase (≥ 0)
     * @param maxPAlive optional: matches only customers with P(alive) strictly below this (0..1]
     */
    public SegmentRule {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(m, "m");
        Objects.requireNonNull(maxTenureDays, "maxTenureDays");
        Objects.requireNonNull(maxPAlive, "maxPAlive");
        if (segment.isBlank()) {
            throw new IllegalArgumentException("segment name must not be blank");
        }
        if (maxTenureDays.isPresent() && maxTenureDays.getAsLong() < 0) {
            throw new IllegalArgumentException("maxTenureDays must be >= 0, was " + maxTenureDays.getAsLong());
        }
        if (maxPAlive.isPresent() && !(maxPAlive.getAsDouble() > 0 && maxPAlive.getAsDouble() <= 1)) {
            throw new IllegalArgumentException("maxPAlive must be in (0, 1], was " + maxPAlive.getAsDouble());
        }
    }

    /**
     * A rule matching every customer, to narrow with the withers.
     *
     * @param segment the segment name
     * @param label the display label
     * @return the rule
     */
    public static SegmentRule of(String segment, String label) {
        return new SegmentRule(segment, label, ScoreRange.ANY, ScoreRange.ANY, ScoreRange.ANY, OptionalLong.empty(),
                OptionalDouble.empty());
    }

    /**
     * @param min lowest recency score
     * @param max highest recency score
     * @return a copy with that recency range
     */
    public SegmentRule r(int min, int max) {
        return new SegmentRule(segment, label, ScoreRange.of(min, max), f, m, maxTenureDays, maxPAlive);
    }

    /**
     * @param min lowest frequency score
     * @param max highest frequency score
     * @return a copy with that frequency range
     */
    public SegmentRule f(int min, int max) {
        return new SegmentRule(segment, label, r, ScoreRange.of(min, max), m, maxTenureDays, maxPAlive);
    }

    /**
     * @param min lowest monetary score
     * @param max highest monetary score
     * @return a copy with that monetary range
     */
    public SegmentRule m(int min, int max) {
        return new SegmentRule(segment, label, r, f, ScoreRange.of(min, max), maxTenureDays, maxPAlive);
    }

    /**
     * @param days the most days since the first purchase
     * @return a copy with that condition
     */
    public SegmentRule withMaxTenureDays(long days) {
        return new SegmentRule(segment, label, r, f, m, OptionalLong.of(days), maxPAlive);
    }

    /**
     * @param pAlive P(alive) must be below this
     * @return a copy with that condition
     */
    public SegmentRule withMaxPAlive(double pAlive) {
        return new SegmentRule(segment, label, r, f, m, maxTenureDays, OptionalDouble.of(pAlive));
    }

    /** @return true when the rule has a tenure or P(alive) condition (it may not match every customer of a cell) */
    public boolean conditional() {
        return maxTenureDays.isPresent() || maxPAlive.isPresent();
    }

    boolean covers(int rs, int fs, int ms) {
        return r.contains(rs) && f.contains(fs) && m.contains(ms);
    }

    boolean matches(RfmScore score, long tenureDays, double pAlive) {
        if (!covers(score.r(), score.f(), score.m())) {
            return false;
        }
        if (maxTenureDays.isPresent() && tenureDays > maxTenureDays.getAsLong()) {
            return false;
        }
        return maxPAlive.isEmpty() || (!Double.isNaN(pAlive) && pAlive < maxPAlive.getAsDouble());
    }

    @Override
    public String toString() {
        return segment + " (R " + r + ", F " + f + ", M " + m
                + (maxTenureDays.isPresent() ? ", tenure <= " + maxTenureDays.getAsLong() + " d" : "")
                + (maxPAlive.isPresent() ? ", P(alive) < " + maxPAlive.getAsDouble() : "") + ")";
    }
}

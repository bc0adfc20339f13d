package io.github.omniretail.loyalty.analytics;

import java.util.List;

/**
 * What {@link SegmentTable#coverage()} found over every (R, F, M) cell.
 *
 * @param uncovered cells where no rule without conditions matches (customers there may get no segment)
 * @param shadowed rules that are never the first to match in any cell (earlier rules always win)
 * @param overlapping cells matched by more than one rule without conditions (first match decides; fine for a
 *     catch-all, suspicious otherwise)
 */
public record SegmentCoverage(List<RfmScore> uncovered, List<SegmentRule> shadowed, List<RfmScore> overlapping) {

    /**
     * Validates the components.
     *
     * @param uncovered cells where no rule without conditions matches (customers there may get no segment)
     * @param shadowed rules that are never the first to match in any cell (earlier rules always win)
     * @param overlapping cells matched by more than one rule without conditions (first match decides; fine for a
     *     catch-all, suspicious otherwise)
     */
    public SegmentCoverage {
        uncovered = List.copyOf(uncovered);
        shadowed = List.copyOf(shadowed);
        overlapping = List.copyOf(overlapping);
    }

    /** @return true when every cell is covered exactly once and no rule is shadowed */
    public boolean exact() {
        return uncovered.isEmpty() && shadowed.isEmpty() && overlapping.isEmpty();
    }

    /** @return true when every cell gets a segment and no rule is shadowed */
    public boolean complete() {
        return uncovered.isEmpty() && shadowed.isEmpty();
    }
}

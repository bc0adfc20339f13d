package io.github.omniretail.routing.spi;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link RoutingStrategy} decides: how many units of each order line each candidate ships.
 *
 * @param allocations non-empty allocations (copied); a candidate may appear for several lines and a line may be
 *     split over several candidates
 */
public record Assignment(List<Allocation> allocations) {

    /**
     * Copies the allocations.
     *
     * @param allocations non-empty allocations (copied)
     */
    public Assignment {
        allocations = List.copyOf(allocations);
        if (allocations.isEmpty()) {
            throw new IllegalArgumentException("an assignment needs at least one allocation");
        }
    }

    /**
     * Units of one line from one candidate.
     *
     * @param candidate the candidate's index in the problem
     * @param line the line's index in the problem
     * @param quantity units, {@code > 0}
     */
    public record Allocation(int candidate, int line, int quantity) {

        /**
         * Validates.
         *
         * @param candidate the candidate's index in the problem
         * @param line the line's index in the problem
         * @param quantity units, {@code > 0}
         */
        public Allocation {
            if (candidate < 0 || line < 0 || quantity <= 0) {
                throw new IllegalArgumentException("bad allocation: candidate " + candidate + ", line " + line
                        + ", quantity " + quantity);
            }
        }
    }

    /** @return the number of distinct candidates used: the number of shipments */
    public int shipments() {
        int count = 0;
        for (int i = 0; i < allocations.size(); i++) {
            int c = allocations.get(i).candidate();
            boolean seen = false;
            for (int j = 0; j < i && !seen; j++) {
                seen = allocations.get(j).candidate() == c;
            }
            count += seen ? 0 : 1;
        }
        return count;
    }

    /**
     * An assignment of whole lines: {@code nodeOfLine[i]} ships all of line {@code i}.
     *
     * @param nodeOfLine candidate index per line
     * @param quantities quantity per line
     * @return the assignment
     */
    public static Assignment wholeLines(int[] nodeOfLine, int[] quantities) {
        Objects.requireNonNull(nodeOfLine, "nodeOfLine");
        Allocation[] out = new Allocation[nodeOfLine.length];
        for (int i = 0; i < nodeOfLine.length; i++) {
            out[i] = new Allocation(nodeOfLine[i], i, quantities[i]);
        }
        return new Assignment(List.of(out));
    }
}

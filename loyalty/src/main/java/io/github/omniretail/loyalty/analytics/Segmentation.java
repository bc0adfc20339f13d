package io.github.omniretail.loyalty.analytics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The segment of every customer of a scored base, from {@link SegmentTable#classifyAll}. Immutable. */
public final class Segmentation {

    private final SegmentTable table;
    private final SegmentRule[] rules;

    Segmentation(SegmentTable table, SegmentRule[] rules) {
        this.table = table;
        this.rules = rules;
    }

    /** @return the table used */
    public SegmentTable table() {
        return table;
    }

    /** @return the number of customers */
    public int size() {
        return rules.length;
    }

    /**
     * @param i customer index in the base
     * @return the rule the customer matched first; empty when none matched
     */
    public Optional<SegmentRule> rule(int i) {
        return Optional.ofNullable(rules[i]);
    }

    /**
     * @param i customer index in the base
     * @return the segment name, or {@code ""} when no rule matched
     */
    public String segment(int i) {
        return rules[i] == null ? "" : rules[i].segment();
    }

    /** @return customers per segment, in the table's segment order (segments with none included, as 0) */
    public Map<String, Integer> sizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (String name : table.segments()) {
            sizes.put(name, 0);
        }
        for (SegmentRule rule : rules) {
            if (rule != null) {
                sizes.merge(rule.segment(), 1, Integer::sum);
            }
        }
        return sizes;
    }

    /** @return customers that no rule matched */
    public int unassigned() {
        int count = 0;
        for (SegmentRule rule : rules) {
            if (rule == null) {
                count++;
            }
        }
        return count;
    }
}

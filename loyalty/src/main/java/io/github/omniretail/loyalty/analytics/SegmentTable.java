package io.github.omniretail.loyalty.analytics;

import org.jspecify.annotations.Nullable;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.omniretail.core.json.InvalidJsonException;
import io.github.omniretail.core.json.JsonTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Segments as data: ordered rules over R/F/M score ranges; a customer belongs to the first rule that matches.
 * Immutable and thread-safe.
 *
 * <p>Presets: {@link #rfm10()} (the 10-segment R×F map), {@link #retail4(long, double)} (new / dormant /
 * high-value / potential) and {@link #cn8()} (the above/below-mean 8-class scheme). Tables load from and write to
 * JSON:
 *
 * <pre>{@code
 * {"name": "mine", "scores": 5, "rules": [
 *   {"segment": "VIP", "label": "贵宾", "r": [4, 5], "f": [4, 5], "m": 5},
 *   {"segment": "New", "maxTenureDays": 30},
 *   {"segment": "Everyone else"}]}
 * }</pre>
 *
 * A range is a score or {@code [min, max]}; an omitted range means any score. {@link #coverage()} reports cells no
 * rule covers, rules that can never be first to match, and cells several rules cover.
 */
public final class SegmentTable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String name;
    private final int scores;
    private final List<SegmentRule> rules;

    private SegmentTable(String name, int scores, List<SegmentRule> rules) {
        this.name = name;
        this.scores = scores;
        this.rules = rules;
    }

    /**
     * A table of rules in match order.
     *
     * @param name non-blank
     * @param scores n of the scales it is written for, 2..9
     * @param rules at least one; ranges within 1..n
     * @return the table
     * @throws IllegalArgumentException if a range exceeds n or there is no rule
     */
    public static SegmentTable of(String name, int scores, List<SegmentRule> rules) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("table name must not be blank");
        }
        ScoreScale.checkScores(scores);
        List<SegmentRule> copy = List.copyOf(rules);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a segment table needs at least one rule");
        }
        for (int i = 0; i < copy.size(); i++) {
            SegmentRule rule = copy.get(i);
            for (ScoreRange range : List.of(rule.r(), rule.f(), rule.m())) {
                if (range != ScoreRange.ANY && range.max() > scores) {
                    throw new IllegalArgumentException("rule " + i + " (" + rule.segment() + ") has range " + range
                            + " beyond the table's " + scores + " scores");
                }
            }
        }
        return new SegmentTable(name, scores, copy);
    }

    /**
     * The 10-segment R×F map on 5 scores (M not used): Champions R5 F4–5; Loyal R3–4 F4–5; Potential Loyalists
     * R4–5 F2–3; New R5 F1; Promising R4 F1; Need Attention R3 F3; About to Sleep R3 F1–2; At Risk R1–2 F3–4;
     * Can't Lose Them R1–2 F5; Hibernating R1–2 F1–2. Covers each of the 25 cells exactly once.
     *
     * @return the table
     */
    public static SegmentTable rfm10() {
        return of("rfm10", 5, List.of(
                SegmentRule.of("Champions", "冠军客户").r(5, 5).f(4, 5),
                SegmentRule.of("Loyal", "忠诚客户").r(3, 4).f(4, 5),
                SegmentRule.of("Potential Loyalists", "潜在忠诚客户").r(4, 5).f(2, 3),
                SegmentRule.of("New", "新客户").r(5, 5).f(1, 1),
                SegmentRule.of("Promising", "有潜力客户").r(4, 4).f(1, 1),
                SegmentRule.of("Need Attention", "需要关注客户").r(3, 3).f(3, 3),
                SegmentRule.of("About to Sleep", "即将沉睡客户").r(3, 3).f(1, 2),
                SegmentRule.of("At Risk", "有流失风险客户").r(1, 2).f(3, 4),
                SegmentRule.of("Can't Lose Them", "不能失去的客户").r(1, 2).f(5, 5),
                SegmentRule.of("Hibernating", "休眠客户").r(1, 2).f(1, 2)));
    }

    /**
     * The retail 4-way split on 5 scores, first match wins: <b>New</b> (新客户) — first purchase at most
     * {@code newWithinDays} days ago; <b>Dormant</b> (沉睡客户) — R 1–2, or P(alive) below {@code dormantBelowPAlive}
     * when a model was fitted; <b>High value</b> (高价值客户) — F 4–5 and M 4–5; <b>Potential</b> (潜力客户) — everyone
     * else.
     *
     * @param newWithinDays tenure limit for New, ≥ 0 (30 is usual)
     * @param dormantBelowPAlive P(alive) below which a customer is Dormant, in (0, 1] (0.3 is usual)
     * @return the table
     */
    public static SegmentTable retail4(long newWithinDays, double dormantBelowPAlive) {
        return of("retail4", 5, List.of(
                SegmentRule.of("New", "新客户").withMaxTenureDays(newWithinDays),
                SegmentRule.of("Dormant", "沉睡客户").r(1, 2),
                SegmentRule.of("Dormant", "沉睡客户").withMaxPAlive(dormantBelowPAlive),
                SegmentRule.of("High value", "高价值客户").f(4, 5).m(4, 5),
                SegmentRule.of("Potential", "潜力客户")));
    }

    /**
     * The 8-class scheme of Chinese e-commerce BI on above/below-mean scores ({@link RfmModel#aboveMean}; 2 =
     * better than the mean): Important value 重要价值客户 (R2 F2 M2), Important development 重要发展客户 (R2 F1 M2),
     * Important retention 重要保持客户 (R1 F2 M2), Important win-back 重要挽留客户 (R1 F1 M2), General value
     * 一般价值客户 (R2 F2 M1), General development 一般发展客户 (R2 F1 M1), General retention 一般保持客户 (R1 F2 M1),
     * General win-back 一般挽留客户 (R1 F1 M1). Covers each of the 8 cells exactly once.
     *
     * @return the table
     */
    public static SegmentTable cn8() {
        return of("cn8", 2, List.of(
                cell("Important value", "重要价值客户", 2, 2, 2),
                cell("Important development", "重要发展客户", 2, 1, 2),
                cell("Important retention", "重要保持客户", 1, 2, 2),
                cell("Important win-back", "重要挽留客户", 1, 1, 2),
                cell("General value", "一般价值客户", 2, 2, 1),
                cell("General development", "一般发展客户", 2, 1, 1),
                cell("General retention", "一般保持客户", 1, 2, 1),
                cell("General win-back", "一般挽留客户", 1, 1, 1)));
    }

    private static SegmentRule cell(String segment, String label, int r, int f, int m) {
        return SegmentRule.of(segment, label).r(r, r).f(f, f).m(m, m);
    }

    /** @return the table's name */
    public String name() {
        return name;
    }

    /** @return n, the number of scores the table is written for */
    public int scores() {
        return scores;
    }

    /** @return the rules in match order */
    public List<SegmentRule> rules() {
        return rules;
    }

    /** @return the distinct segment names in rule order */
    public List<String> segments() {
        List<String> names = new ArrayList<>();
        for (SegmentRule rule : rules) {
            if (!names.contains(rule.segment())) {
                names.add(rule.segment());
            }
        }
        return List.copyOf(names);
    }

    /**
     * The first rule a customer matches.
     *
     * @param score the customer's scores (against scales with this table's n); non-null
     * @param tenureDays days since the first purchase
     * @param pAlive the fitted P(alive), or {@code NaN} when no model was fitted
     * @return the matching rule, or empty when none matches (see {@link #coverage()})
     */
    public Optional<SegmentRule> classify(RfmScore score, long tenureDays, double pAlive) {
        Objects.requireNonNull(score, "score");
        for (SegmentRule rule : rules) {
            if (rule.matches(score, tenureDays, pAlive)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /**
     * Segments every scored customer.
     *
     * @param scores scores of a base, with this table's n; non-null
     * @param pAlive P(alive) per customer in the base's order, or null when no model was fitted
     * @return the segment per customer
     * @throws IllegalArgumentException if the score counts differ or pAlive has the wrong length
     */
    public Segmentation classifyAll(RfmScores scores, double @Nullable [] pAlive) {
        if (scores.model().scores() != this.scores) {
            throw new IllegalArgumentException("table " + name + " is written for " + this.scores
                    + " scores but the RFM model has " + scores.model().scores());
        }
        if (pAlive != null && pAlive.length != scores.size()) {
            throw new IllegalArgumentException("pAlive has " + pAlive.length + " values for " + scores.size()
                    + " customers");
        }
        CustomerBase base = scores.base();
        SegmentRule[] assigned = new SegmentRule[scores.size()];
        for (int i = 0; i < assigned.length; i++) {
            long tenure = base.endDay() - base.firstDay(i);
            assigned[i] = classify(scores.score(i), tenure, pAlive == null ? Double.NaN : pAlive[i]).orElse(null);
        }
        return new Segmentation(this, assigned);
    }

    /**
     * Checks the table over every (R, F, M) cell of its n scores, treating conditional rules (tenure, P(alive)) as
     * possibly not matching.
     *
     * @return the report
     */
    public SegmentCoverage coverage() {
        List<RfmScore> uncovered = new ArrayList<>();
        List<RfmScore> overlapping = new ArrayList<>();
        boolean[] firstSomewhere = new boolean[rules.size()];
        for (int r = 1; r <= scores; r++) {
            for (int f = 1; f <= scores; f++) {
                for (int m = 1; m <= scores; m++) {
                    boolean decided = false;
                    int unconditionalMatches = 0;
                    for (int i = 0; i < rules.size(); i++) {
                        SegmentRule rule = rules.get(i);
                        if (!rule.covers(r, f, m)) {
                            continue;
                        }
                        if (!decided) {
                            firstSomewhere[i] = true;
                        }
                        if (!rule.conditional()) {
                            decided = true;
                            unconditionalMatches++;
                        }
                    }
                    if (!decided) {
                        uncovered.add(new RfmScore(r, f, m));
                    }
                    if (unconditionalMatches > 1) {
                        overlapping.add(new RfmScore(r, f, m));
                    }
                }
            }
        }
        List<SegmentRule> shadowed = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            if (!firstSomewhere[i]) {
                shadowed.add(rules.get(i));
            }
        }
        return new SegmentCoverage(uncovered, shadowed, overlapping);
    }

    /**
     * Reads a table from JSON (format in the class description).
     *
     * @param json non-null
     * @return the table
     * @throws InvalidJsonException naming the JSON path of the first problem
     */
    public static SegmentTable fromJson(String json) throws InvalidJsonException {
        return JsonTree.read(json, root -> {
            root.object("name", "scores", "rules");
            String name = root.field("name").text();
            JsonTree scoresNode = root.field("scores");
            int scores = scoresNode.intValue();
            if (scores < 2 || scores > 9) {
                throw scoresNode.fail("expected an integer 2..9, found " + scores);
            }
            List<JsonTree> ruleNodes = root.field("rules").elements();
            if (ruleNodes.isEmpty()) {
                throw root.field("rules").fail("expected a non-empty array of rules");
            }
            List<SegmentRule> rules = new ArrayList<>();
            for (JsonTree node : ruleNodes) {
                node.object("segment", "label", "r", "f", "m", "maxTenureDays", "maxPAlive");
                String segment = node.field("segment").text();
                String label = node.optionalField("label").map(JsonTree::text).orElse(segment);
                OptionalLong tenure = OptionalLong.empty();
                Optional<JsonTree> tenureNode = node.optionalField("maxTenureDays");
                if (tenureNode.isPresent()) {
                    long days = tenureNode.get().longValue();
                    if (days < 0) {
                        throw tenureNode.get().fail("expected a whole number of days >= 0, found " + days);
                    }
                    tenure = OptionalLong.of(days);
                }
                OptionalDouble pAlive = OptionalDouble.empty();
                Optional<JsonTree> pAliveNode = node.optionalField("maxPAlive");
                if (pAliveNode.isPresent()) {
                    double p = pAliveNode.get().doubleValue();
                    if (!(p > 0 && p <= 1)) {
                        throw pAliveNode.get().fail("expected a number in (0, 1], found " + p);
                    }
                    pAlive = OptionalDouble.of(p);
                }
                rules.add(new SegmentRule(segment, label, range(node, "r", scores), range(node, "f", scores),
                        range(node, "m", scores), tenure, pAlive));
            }
            return root.build(() -> of(name, scores, rules));
        });
    }

    /** @return this table as JSON, readable by {@link #fromJson(String)} */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("name", name);
        root.put("scores", scores);
        ArrayNode array = root.putArray("rules");
        for (SegmentRule rule : rules) {
            ObjectNode node = array.addObject();
            node.put("segment", rule.segment());
            if (!rule.label().equals(rule.segment())) {
                node.put("label", rule.label());
            }
            putRange(node, "r", rule.r());
            putRange(node, "f", rule.f());
            putRange(node, "m", rule.m());
            rule.maxTenureDays().ifPresent(d -> node.put("maxTenureDays", d));
            rule.maxPAlive().ifPresent(p -> node.put("maxPAlive", p));
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    private void putRange(ObjectNode node, String field, ScoreRange range) {
        if (range.min() == 1 && range.max() >= scores) {
            return;
        }
        if (range.min() == range.max()) {
            node.put(field, range.min());
        } else {
            node.putArray(field).add(range.min()).add(range.max());
        }
    }

    private static ScoreRange range(JsonTree node, String field, int scores) {
        Optional<JsonTree> value = node.optionalField(field);
        if (value.isEmpty()) {
            return ScoreRange.ANY;
        }
        JsonTree v = value.get();
        int min;
        int max;
        if (v.isArray()) {
            List<JsonTree> bounds = v.elements();
            if (bounds.size() != 2) {
                throw v.fail("expected a score or [min, max], found " + bounds.size() + " elements");
            }
            min = bounds.get(0).intValue();
            max = bounds.get(1).intValue();
        } else {
            min = max = v.intValue();
        }
        if (min < 1 || max > scores || min > max) {
            throw v.fail("range " + min + ".." + max + " must satisfy 1 <= min <= max <= " + scores);
        }
        return ScoreRange.of(min, max);
    }
}

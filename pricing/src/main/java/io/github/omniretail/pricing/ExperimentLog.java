package io.github.omniretail.pricing;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.pricing.spi.ExperimentRecorder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * An in-memory {@link ExperimentRecorder} that can summarise what it recorded: per variant the members exposed, the
 * members who converted, the conversion rate with a 95 % Wilson interval, revenue per visitor, and the Bayesian
 * probability that the variant has the best conversion rate (Beta(1, 1) priors, Monte Carlo with a fixed seed, so the
 * same data give the same numbers). Members count once per variant; a conversion counts only after an exposure.
 * Thread-safe.
 */
public final class ExperimentLog implements ExperimentRecorder {

    private static final int DRAWS = 20_000;

    private final Currency currency;
    private final Map<String, Map<String, Set<MemberId>>> exposed = new HashMap<>();
    private final Map<String, Map<String, Set<MemberId>>> converted = new HashMap<>();
    private final Map<String, Map<String, Long>> revenue = new HashMap<>();

    /**
     * @param currency of recorded revenue; non-null
     */
    public ExperimentLog(Currency currency) {
        this.currency = Objects.requireNonNull(currency, "currency");
    }

    @Override
    public synchronized void exposed(String experiment, String variant, MemberId member, Instant at) {
        exposed.computeIfAbsent(experiment, k -> new LinkedHashMap<>()).computeIfAbsent(variant, k -> new HashSet<>())
                .add(Objects.requireNonNull(member, "member"));
    }

    @Override
    public synchronized void converted(String experiment, String variant, MemberId member, Money amount, Instant at) {
        Objects.requireNonNull(member, "member");
        if (!amount.currency().equals(currency)) {
            throw new io.github.omniretail.core.CurrencyMismatchException(currency, amount.currency());
        }
        Set<MemberId> seen = exposed.getOrDefault(experiment, Map.of()).getOrDefault(variant, Set.of());
        if (!seen.contains(member)) {
            return; // not exposed: not part of the test
        }
        converted.computeIfAbsent(experiment, k -> new HashMap<>()).computeIfAbsent(variant, k -> new HashSet<>())
                .add(member);
        revenue.computeIfAbsent(experiment, k -> new HashMap<>()).merge(variant, amount.minorUnits(), Long::sum);
    }

    /**
     * One variant's results.
     *
     * @param variant the variant
     * @param visitors members exposed
     * @param conversions members who bought after exposure
     * @param conversionRate conversions ÷ visitors (0 without visitors)
     * @param low lower end of the 95 % Wilson interval of the rate
     * @param high upper end of the interval
     * @param revenue revenue from converted members
     * @param revenuePerVisitor revenue ÷ visitors, rounded half-even
     * @param probabilityBest posterior probability that this variant's conversion rate is the highest
     */
    public record VariantResult(String variant, long visitors, long conversions, double conversionRate, double low,
            double high, Money revenue, Money revenuePerVisitor, double probabilityBest) {
    }

    /**
     * @param experiment experiment id; non-null
     * @return the results per variant in the order they were first exposed (holdout included when exposed)
     */
    public synchronized List<VariantResult> summary(String experiment) {
        Map<String, Set<MemberId>> byVariant = exposed.getOrDefault(experiment, Map.of());
        List<String> names = new ArrayList<>(byVariant.keySet());
        int k = names.size();
        long[] n = new long[k];
        long[] c = new long[k];
        for (int i = 0; i < k; i++) {
            n[i] = byVariant.get(names.get(i)).size();
            c[i] = converted.getOrDefault(experiment, Map.of()).getOrDefault(names.get(i), Set.of()).size();
        }
        double[] best = probabilityBest(n, c);
        List<VariantResult> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            double rate = n[i] == 0 ? 0 : (double) c[i] / n[i];
            double[] wilson = wilson(c[i], n[i]);
            long money = revenue.getOrDefault(experiment, Map.of()).getOrDefault(names.get(i), 0L);
            Money total = Money.ofMinor(money, currency);
            Money perVisitor = n[i] == 0 ? Money.zero(currency)
                    : total.timesFraction(1, n[i], java.math.RoundingMode.HALF_EVEN);
            out.add(new VariantResult(names.get(i), n[i], c[i], rate, wilson[0], wilson[1], total, perVisitor,
                    best[i]));
        }
        return out;
    }

    static double[] wilson(long conversions, long visitors) {
        if (visitors == 0) {
            return new double[] {0, 1};
        }
        double z = 1.959963984540054;
        double p = (double) conversions / visitors;
        double denominator = 1 + z * z / visitors;
        double centre = (p + z * z / (2.0 * visitors)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / visitors + z * z / (4.0 * visitors * visitors)) / denominator;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    static double[] probabilityBest(long[] n, long[] c) {
        int k = n.length;
        double[] wins = new double[k];
        if (k == 0) {
            return wins;
        }
        SplittableRandom random = new SplittableRandom(0x5EEDL);
        for (int d = 0; d < DRAWS; d++) {
            int bestAt = 0;
            double bestDraw = -1;
            for (int i = 0; i < k; i++) {
                double draw = BetaSampler.sample(random, 1 + c[i], 1 + n[i] - c[i]);
                if (draw > bestDraw) {
                    bestDraw = draw;
                    bestAt = i;
                }
            }
            wins[bestAt]++;
        }
        for (int i = 0; i < k; i++) {
            wins[i] /= DRAWS;
        }
        return wins;
    }
}

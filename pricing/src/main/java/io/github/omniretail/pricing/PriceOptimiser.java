package io.github.omniretail.pricing;

import io.github.omniretail.core.Money;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses the revenue- or margin-maximising price on a grid within bounds from a constant-elasticity demand curve
 * estimate q(p) = q₀ · (p / p₀)^ε (ε &lt; 0). Ties go to the lower price.
 *
 * @param id rule id; non-blank
 * @param referencePrice p₀; non-null, positive
 * @param referenceDemand q₀ at p₀, units per period, &gt; 0
 * @param elasticity ε, &lt; 0 (−1.5: a 1 % price rise loses 1.5 % of demand)
 * @param objective what to maximise; non-null
 * @param min lowest grid price; non-null
 * @param max highest grid price; non-null, ≥ min
 * @param step grid step; non-null, positive
 * @param unitCost cost per unit for the margin objective; non-null optional
 */
public record PriceOptimiser(String id, Money referencePrice, double referenceDemand, double elasticity,
        Objective objective, Money min, Money max, Money step, Optional<Money> unitCost) {

    /** What the optimiser maximises. */
    public enum Objective {
        /** price × demand */
        REVENUE,
        /** (price − cost) × demand */
        MARGIN
    }

    /**
     * Validates.
     *
     * @param id rule id
     * @param referencePrice p₀
     * @param referenceDemand q₀
     * @param elasticity ε
     * @param objective objective
     * @param min lowest price
     * @param max highest price
     * @param step grid step
     * @param unitCost cost for margin
     */
    public PriceOptimiser {
        PricingRules.requireId(id);
        Objects.requireNonNull(referencePrice, "referencePrice");
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(unitCost, "unitCost");
        if (!referencePrice.isPositive() || !(referenceDemand > 0) || !(elasticity < 0) || !Double.isFinite(elasticity)
                || !step.isPositive() || min.isNegative() || min.isGreaterThan(max)) {
            throw new IllegalArgumentException("optimiser " + id + ": need p0 > 0, q0 > 0, elasticity < 0, step > 0, "
                    + "0 <= min <= max; were p0=" + referencePrice + ", q0=" + referenceDemand + ", e=" + elasticity
                    + ", step=" + step + ", min=" + min + ", max=" + max);
        }
        if (objective == Objective.MARGIN && unitCost.isEmpty()) {
            throw new IllegalArgumentException("optimiser " + id + ": the margin objective needs a unit cost");
        }
        referencePrice.requireSameCurrency(min);
        referencePrice.requireSameCurrency(max);
        referencePrice.requireSameCurrency(step);
    }

    /** @return the best grid price */
    public Money bestPrice() {
        long best = min.minorUnits();
        double bestValue = Double.NEGATIVE_INFINITY;
        double p0 = referencePrice.minorUnits();
        double cost = unitCost.map(c -> (double) c.minorUnits()).orElse(0.0);
        for (long p = min.minorUnits(); p <= max.minorUnits(); p += step.minorUnits()) {
            double demand = referenceDemand * Math.pow(p / p0, elasticity);
            double value = (objective == Objective.REVENUE ? p : p - cost) * demand;
            if (p > 0 && value > bestValue + 1e-9 * Math.abs(value)) {
                bestValue = value;
                best = p;
            }
        }
        return Money.ofMinor(best, min.currency());
    }
}

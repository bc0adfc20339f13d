package io.github.omniretail.pricing;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Money;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Limits on one SKU's price, applied at the {@link PriceStage#GUARDRAIL} stage and honoured by endings and (when
 * the floor guard is on) by promotions.
 *
 * @param cost unit cost, if known; non-null optional
 * @param minimumMargin margin over cost the floor keeps, e.g. 10 % → floor = cost × 1.10; non-null
 * @param floor an absolute floor, if any; the effective floor is the larger of the two; non-null optional
 * @param ceiling the highest price allowed, if any; non-null optional
 * @param maxChange the most the price may move within {@code period} versus the price published then, if any
 * @param period the window of {@code maxChange}; non-null (ignored without maxChange)
 * @param minimumAdvertised the minimum advertised price (MAP) for item prices, if any; non-null optional
 */
public record Guardrail(Optional<Money> cost, BasisPoints minimumMargin, Optional<Money> floor,
        Optional<Money> ceiling, Optional<BasisPoints> maxChange, Duration period, Optional<Money> minimumAdvertised) {

    /**
     * Validates the components: amounts not negative, one currency, floor ≤ ceiling.
     *
     * @param cost unit cost, if known
     * @param minimumMargin margin over cost
     * @param floor absolute floor, if any
     * @param ceiling highest price, if any
     * @param maxChange most change per period, if any
     * @param period window of maxChange
     * @param minimumAdvertised minimum advertised price, if any
     */
    public Guardrail {
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(minimumMargin, "minimumMargin");
        Objects.requireNonNull(floor, "floor");
        Objects.requireNonNull(ceiling, "ceiling");
        Objects.requireNonNull(maxChange, "maxChange");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(minimumAdvertised, "minimumAdvertised");
        for (Optional<Money> m : java.util.List.of(cost, floor, ceiling, minimumAdvertised)) {
            m.ifPresent(v -> {
                if (v.isNegative()) {
                    throw new IllegalArgumentException("guardrail amounts must not be negative, was " + v);
                }
            });
        }
        if (maxChange.isPresent() && maxChange.get().value() <= 0) {
            throw new IllegalArgumentException("maxChange must be > 0, was " + maxChange.get());
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
        if (ceiling.isPresent()) {
            Money low = effectiveFloor(cost, minimumMargin, floor).orElse(null);
            if (low != null && low.isGreaterThan(ceiling.get())) {
                throw new IllegalArgumentException("floor " + low + " is above ceiling " + ceiling.get());
            }
        }
    }

    /** @return no limits */
    public static Guardrail none() {
        return new Guardrail(Optional.empty(), BasisPoints.ZERO, Optional.empty(), Optional.empty(), Optional.empty(),
                Duration.ofDays(1), Optional.empty());
    }

    /**
     * @param cost unit cost; non-null
     * @param minimumMargin margin the floor keeps over cost; non-null
     * @return a guardrail with that cost floor
     */
    public static Guardrail costPlus(Money cost, BasisPoints minimumMargin) {
        return none().withCost(cost, minimumMargin);
    }

    /**
     * @param cost unit cost; non-null
     * @param margin margin over cost; non-null
     * @return a copy with that cost floor
     */
    public Guardrail withCost(Money cost, BasisPoints margin) {
        return new Guardrail(Optional.of(cost), margin, floor, ceiling, maxChange, period, minimumAdvertised);
    }

    /**
     * @param amount absolute floor; non-null
     * @return a copy with it
     */
    public Guardrail withFloor(Money amount) {
        return new Guardrail(cost, minimumMargin, Optional.of(amount), ceiling, maxChange, period, minimumAdvertised);
    }

    /**
     * @param amount ceiling; non-null
     * @return a copy with it
     */
    public Guardrail withCeiling(Money amount) {
        return new Guardrail(cost, minimumMargin, floor, Optional.of(amount), maxChange, period, minimumAdvertised);
    }

    /**
     * @param change most change within the window; non-null
     * @param window the window; non-null
     * @return a copy with it
     */
    public Guardrail withMaxChange(BasisPoints change, Duration window) {
        return new Guardrail(cost, minimumMargin, floor, ceiling, Optional.of(change), window, minimumAdvertised);
    }

    /**
     * @param amount minimum advertised price; non-null
     * @return a copy with it
     */
    public Guardrail withMinimumAdvertised(Money amount) {
        return new Guardrail(cost, minimumMargin, floor, ceiling, maxChange, period, Optional.of(amount));
    }

    /**
     * The effective floor: the larger of cost × (1 + minimum margin), rounded up, and the absolute floor.
     *
     * @return the floor, if any
     */
    public Optional<Money> effectiveFloor() {
        return effectiveFloor(cost, minimumMargin, floor);
    }

    private static Optional<Money> effectiveFloor(Optional<Money> cost, BasisPoints margin, Optional<Money> floor) {
        Optional<Money> fromCost = cost.map(c -> c.timesFraction(BasisPoints.ONE_HUNDRED_PERCENT + margin.value(),
                BasisPoints.ONE_HUNDRED_PERCENT, java.math.RoundingMode.CEILING));
        if (fromCost.isPresent() && floor.isPresent()) {
            return Optional.of(fromCost.get().max(floor.get()));
        }
        return fromCost.isPresent() ? fromCost : floor;
    }
}

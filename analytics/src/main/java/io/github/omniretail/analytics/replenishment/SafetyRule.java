package io.github.omniretail.analytics.replenishment;

import io.github.omniretail.core.BasisPoints;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * How a position's safety stock is set when planning: from a service level and the forecast's error (the
 * forecast-driven rule), or the fixed rules it replaces where configured — days of cover times a trailing average
 * (e.g. "3 days of sales for fresh"), or a fixed number of units. Immutable values.
 */
public sealed interface SafetyRule permits SafetyRule.ServiceLevel, SafetyRule.DaysOfCover, SafetyRule.Fixed {

    /**
     * {@code ceil(z × σ × √lead time)}: z the standard normal quantile of the cycle service level, σ the standard
     * deviation of the position's one-day forecast error.
     *
     * @param level the probability of not running out in a replenishment cycle, 50.00 %..99.99 %
     */
    record ServiceLevel(BasisPoints level) implements SafetyRule {
        /** Validates. */
        public ServiceLevel {
            Objects.requireNonNull(level, "level");
            if (level.value() < 5_000 || level.value() > 9_999) {
                throw new IllegalArgumentException("service level must be 5000..9999 bp, was " + level.value());
            }
        }
    }

    /**
     * {@code ceil(days × average daily units over the last windowDays days)}; reorder point and order-up-to level
     * then use that average as the demand rate.
     *
     * @param days days of cover, {@code > 0}
     * @param windowDays the trailing window, 1..365
     */
    record DaysOfCover(BigDecimal days, int windowDays) implements SafetyRule {
        /** Validates. */
        public DaysOfCover {
            Objects.requireNonNull(days, "days");
            if (days.signum() <= 0) {
                throw new IllegalArgumentException("days of cover must be > 0, was " + days);
            }
            if (windowDays < 1 || windowDays > 365) {
                throw new IllegalArgumentException("window must be 1..365 days, was " + windowDays);
            }
        }
    }

    /**
     * A fixed number of units; demand over the lead time comes from the forecast.
     *
     * @param units {@code >= 0}
     */
    record Fixed(int units) implements SafetyRule {
        /** Validates. */
        public Fixed {
            if (units < 0) {
                throw new IllegalArgumentException("safety stock must be >= 0, was " + units);
            }
        }
    }

    /**
     * A service level.
     *
     * @param percent e.g. {@code new BigDecimal("95")}
     * @return the rule
     */
    static SafetyRule serviceLevel(BigDecimal percent) {
        return new ServiceLevel(BasisPoints.ofPercent(percent));
    }

    /**
     * Days of cover over a 28-day average.
     *
     * @param days {@code > 0}
     * @return the rule
     */
    static SafetyRule daysOfCover(int days) {
        return new DaysOfCover(BigDecimal.valueOf(days), 28);
    }
}

package io.github.omniretail.engagement;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Money;
import java.time.Duration;
import java.util.Objects;

/**
 * What a treatment does for a member. Each action has a cost charged to its treatment's budget when granted.
 * A closed set: switch over it. Implementations are immutable records.
 */
public sealed interface Action {

    /**
     * What one grant costs the budget.
     *
     * @return non-null, non-negative cost
     */
    Money cost();

    /**
     * Issue a coupon (a pricing coupon code the member may redeem).
     *
     * @param code non-blank coupon code, as pricing knows it
     * @param cost non-negative expected cost, e.g. the face value
     */
    record Coupon(String code, Money cost) implements Action {

        /**
         * Validates.
         *
         * @param code non-blank
         * @param cost non-negative
         */
        public Coupon {
            requireId(code, "coupon code");
            requireCost(cost);
        }
    }

    /**
     * Multiply the points a member earns for a while (e.g. 双倍积分 for a week).
     *
     * @param multiplier the multiplier, e.g. 20,000 bp = × 2; above 10,000 bp
     * @param validFor how long it lasts; positive
     * @param cost non-negative expected cost of the extra points
     */
    record PointsMultiplier(BasisPoints multiplier, Duration validFor, Money cost) implements Action {

        /**
         * Validates.
         *
         * @param multiplier above 100 %
         * @param validFor positive
         * @param cost non-negative
         */
        public PointsMultiplier {
            Objects.requireNonNull(multiplier, "multiplier");
            Objects.requireNonNull(validFor, "validFor");
            if (multiplier.value() <= BasisPoints.ONE_HUNDRED_PERCENT) {
                throw new IllegalArgumentException("points multiplier must be above 10000 bp, was " + multiplier);
            }
            if (validFor.isNegative() || validFor.isZero()) {
                throw new IllegalArgumentException("points multiplier validFor must be positive, was " + validFor);
            }
            requireCost(cost);
        }
    }

    /**
     * Send a message (the host renders the template behind the key).
     *
     * @param key non-blank message template key, e.g. {@code "winback.dormant.v2"}
     * @param cost non-negative cost per message (an SMS costs; a push may cost nothing)
     */
    record Message(String key, Money cost) implements Action {

        /**
         * Validates.
         *
         * @param key non-blank
         * @param cost non-negative
         */
        public Message {
            requireId(key, "message key");
            requireCost(cost);
        }
    }

    private static void requireId(String id, String what) {
        Objects.requireNonNull(id, what);
        if (id.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    private static void requireCost(Money cost) {
        Objects.requireNonNull(cost, "cost");
        if (cost.minorUnits() < 0) {
            throw new IllegalArgumentException("action cost must not be negative, was " + cost);
        }
    }
}

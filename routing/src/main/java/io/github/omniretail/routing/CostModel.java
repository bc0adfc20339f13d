package io.github.omniretail.routing;

import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.routing.spi.ShippingCost;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Currency;
import java.util.Objects;

/**
 * The explicit cost of a fulfilment plan, in money: for each shipment its shipping cost (a pluggable function of
 * distance and node type) plus a handling cost; a penalty per shipment beyond the first (splits annoy customers);
 * a lateness penalty per started hour the estimated delivery is after the order's promise; and a cost per unit taken
 * from a store's shelf (stock that walk-in customers would otherwise buy).
 *
 * <p>Delivery time is estimated as {@code handlingTime + distance ÷ speed}. Immutable and thread-safe.
 *
 * @param currency non-null currency of every cost
 * @param shipping non-null shipping cost function
 * @param handlingPerShipment non-null, non-negative cost of picking and packing one shipment
 * @param splitPenalty non-null, non-negative cost of every shipment beyond the first
 * @param latenessPerHour non-null, non-negative cost per started hour late against the promise
 * @param storeUnitCost non-null, non-negative cost per unit taken from a {@code STORE} node
 * @param handlingTime non-null, non-negative time from order to dispatch
 * @param speedKmPerHour average delivery speed, {@code > 0}
 */
public record CostModel(Currency currency, ShippingCost shipping, Money handlingPerShipment, Money splitPenalty,
        Money latenessPerHour, Money storeUnitCost, Duration handlingTime, int speedKmPerHour) {

    /**
     * Validates the model.
     *
     * @param currency non-null currency of every cost
     * @param shipping non-null shipping cost function
     * @param handlingPerShipment non-null, non-negative cost of picking and packing one shipment
     * @param splitPenalty non-null, non-negative cost of every shipment beyond the first
     * @param latenessPerHour non-null, non-negative cost per started hour late against the promise
     * @param storeUnitCost non-null, non-negative cost per unit taken from a {@code STORE} node
     * @param handlingTime non-null, non-negative time from order to dispatch
     * @param speedKmPerHour average delivery speed, {@code > 0}
     */
    public CostModel {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(shipping, "shipping");
        Objects.requireNonNull(handlingTime, "handlingTime");
        for (Money m : new Money[] {handlingPerShipment, splitPenalty, latenessPerHour, storeUnitCost}) {
            Objects.requireNonNull(m, "cost");
            if (!m.currency().equals(currency)) {
                throw new io.github.omniretail.core.CurrencyMismatchException(currency, m.currency());
            }
            if (m.isNegative()) {
                throw new IllegalArgumentException("costs must not be negative, was " + m);
            }
        }
        if (handlingTime.isNegative()) {
            throw new IllegalArgumentException("handling time must not be negative, was " + handlingTime);
        }
        if (speedKmPerHour <= 0) {
            throw new IllegalArgumentException("speed must be > 0 km/h, was " + speedKmPerHour);
        }
    }

    /**
     * A sensible default for a city: shipping {@code base + perKm × km} by node type (DC 6.00 + 0.50/km, store
     * 8.00 + 0.80/km, dark store 5.00 + 1.00/km), handling 2.00, split penalty 5.00, lateness 10.00 an hour,
     * store shelf 0.50 a unit, 1 h handling, 30 km/h; amounts in {@code currency}'s minor units scaled by 100.
     *
     * @param currency non-null currency with 2 decimals (CNY, USD, EUR…)
     * @return the model
     */
    public static CostModel standard(Currency currency) {
        ShippingCost shipping = (metres, type) -> {
            long base;
            long perKm;
            switch (type) {
                case DISTRIBUTION_CENTER:
                    base = 600;
                    perKm = 50;
                    break;
                case STORE:
                    base = 800;
                    perKm = 80;
                    break;
                case DARK_STORE:
                    base = 500;
                    perKm = 100;
                    break;
                default:
                    base = 700;
                    perKm = 80;
            }
            return Money.ofMinor(base, currency).plus(Money.ofMinor(perKm, currency)
                    .timesFraction(Math.round(metres), 1_000, RoundingMode.HALF_EVEN));
        };
        return new CostModel(currency, shipping, Money.ofMinor(200, currency), Money.ofMinor(500, currency),
                Money.ofMinor(1_000, currency), Money.ofMinor(50, currency), Duration.ofHours(1), 30);
    }

    /**
     * Estimated time from order to delivery over {@code metres}.
     *
     * @param metres distance in metres, {@code >= 0}
     * @return the duration
     */
    public Duration deliveryTime(double metres) {
        long seconds = Math.round(metres / 1_000.0 / speedKmPerHour * 3_600.0);
        return handlingTime.plusSeconds(seconds);
    }

    /**
     * Shipping cost of one shipment.
     *
     * @param metres distance in metres
     * @param type the shipping node's type
     * @return the cost in {@link #currency()}
     */
    public Money shippingCost(double metres, NodeType type) {
        Money cost = shipping.cost(metres, type);
        if (!cost.currency().equals(currency)) {
            throw new io.github.omniretail.core.CurrencyMismatchException(currency, cost.currency());
        }
        return cost;
    }
}

package io.github.omniretail.analytics;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Money;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * Sales of one slice (a channel, a store, a day, or all): order count, revenue, refunds, cost of goods. Amounts are
 * minor units of {@code currency}. Immutable.
 *
 * @param orders orders placed
 * @param grossRevenue revenue of those orders, minor units
 * @param refunds refunds of returns counted in this slice, minor units
 * @param costedRevenue net revenue of the lines whose cost is known (margin's base), minor units
 * @param costOfGoods cost of those lines, net of returned units' cost, minor units
 * @param unitsSold units sold
 * @param unitsReturned units returned
 * @param currency the currency
 */
public record Sales(long orders, long grossRevenue, long refunds, long costedRevenue, long costOfGoods,
        long unitsSold, long unitsReturned, Currency currency) {

    /** Validates: no null currency, non-negative counts. */
    public Sales {
        Objects.requireNonNull(currency, "currency");
        if (orders < 0 || unitsSold < 0 || unitsReturned < 0) {
            throw new IllegalArgumentException("counts must be >= 0, were " + orders + ", " + unitsSold + ", "
                    + unitsReturned);
        }
    }

    /**
     * Nothing sold.
     *
     * @param currency the currency
     * @return empty sales
     */
    public static Sales none(Currency currency) {
        return new Sales(0, 0, 0, 0, 0, 0, 0, currency);
    }

    /**
     * Gross revenue minus refunds.
     *
     * @return net revenue
     */
    public Money netRevenue() {
        return Money.ofMinor(grossRevenue - refunds, currency);
    }

    /**
     * Gross revenue.
     *
     * @return gross revenue
     */
    public Money revenue() {
        return Money.ofMinor(grossRevenue, currency);
    }

    /**
     * Average order value (客单价): gross revenue ÷ orders, rounded half-even to the minor unit.
     *
     * @return AOV, empty when there are no orders
     */
    public Optional<Money> aov() {
        return orders == 0 ? Optional.empty()
                : Optional.of(Money.ofMinor(grossRevenue, currency).timesFraction(1, orders, RoundingMode.HALF_EVEN));
    }

    /**
     * Gross margin: (costed revenue − cost of goods) ÷ costed revenue, over the lines whose cost is known, rounded
     * half-even to a basis point.
     *
     * @return the margin, empty when no costed revenue remains
     */
    public Optional<BasisPoints> grossMargin() {
        return costedRevenue <= 0 ? Optional.empty()
                : Optional.of(Ratios.bp(costedRevenue - costOfGoods, costedRevenue));
    }

    /**
     * The share of net revenue whose cost is known, so a margin's reach is visible.
     *
     * @return the share, empty when net revenue is zero
     */
    public Optional<BasisPoints> marginCoverage() {
        long net = grossRevenue - refunds;
        return net <= 0 ? Optional.empty() : Optional.of(Ratios.bp(costedRevenue, net));
    }
}

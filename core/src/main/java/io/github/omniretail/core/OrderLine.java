package io.github.omniretail.core;

import java.util.Objects;

/**
 * One line of an order: a SKU, a quantity, the unit price and the discount the line was given (its share of every
 * promotion, already allocated to it). What the customer pays for the line is {@link #net()}: what earns points and
 * what a return of the whole line refunds. Immutable and thread-safe.
 *
 * @param sku non-null SKU
 * @param quantity units ordered, {@code > 0}
 * @param unitPrice non-null, non-negative price of one unit before discounts
 * @param discount non-null, non-negative discount on the whole line, at most {@link #total()}, in its currency
 */
public record OrderLine(Sku sku, int quantity, Money unitPrice, Money discount) {

    /**
     * Validates the line.
     *
     * @param sku non-null SKU
     * @param quantity units ordered, {@code > 0}
     * @param unitPrice non-null, non-negative price of one unit
     * @param discount non-null, non-negative, at most the line total, same currency
     */
    public OrderLine {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(discount, "discount");
        if (quantity <= 0) {
            throw new IllegalArgumentException("line " + sku + ": quantity must be > 0, was " + quantity);
        }
        if (unitPrice.isNegative()) {
            throw new IllegalArgumentException("line " + sku + ": unit price must not be negative, was " + unitPrice);
        }
        if (!discount.currency().equals(unitPrice.currency())) {
            throw new CurrencyMismatchException(unitPrice.currency(), discount.currency());
        }
        if (discount.isNegative() || discount.isGreaterThan(unitPrice.times(quantity))) {
            throw new IllegalArgumentException("line " + sku + ": discount must be 0.." + unitPrice.times(quantity)
                    + ", was " + discount);
        }
    }

    /**
     * A line without a discount.
     *
     * @param sku non-null SKU
     * @param quantity units, {@code > 0}
     * @param unitPrice non-null, non-negative unit price
     * @return the line
     */
    public static OrderLine of(Sku sku, int quantity, Money unitPrice) {
        return new OrderLine(sku, quantity, unitPrice, Money.zero(unitPrice.currency()));
    }

    /**
     * Unit price × quantity, exact.
     *
     * @return the line total before the discount
     * @throws ArithmeticException on overflow
     */
    public Money total() {
        return unitPrice.times(quantity);
    }

    /**
     * What the customer pays for the line: {@link #total()} − {@link #discount()}.
     *
     * @return the line's net amount, never negative
     */
    public Money net() {
        return total().minus(discount);
    }

    /**
     * The net amount of {@code units} of this line, counted after {@code alreadyCounted} others: the floor of the
     * net share of the first {@code alreadyCounted + units} units minus that of the first {@code alreadyCounted}.
     * The parts of a line counted in any pieces therefore sum exactly to {@link #net()} (a return in three parts
     * refunds the same as one return of the line).
     *
     * @param units units, {@code 1..quantity}
     * @param alreadyCounted units of the line counted before (by earlier parts), {@code 0..quantity-units}
     * @return the net of those units
     * @throws IllegalArgumentException if the counts are out of range
     */
    public Money netOf(int units, int alreadyCounted) {
        if (units < 1 || alreadyCounted < 0 || units + alreadyCounted > quantity) {
            throw new IllegalArgumentException("line " + sku + ": cannot count " + units + " units after "
                    + alreadyCounted + " of " + quantity);
        }
        Money net = net();
        return net.timesFraction(alreadyCounted + units, quantity, java.math.RoundingMode.FLOOR)
                .minus(net.timesFraction(alreadyCounted, quantity, java.math.RoundingMode.FLOOR));
    }
}

package io.github.omniretail.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A percentage in basis points: 1 bp = 0.01 %, {@code 10_000} = 100 %. May be negative (a markdown expressed as
 * a signed change) and may exceed 100 % (a premium of 150 %).
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the percentage in basis points, between {@link #MIN_VALUE} and {@link #MAX_VALUE}
 */
public record BasisPoints(int value) implements Comparable<BasisPoints> {

    /** One hundred percent: {@code 10_000} basis points. */
    public static final int ONE_HUNDRED_PERCENT = 10_000;
    /** Largest accepted value: 1,000,000 bp = 10,000 %. Anything beyond is taken for a unit mistake. */
    public static final int MAX_VALUE = 1_000_000;
    /** Smallest accepted value: −1,000,000 bp. */
    public static final int MIN_VALUE = -1_000_000;

    /** Zero percent. */
    public static final BasisPoints ZERO = new BasisPoints(0);
    /** One hundred percent. */
    public static final BasisPoints HUNDRED_PERCENT = new BasisPoints(ONE_HUNDRED_PERCENT);

    /**
     * Validates the range.
     *
     * @param value the percentage in basis points, between {@link #MIN_VALUE} and {@link #MAX_VALUE}
     */
    public BasisPoints {
        if (value < MIN_VALUE || value > MAX_VALUE) {
            throw new IllegalArgumentException("basis points must be within [" + MIN_VALUE + ", " + MAX_VALUE
                    + "] (±10,000 %), was " + value);
        }
    }

    /**
     * The given number of basis points.
     *
     * @param value basis points (1500 = 15 %)
     * @return the percentage
     * @throws IllegalArgumentException if out of range
     */
    public static BasisPoints of(int value) {
        return new BasisPoints(value);
    }

    /**
     * A whole or decimal percentage, which must be a whole number of basis points ({@code "12.5"} = 1250 bp).
     *
     * @param percent non-null percentage such as {@code new BigDecimal("12.5")}
     * @return the percentage in basis points
     * @throws IllegalArgumentException if it has more than two decimals or is out of range
     */
    public static BasisPoints ofPercent(BigDecimal percent) {
        Objects.requireNonNull(percent, "percent");
        BigDecimal bp = percent.movePointRight(2);
        try {
            return new BasisPoints(bp.intValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("percent " + percent.toPlainString()
                    + " is not a whole number of basis points within range", e);
        }
    }

    /**
     * {@code money × value ÷ 10,000}, computed exactly and rounded once.
     *
     * @param money non-null amount
     * @param rounding non-null rounding of the exact result
     * @return this share of {@code money}, in its currency
     * @throws ArithmeticException on overflow, or when {@code UNNECESSARY} meets an inexact result
     */
    public Money applyTo(Money money, RoundingMode rounding) {
        Objects.requireNonNull(money, "money");
        return money.timesFraction(value, ONE_HUNDRED_PERCENT, rounding);
    }

    /** @return {@code 100 % − this}: the share paid after a discount of this size (20 % off → 80 %) */
    public BasisPoints complement() {
        return new BasisPoints(ONE_HUNDRED_PERCENT - value);
    }

    /** @return the rate as an exact decimal fraction (1250 bp → 0.125) */
    public BigDecimal toRate() {
        return BigDecimal.valueOf(value, 4);
    }

    @Override
    public int compareTo(BasisPoints other) {
        return Integer.compare(value, other.value);
    }

    /** @return e.g. {@code "12.50%"} */
    @Override
    public String toString() {
        return BigDecimal.valueOf(value, 2).toPlainString() + "%";
    }
}

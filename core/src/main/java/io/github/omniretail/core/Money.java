package io.github.omniretail.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of money: a whole number of the currency's minor units (fen, cents; yen have none) and a currency.
 *
 * <p>The scale is fixed by {@link Currency#getDefaultFractionDigits()}: CNY, USD and EUR have 2, JPY has 0.
 * Money never passes through {@code double}. Every operation that can produce digits below the minor unit takes
 * a {@link RoundingMode}; every operation that can leave the {@code long} range throws {@link ArithmeticException}
 * instead of wrapping; mixing currencies throws {@link CurrencyMismatchException}. {@link #allocate(long...)} and
 * {@link #split(int)} distribute every minor unit so the parts always sum to the whole.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param minorUnits the amount in minor units of {@code currency} (for CNY 12.34 this is 1234); may be negative
 * @param currency the currency; non-null, with a non-negative default fraction digit count
 */
public record Money(long minorUnits, Currency currency) implements Comparable<Money> {

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[-+]?\\d+(\\.\\d+)?");

    /**
     * Validates the currency.
     *
     * @param minorUnits the amount in minor units of {@code currency} (for CNY 12.34 this is 1234); may be negative
     * @param currency the currency; non-null, with a non-negative default fraction digit count
     */
    public Money {
        Objects.requireNonNull(currency, "currency");
        scaleOf(currency);
    }

    /**
     * Money of {@code minorUnits} minor units.
     *
     * @param minorUnits amount in minor units (1234 = 12.34 CNY)
     * @param currency non-null currency with a defined scale
     * @return the money
     * @throws IllegalArgumentException if the currency has no defined minor unit (such as XAU)
     */
    public static Money ofMinor(long minorUnits, Currency currency) {
        return new Money(minorUnits, currency);
    }

    /**
     * Money of {@code minorUnits} minor units of the currency with ISO 4217 code {@code currencyCode}.
     *
     * @param minorUnits amount in minor units
     * @param currencyCode ISO 4217 code such as {@code "CNY"}
     * @return the money
     * @throws IllegalArgumentException if the code is unknown or the currency has no defined minor unit
     */
    public static Money ofMinor(long minorUnits, String currencyCode) {
        return new Money(minorUnits, currency(currencyCode));
    }

    /**
     * Zero in {@code currency}.
     *
     * @param currency non-null currency with a defined scale
     * @return zero money
     */
    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    /**
     * Money from a decimal amount in major units, which must fit the currency's scale exactly.
     *
     * <p>{@code of(new BigDecimal("12.30"), CNY)} and {@code "12.3"} are both 1230 fen; {@code "12.345"} is
     * rejected rather than rounded, since silent rounding is how money goes missing.
     *
     * @param amount non-null amount in major units (yuan, dollars)
     * @param currency non-null currency with a defined scale
     * @return the money
     * @throws IllegalArgumentException if {@code amount} has more decimals than the currency allows
     * @throws ArithmeticException if the amount does not fit a {@code long} of minor units
     */
    public static Money of(BigDecimal amount, Currency currency) {
        Objects.requireNonNull(amount, "amount");
        int scale = scaleOf(currency);
        BigDecimal scaled;
        try {
            scaled = amount.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount " + amount.toPlainString() + " has more decimals than "
                    + currency.getCurrencyCode() + " allows (" + scale + "); round it explicitly first", e);
        }
        BigInteger minor = scaled.unscaledValue();
        if (minor.bitLength() > 63) {
            throw new ArithmeticException("amount " + amount.toPlainString() + " " + currency.getCurrencyCode()
                    + " does not fit in a long of minor units");
        }
        return new Money(minor.longValue(), currency);
    }

    /**
     * Parses a plain decimal string ({@code "12.34"}, {@code "-0.5"}, {@code "100"}) in major units.
     *
     * @param amount non-null plain decimal: optional sign, digits, optional fraction; no exponent, no grouping
     * @param currency non-null currency with a defined scale
     * @return the money
     * @throws IllegalArgumentException if the text is not a plain decimal or has more decimals than the currency
     *     allows
     * @throws ArithmeticException if the amount does not fit a {@code long} of minor units
     */
    public static Money parse(String amount, Currency currency) {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (!PLAIN_DECIMAL.matcher(amount).matches()) {
            throw new IllegalArgumentException("amount '" + amount
                    + "' is not a plain decimal such as \"12.34\" (no exponent, no grouping, no spaces)");
        }
        return of(new BigDecimal(amount), currency);
    }

    /**
     * Parses the form {@link #toString()} writes: a currency code, one space, a plain decimal ({@code "CNY 12.34"}).
     *
     * @param text non-null text
     * @return the money
     * @throws IllegalArgumentException if the text is not of that form, the currency is unknown or the amount has
     *     excess decimals
     */
    public static Money parse(String text) {
        Objects.requireNonNull(text, "text");
        int space = text.indexOf(' ');
        if (space <= 0 || space != text.lastIndexOf(' ')) {
            throw new IllegalArgumentException("money '" + text + "' is not of the form \"CNY 12.34\"");
        }
        return parse(text.substring(space + 1), currency(text.substring(0, space)));
    }

    /** @return the number of decimals of this currency's minor unit (2 for CNY, 0 for JPY) */
    public int scale() {
        return currency.getDefaultFractionDigits();
    }

    /** @return the amount in major units as an exact decimal with the currency's scale ({@code 12.34}) */
    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(minorUnits, scale());
    }

    /** @return the amount as a plain decimal string with the currency's scale ({@code "12.34"}, {@code "-0.50"}) */
    public String amountString() {
        return toBigDecimal().toPlainString();
    }

    /**
     * Sum of this and {@code other}.
     *
     * @param other non-null money in the same currency
     * @return the sum
     * @throws CurrencyMismatchException if the currencies differ
     * @throws ArithmeticException on overflow
     */
    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    }

    /**
     * Difference of this and {@code other}.
     *
     * @param other non-null money in the same currency
     * @return this minus other
     * @throws CurrencyMismatchException if the currencies differ
     * @throws ArithmeticException on overflow
     */
    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minorUnits, other.minorUnits), currency);
    }

    /**
     * This plus {@code minorUnits} minor units.
     *
     * @param minorUnits amount to add, in minor units of this currency
     * @return the sum
     * @throws ArithmeticException on overflow
     */
    public Money plusMinor(long minorUnits) {
        return new Money(Math.addExact(this.minorUnits, minorUnits), currency);
    }

    /**
     * The negation.
     *
     * @return minus this
     * @throws ArithmeticException for {@link Long#MIN_VALUE} minor units
     */
    public Money negate() {
        return new Money(Math.negateExact(minorUnits), currency);
    }

    /**
     * The absolute value.
     *
     * @return this if non-negative, else its negation
     * @throws ArithmeticException for {@link Long#MIN_VALUE} minor units
     */
    public Money abs() {
        return minorUnits < 0 ? negate() : this;
    }

    /**
     * This times a whole number, such as a unit price times a quantity.
     *
     * @param factor any integer
     * @return the product
     * @throws ArithmeticException on overflow
     */
    public Money times(long factor) {
        return new Money(Math.multiplyExact(minorUnits, factor), currency);
    }

    /**
     * This times a decimal rate, rounded once to the minor unit.
     *
     * @param rate non-null rate, e.g. {@code 0.8} for "pay 80 %"
     * @param rounding non-null rounding applied to the exact product; {@link RoundingMode#UNNECESSARY} throws if
     *     rounding is needed
     * @return the rounded product
     * @throws ArithmeticException on overflow or when {@code UNNECESSARY} meets an inexact product
     */
    public Money times(BigDecimal rate, RoundingMode rounding) {
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(rounding, "rounding");
        BigDecimal exact = BigDecimal.valueOf(minorUnits).multiply(rate);
        return new Money(exact.setScale(0, rounding).longValueExact(), currency);
    }

    /**
     * This times {@code numerator / denominator}, computed exactly and rounded once to the minor unit.
     *
     * <p>Useful for rates held as integers: basis points ({@code n / 10_000}), proportional shares
     * ({@code lineTotal / cartTotal}).
     *
     * @param numerator any integer
     * @param denominator a positive integer
     * @param rounding non-null rounding of the exact quotient
     * @return the rounded product
     * @throws IllegalArgumentException if {@code denominator <= 0}
     * @throws ArithmeticException on overflow or when {@code UNNECESSARY} meets an inexact quotient
     */
    public Money timesFraction(long numerator, long denominator, RoundingMode rounding) {
        return new Money(RoundedDivision.multiplyDivide(minorUnits, numerator, denominator, rounding), currency);
    }

    /**
     * Splits this into parts proportional to {@code weights}, losing no minor unit.
     *
     * <p>Largest-remainder method: each part first gets the floor of its exact share (of the absolute amount);
     * the minor units left over go one each to the parts with the largest remainders, ties to the earlier part.
     * The parts sum exactly to this amount, carry its sign, and a zero weight always gets zero. The result is
     * deterministic: the same input always gives the same parts.
     *
     * @param weights one or more non-negative weights with a positive sum
     * @return one money per weight, in order, summing exactly to this
     * @throws IllegalArgumentException if there are no weights, a weight is negative, or all are zero
     * @throws ArithmeticException if the weights' sum overflows a {@code long}
     */
    public Money[] allocate(long... weights) {
        Objects.requireNonNull(weights, "weights");
        if (weights.length == 0) {
            throw new IllegalArgumentException("allocate needs at least one weight");
        }
        long total = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] < 0) {
                throw new IllegalArgumentException("weight[" + i + "] is negative: " + weights[i]);
            }
            total = Math.addExact(total, weights[i]);
        }
        if (total == 0) {
            throw new IllegalArgumentException("weights sum to zero; at least one must be positive");
        }
        if (minorUnits == Long.MIN_VALUE) {
            throw new ArithmeticException("cannot allocate Long.MIN_VALUE minor units");
        }
        long magnitude = Math.abs(minorUnits);
        int n = weights.length;
        long[] parts = new long[n];
        long[] remainders = new long[n];
        long assigned = 0;
        for (int i = 0; i < n; i++) {
            long product;
            try {
                product = Math.multiplyExact(magnitude, weights[i]);
                parts[i] = product / total;
                remainders[i] = product % total;
            } catch (ArithmeticException overflow) {
                BigInteger[] qr = BigInteger.valueOf(magnitude).multiply(BigInteger.valueOf(weights[i]))
                        .divideAndRemainder(BigInteger.valueOf(total));
                parts[i] = qr[0].longValueExact();
                remainders[i] = qr[1].longValueExact();
            }
            assigned += parts[i];
        }
        int leftover = (int) (magnitude - assigned); // < n: the remainders' sum over total
        if (leftover > 0) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            // Largest remainder first; Arrays.sort is stable, so ties keep position order.
            Arrays.sort(order, (x, y) -> Long.compare(remainders[y], remainders[x]));
            for (int k = 0; k < leftover; k++) {
                parts[order[k]]++;
            }
        }
        Money[] result = new Money[parts.length];
        for (int i = 0; i < parts.length; i++) {
            result[i] = new Money(minorUnits < 0 ? -parts[i] : parts[i], currency);
        }
        return result;
    }

    /**
     * Splits this into {@code parts} equal shares that differ by at most one minor unit, the larger shares first.
     *
     * @param parts number of shares, at least 1
     * @return the shares, summing exactly to this
     * @throws IllegalArgumentException if {@code parts < 1}
     * @throws ArithmeticException for {@link Long#MIN_VALUE} minor units
     */
    public Money[] split(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be >= 1, was " + parts);
        }
        long magnitude = Math.absExact(minorUnits);
        long base = magnitude / parts;
        long extra = magnitude % parts;
        Money[] result = new Money[parts];
        for (int i = 0; i < parts; i++) {
            long share = base + (i < extra ? 1 : 0);
            result[i] = new Money(minorUnits < 0 ? -share : share, currency);
        }
        return result;
    }

    /** @return true if the amount is zero */
    public boolean isZero() {
        return minorUnits == 0;
    }

    /** @return true if the amount is greater than zero */
    public boolean isPositive() {
        return minorUnits > 0;
    }

    /** @return true if the amount is less than zero */
    public boolean isNegative() {
        return minorUnits < 0;
    }

    /**
     * Whether this is greater than {@code other}.
     *
     * @param other non-null money in the same currency
     * @return {@code this > other}
     * @throws CurrencyMismatchException if the currencies differ
     */
    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    /**
     * Whether this is less than {@code other}.
     *
     * @param other non-null money in the same currency
     * @return {@code this < other}
     * @throws CurrencyMismatchException if the currencies differ
     */
    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    /**
     * The smaller of this and {@code other} (this when equal).
     *
     * @param other non-null money in the same currency
     * @return the minimum
     * @throws CurrencyMismatchException if the currencies differ
     */
    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    /**
     * The larger of this and {@code other} (this when equal).
     *
     * @param other non-null money in the same currency
     * @return the maximum
     * @throws CurrencyMismatchException if the currencies differ
     */
    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /**
     * Orders amounts of the same currency.
     *
     * @throws CurrencyMismatchException if the currencies differ: amounts in different currencies have no order
     */
    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minorUnits, other.minorUnits);
    }

    /**
     * Checks that {@code other} has this currency.
     *
     * @param other non-null money
     * @throws CurrencyMismatchException if it does not
     */
    public void requireSameCurrency(Money other) {
        Objects.requireNonNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException(currency, other.currency);
        }
    }

    /** @return currency code, a space and the plain amount, e.g. {@code "CNY 12.34"}; {@link #parse(String)} reads it */
    @Override
    public String toString() {
        return currency.getCurrencyCode() + " " + amountString();
    }

    private static int scaleOf(Currency currency) {
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            throw new IllegalArgumentException("currency " + currency.getCurrencyCode()
                    + " has no usable minor unit (default fraction digits " + digits + ")");
        }
        return digits;
    }

    static Currency currency(String code) {
        Objects.requireNonNull(code, "currency code");
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown ISO 4217 currency code '" + code + "'", e);
        }
    }
}

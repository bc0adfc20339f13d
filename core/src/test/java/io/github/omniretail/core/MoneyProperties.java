package io.github.omniretail.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Currency;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class MoneyProperties {

    private static final Currency CNY = Currency.getInstance("CNY");

    @Provide
    Arbitrary<Money> money() {
        return CoreArbitraries.money();
    }

    @Provide
    Arbitrary<long[]> weights() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 1_000), Arbitraries.longs().between(0, Long.MAX_VALUE / 64))
                .array(long[].class).ofMinSize(1).ofMaxSize(30)
                .filter(w -> Arrays.stream(w).anyMatch(x -> x > 0));
    }

    @Property
    void allocationSumsExactlyAndFollowsTheExactShares(@ForAll("money") Money money, @ForAll("weights") long[] weights) {
        Assume.that(money.minorUnits() != Long.MIN_VALUE);
        Money[] parts = money.allocate(weights);
        assertEquals(weights.length, parts.length);
        BigInteger total = BigInteger.ZERO;
        BigInteger weightSum = Arrays.stream(weights).mapToObj(BigInteger::valueOf).reduce(BigInteger.ZERO, BigInteger::add);
        for (int i = 0; i < parts.length; i++) {
            assertEquals(money.currency(), parts[i].currency());
            total = total.add(BigInteger.valueOf(parts[i].minorUnits()));
            // Each part is its exact share rounded down or up (in magnitude) by less than one unit.
            BigDecimal exact = new BigDecimal(BigInteger.valueOf(money.minorUnits()).multiply(BigInteger.valueOf(weights[i])))
                    .divide(new BigDecimal(weightSum), 10, RoundingMode.HALF_EVEN);
            assertTrue(exact.subtract(BigDecimal.valueOf(parts[i].minorUnits())).abs().compareTo(BigDecimal.ONE) < 0,
                    "part " + i + " = " + parts[i].minorUnits() + " vs exact share " + exact);
            if (weights[i] == 0) {
                assertEquals(0, parts[i].minorUnits());
            }
        }
        assertEquals(BigInteger.valueOf(money.minorUnits()), total);
    }

    @Property
    void equalWeightsDifferByAtMostOneMinorUnit(@ForAll("money") Money money,
            @ForAll @IntRange(min = 1, max = 50) int count, @ForAll @LongRange(min = 1, max = 1_000_000) long weight) {
        Assume.that(money.minorUnits() != Long.MIN_VALUE);
        long[] weights = new long[count];
        Arrays.fill(weights, weight);
        long[] parts = Arrays.stream(money.allocate(weights)).mapToLong(Money::minorUnits).toArray();
        long[] split = Arrays.stream(money.split(count)).mapToLong(Money::minorUnits).toArray();
        assertTrue(Arrays.stream(parts).max().getAsLong() - Arrays.stream(parts).min().getAsLong() <= 1);
        assertEquals(money.minorUnits(), Arrays.stream(split).sum());
        assertTrue(Arrays.stream(split).max().getAsLong() - Arrays.stream(split).min().getAsLong() <= 1);
        // Both spread the leftover units to the earliest positions, so they agree.
        assertEquals(Arrays.toString(split), Arrays.toString(parts));
    }

    @Property
    void allocationIsDeterministic(@ForAll("money") Money money, @ForAll("weights") long[] weights) {
        Assume.that(money.minorUnits() != Long.MIN_VALUE);
        assertEquals(Arrays.asList(money.allocate(weights)), Arrays.asList(money.allocate(weights.clone())));
    }

    @Property
    void addAndSubtractAreInverseOrOverflowIsDetected(@ForAll long a, @ForAll long b) {
        Money x = Money.ofMinor(a, CNY);
        Money y = Money.ofMinor(b, CNY);
        BigInteger exact = BigInteger.valueOf(a).add(BigInteger.valueOf(b));
        if (exact.bitLength() < 64) {
            Money sum = x.plus(y);
            assertEquals(exact.longValueExact(), sum.minorUnits());
            assertEquals(x, sum.minus(y));
        } else {
            assertThrows(ArithmeticException.class, () -> x.plus(y));
        }
        BigInteger difference = BigInteger.valueOf(a).subtract(BigInteger.valueOf(b));
        if (difference.bitLength() < 64) {
            assertEquals(x, x.minus(y).plus(y));
        } else {
            assertThrows(ArithmeticException.class, () -> x.minus(y));
        }
    }

    @Property
    void multiplicationOverflowIsDetected(@ForAll long a, @ForAll long factor) {
        BigInteger exact = BigInteger.valueOf(a).multiply(BigInteger.valueOf(factor));
        Money m = Money.ofMinor(a, CNY);
        if (exact.bitLength() < 64) {
            assertEquals(exact.longValueExact(), m.times(factor).minorUnits());
        } else {
            assertThrows(ArithmeticException.class, () -> m.times(factor));
        }
    }

    @Property
    void timesFractionMatchesBigDecimalForEveryRoundingMode(@ForAll long amount, @ForAll long numerator,
            @ForAll @LongRange(min = 1) long denominator, @ForAll RoundingMode rounding) {
        Money m = Money.ofMinor(amount, CNY);
        BigDecimal exact = new BigDecimal(BigInteger.valueOf(amount).multiply(BigInteger.valueOf(numerator)))
                .divide(BigDecimal.valueOf(denominator), 0, RoundingMode.DOWN);
        boolean inexact = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(numerator))
                .mod(BigInteger.valueOf(denominator)).signum() != 0;
        BigDecimal expected;
        try {
            expected = new BigDecimal(BigInteger.valueOf(amount).multiply(BigInteger.valueOf(numerator)))
                    .divide(BigDecimal.valueOf(denominator), 0, rounding);
        } catch (ArithmeticException e) {
            assertTrue(inexact && rounding == RoundingMode.UNNECESSARY);
            assertThrows(ArithmeticException.class, () -> m.timesFraction(numerator, denominator, rounding));
            return;
        }
        if (expected.toBigInteger().bitLength() >= 64) {
            assertThrows(ArithmeticException.class, () -> m.timesFraction(numerator, denominator, rounding));
        } else {
            assertEquals(expected.longValueExact(), m.timesFraction(numerator, denominator, rounding).minorUnits(),
                    () -> "exact quotient truncated: " + exact);
        }
    }

    @Property
    void smallFractionsMatchBigDecimal(@ForAll @LongRange(min = -1_000_000, max = 1_000_000) long amount,
            @ForAll @IntRange(min = -20_000, max = 20_000) int bp, @ForAll RoundingMode rounding) {
        // The long fast path, where products fit: compare with BigDecimal, the reference.
        Money m = Money.ofMinor(amount, CNY);
        BigDecimal product = BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(bp));
        try {
            long expected = product.divide(BigDecimal.valueOf(10_000), 0, rounding).longValueExact();
            assertEquals(expected, BasisPoints.of(bp).applyTo(m, rounding).minorUnits());
        } catch (ArithmeticException e) {
            assertThrows(ArithmeticException.class, () -> BasisPoints.of(bp).applyTo(m, rounding));
        }
    }

    @Property
    void textRoundTrips(@ForAll("money") Money money) {
        assertEquals(money, Money.parse(money.toString()));
        assertEquals(money, Money.parse(money.amountString(), money.currency()));
        assertEquals(money, Money.of(money.toBigDecimal(), money.currency()));
    }

    @Property
    void orderingAgreesWithMinorUnits(@ForAll long a, @ForAll long b) {
        assertEquals(Integer.signum(Long.compare(a, b)),
                Integer.signum(Money.ofMinor(a, CNY).compareTo(Money.ofMinor(b, CNY))));
    }

    @Property
    void splitSumsExactly(@ForAll("money") Money money, @ForAll @IntRange(min = 1, max = 1000) int parts) {
        Assume.that(money.minorUnits() != Long.MIN_VALUE);
        assertEquals(money.minorUnits(), Arrays.stream(money.split(parts)).mapToLong(Money::minorUnits).sum());
    }
}

package io.github.omniretail.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class MoneyTest {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency JPY = Currency.getInstance("JPY");

    private static long[] minors(Money[] parts) {
        return Arrays.stream(parts).mapToLong(Money::minorUnits).toArray();
    }

    @Test
    void parsesPlainDecimalsIntoMinorUnitsOfTheCurrencyScale() {
        assertEquals(1234, Money.parse("12.34", CNY).minorUnits());
        assertEquals(1230, Money.parse("12.3", CNY).minorUnits());
        assertEquals(1230, Money.parse("12.300", CNY).minorUnits());
        assertEquals(-50, Money.parse("-0.5", USD).minorUnits());
        assertEquals(1200, Money.parse("1200", JPY).minorUnits());
        assertEquals(0, Money.parse("12", JPY).scale());
    }

    @Test
    void rejectsExcessScaleInsteadOfRounding() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Money.parse("12.345", CNY));
        assertTrue(e.getMessage().contains("12.345") && e.getMessage().contains("CNY"), e.getMessage());
        IllegalArgumentException yen = assertThrows(IllegalArgumentException.class, () -> Money.parse("1.5", JPY));
        assertTrue(yen.getMessage().contains("JPY"), yen.getMessage());
    }

    @Test
    void rejectsTextThatIsNotAPlainDecimal() {
        for (String bad : new String[] {"1e3", "1,000.00", " 12.34", "12.", ".5", "abc", "", "NaN"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Money.parse(bad, CNY), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void rejectsCurrenciesWithoutAMinorUnit() {
        Currency gold = Currency.getInstance("XAU");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Money.ofMinor(1, gold));
        assertTrue(e.getMessage().contains("XAU"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Money.ofMinor(1, "ZZZ"));
    }

    @Test
    void rejectsAmountsBeyondTheLongRange() {
        assertThrows(ArithmeticException.class, () -> Money.parse("92233720368547758.08", CNY));
        assertEquals(Long.MAX_VALUE, Money.parse("92233720368547758.07", CNY).minorUnits());
    }

    @Test
    void toStringAndParseRoundTrip() {
        Money m = Money.ofMinor(-1205, CNY);
        assertEquals("CNY -12.05", m.toString());
        assertEquals(m, Money.parse(m.toString()));
        assertEquals("JPY 500", Money.ofMinor(500, JPY).toString());
        assertThrows(IllegalArgumentException.class, () -> Money.parse("CNY12.05"));
        assertThrows(IllegalArgumentException.class, () -> Money.parse("CNY  12.05"));
    }

    @Test
    void mixingCurrenciesThrowsWithBothCurrencies() {
        Money yuan = Money.ofMinor(100, CNY);
        Money dollar = Money.ofMinor(100, USD);
        CurrencyMismatchException e = assertThrows(CurrencyMismatchException.class, () -> yuan.plus(dollar));
        assertEquals(CNY, e.expected());
        assertEquals(USD, e.actual());
        assertTrue(e.getMessage().contains("CNY") && e.getMessage().contains("USD"));
        assertThrows(CurrencyMismatchException.class, () -> yuan.minus(dollar));
        assertThrows(CurrencyMismatchException.class, () -> yuan.compareTo(dollar));
        assertThrows(CurrencyMismatchException.class, () -> yuan.max(dollar));
    }

    @Test
    void arithmeticOverflowIsDetectedNotWrapped() {
        Money max = Money.ofMinor(Long.MAX_VALUE, CNY);
        assertThrows(ArithmeticException.class, () -> max.plus(Money.ofMinor(1, CNY)));
        assertThrows(ArithmeticException.class, () -> Money.ofMinor(Long.MIN_VALUE, CNY).negate());
        assertThrows(ArithmeticException.class, () -> max.times(2));
        assertThrows(ArithmeticException.class, () -> max.times(new BigDecimal("1.5"), RoundingMode.HALF_EVEN));
        assertThrows(ArithmeticException.class, () -> Money.ofMinor(Long.MIN_VALUE, CNY).minus(Money.ofMinor(1, CNY)));
    }

    @Test
    void multipliesByARateWithExplicitRounding() {
        Money price = Money.parse("9.99", CNY);
        assertEquals(Money.parse("7.99", CNY), price.times(new BigDecimal("0.8"), RoundingMode.HALF_UP));
        assertEquals(Money.parse("7.99", CNY), price.times(new BigDecimal("0.8"), RoundingMode.DOWN));
        assertEquals(Money.parse("8.00", CNY), price.times(new BigDecimal("0.8"), RoundingMode.UP));
        assertThrows(ArithmeticException.class, () -> price.times(new BigDecimal("0.8"), RoundingMode.UNNECESSARY));
        assertEquals(Money.parse("29.97", CNY), price.times(3));
    }

    @Test
    void timesFractionRoundsOnceAndHandlesHugeProducts() {
        Money m = Money.ofMinor(5, CNY);
        assertEquals(2, m.timesFraction(1, 2, RoundingMode.HALF_EVEN).minorUnits());
        assertEquals(3, m.timesFraction(1, 2, RoundingMode.HALF_UP).minorUnits());
        assertEquals(-3, m.negate().timesFraction(1, 2, RoundingMode.HALF_UP).minorUnits());
        assertEquals(-3, m.negate().timesFraction(1, 2, RoundingMode.FLOOR).minorUnits());
        Money big = Money.ofMinor(Long.MAX_VALUE / 2, CNY);
        assertEquals(6_148_914_691_236_517_204L, big.timesFraction(4, 3, RoundingMode.HALF_EVEN).minorUnits());
        assertThrows(IllegalArgumentException.class, () -> m.timesFraction(1, 0, RoundingMode.HALF_UP));
    }

    @Test
    void allocatesByLargestRemainderWithTiesToEarlierParts() {
        Money hundred = Money.ofMinor(100, CNY);
        assertArrayEquals(new long[] {34, 33, 33}, minors(hundred.allocate(1, 1, 1)));
        assertArrayEquals(new long[] {33, 33, 34}, minors(hundred.allocate(333, 333, 334)));
        assertArrayEquals(new long[] {70, 0, 30}, minors(hundred.allocate(7, 0, 3)));
        assertArrayEquals(new long[] {-34, -33, -33}, minors(hundred.negate().allocate(1, 1, 1)));
        // 5 over weights 1,2 → exact 1.67, 3.33: remainders 2/3 then 1/3, so the first part gets the unit.
        assertArrayEquals(new long[] {2, 3}, minors(Money.ofMinor(5, CNY).allocate(1, 2)));
    }

    @Test
    void allocateRejectsBadWeights() {
        Money m = Money.ofMinor(100, CNY);
        assertThrows(IllegalArgumentException.class, () -> m.allocate());
        assertThrows(IllegalArgumentException.class, () -> m.allocate(0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.allocate(1, -2));
        assertTrue(e.getMessage().contains("weight[1]") && e.getMessage().contains("-2"), e.getMessage());
        assertThrows(ArithmeticException.class, () -> m.allocate(Long.MAX_VALUE, 1));
        assertThrows(ArithmeticException.class, () -> Money.ofMinor(Long.MIN_VALUE, CNY).allocate(1, 1));
        assertThrows(ArithmeticException.class, () -> Money.ofMinor(Long.MIN_VALUE, CNY).split(2));
    }

    @Test
    void splitGivesLargerSharesFirst() {
        assertArrayEquals(new long[] {34, 33, 33}, minors(Money.ofMinor(100, CNY).split(3)));
        assertArrayEquals(new long[] {-2, -1}, minors(Money.ofMinor(-3, CNY).split(2)));
        assertArrayEquals(new long[] {0, 0, 0}, minors(Money.zero(CNY).split(3)));
        assertThrows(IllegalArgumentException.class, () -> Money.ofMinor(1, CNY).split(0));
    }

    @Test
    void comparisonsAndMinMax() {
        Money a = Money.ofMinor(100, CNY);
        Money b = Money.ofMinor(200, CNY);
        assertTrue(a.isLessThan(b));
        assertTrue(b.isGreaterThan(a));
        assertSame(a, a.min(b));
        assertSame(b, a.max(b));
        assertTrue(Money.zero(CNY).isZero());
        assertTrue(a.negate().isNegative());
        assertEquals(a, a.negate().abs());
        assertEquals(new BigDecimal("1.00"), a.toBigDecimal());
    }
}

package io.github.omniretail.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class BasisPointsTest {

    @Test
    void appliesToMoneyWithExplicitRounding() {
        Money price = Money.parse("19.99", java.util.Currency.getInstance("CNY"));
        // 20 % of 19.99 = 3.998 → 4.00 (HALF_UP) or 3.99 (DOWN)
        assertEquals(400, BasisPoints.of(2000).applyTo(price, RoundingMode.HALF_UP).minorUnits());
        assertEquals(399, BasisPoints.of(2000).applyTo(price, RoundingMode.DOWN).minorUnits());
        assertEquals(1599, BasisPoints.of(2000).complement().applyTo(price, RoundingMode.DOWN).minorUnits());
        assertEquals(-400, BasisPoints.of(-2000).applyTo(price, RoundingMode.HALF_UP).minorUnits());
    }

    @Test
    void convertsFromPercentages() {
        assertEquals(1250, BasisPoints.ofPercent(new BigDecimal("12.5")).value());
        assertEquals(new BigDecimal("0.1250"), BasisPoints.of(1250).toRate());
        assertEquals("12.50%", BasisPoints.of(1250).toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BasisPoints.ofPercent(new BigDecimal("12.555")));
        assertTrue(e.getMessage().contains("12.555"), e.getMessage());
    }

    @Test
    void rejectsValuesOutsideTheRangeWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BasisPoints.of(1_000_001));
        assertTrue(e.getMessage().contains("1000001"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BasisPoints.of(-1_000_001));
        assertEquals(BasisPoints.MAX_VALUE, BasisPoints.of(BasisPoints.MAX_VALUE).value());
    }

    @Test
    void ordersByValue() {
        assertTrue(BasisPoints.of(100).compareTo(BasisPoints.of(200)) < 0);
        assertEquals(BasisPoints.HUNDRED_PERCENT, BasisPoints.ZERO.complement());
    }
}

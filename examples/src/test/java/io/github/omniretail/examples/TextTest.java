package io.github.omniretail.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.omniretail.core.Money;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class TextTest {

    private static final Currency CNY = Currency.getInstance("CNY");

    @Test
    void moneyIsGroupedByThousandsExactly() {
        assertEquals("CNY 2,445,708.32", Text.money(Money.parse("2445708.32", CNY)));
        assertEquals("CNY 708.32", Text.money(Money.parse("708.32", CNY)));
        assertEquals("CNY 100,000.00", Text.money(Money.parse("100000", CNY)));
        assertEquals("CNY -1,234.50", Text.money(Money.parse("-1234.5", CNY)));
        assertEquals("JPY 1,234,567", Text.money(Money.ofMinor(1_234_567, "JPY")));
        assertEquals("CNY 92,233,720,368,547,758.07", Text.money(Money.ofMinor(Long.MAX_VALUE, CNY)));
    }

    @Test
    void chineseTakesTwoColumnsSoColumnsLineUp() {
        assertEquals(9, Text.width("满200减50"));
        assertEquals(12, Text.width("重要价值客户"));
        assertEquals(4, Text.width("cafe\u0301"), "a combining accent takes no column");
        String a = Text.pad("  applied: 满200减50", 30) + "|";
        String b = Text.pad("  applied: first-order", 30) + "|";
        assertEquals(Text.width(a), Text.width(b));
        assertEquals(31, Text.width(a));
        assertEquals("too long", Text.pad("too long", 3));
    }
}

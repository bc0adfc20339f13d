package io.github.omniretail.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderTest {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");
    private static final Channel APP = Channel.of("app", ChannelKind.APP);

    private static Order.Builder order() {
        return Order.builder(OrderId.of("O-1"), APP, T0, DeliveryMethod.ship(GeoPoint.of(30.27, 120.15)));
    }

    @Test
    void computesSubtotalAndQuantity() {
        Order o = order().member(MemberId.of("M-7"))
                .line(Sku.of("MILK"), 2, Money.parse("12.50", CNY))
                .line(Sku.of("BREAD"), 1, Money.parse("8.00", CNY)).build();
        assertEquals(Money.parse("33.00", CNY), o.subtotal());
        assertEquals(3, o.totalQuantity());
        assertEquals(CNY, o.currency());
        assertEquals(Optional.of(MemberId.of("M-7")), o.member());
    }

    @Test
    void rejectsAnOrderWithoutLines() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> order().build());
        assertTrue(e.getMessage().contains("O-1"), e.getMessage());
    }

    @Test
    void rejectsMixedCurrencies() {
        CurrencyMismatchException e = assertThrows(CurrencyMismatchException.class, () -> order()
                .line(Sku.of("A"), 1, Money.parse("1.00", CNY))
                .line(Sku.of("B"), 1, Money.parse("1.00", Currency.getInstance("USD"))).build());
        assertEquals(Currency.getInstance("USD"), e.actual());
    }

    @Test
    void rejectsBadLines() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> OrderLine.of(Sku.of("A"), 0, Money.zero(CNY)));
        assertTrue(zero.getMessage().contains("quantity") && zero.getMessage().contains("0"), zero.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> OrderLine.of(Sku.of("A"), 1, Money.parse("-1.00", CNY)));
        assertTrue(negative.getMessage().contains("-1.00"), negative.getMessage());
    }

    @Test
    void linesCarryTheirDiscountAndTheOrderItsNet() {
        OrderLine milk = new OrderLine(Sku.of("MILK"), 3, Money.parse("10.00", CNY), Money.parse("5.00", CNY));
        assertEquals(Money.parse("30.00", CNY), milk.total());
        assertEquals(Money.parse("25.00", CNY), milk.net());
        Order o = order().line(milk).line(Sku.of("BREAD"), 1, Money.parse("4.50", CNY)).build();
        assertEquals(Money.parse("34.50", CNY), o.subtotal());
        assertEquals(Money.parse("29.50", CNY), o.net());
        // 25.00 over three units: 8.33, then 8.33, then 8.34 — any split sums to the line's net
        assertEquals(Money.parse("8.33", CNY), milk.netOf(1, 0));
        assertEquals(Money.parse("16.67", CNY), milk.netOf(2, 1));
        assertEquals(Money.parse("25.00", CNY), milk.netOf(3, 0));
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> milk.netOf(2, 2));
        assertTrue(tooMany.getMessage().contains("2 units after 2 of 3"), tooMany.getMessage());
    }

    @Test
    void rejectsADiscountAboveTheLineOrInAnotherCurrency() {
        IllegalArgumentException above = assertThrows(IllegalArgumentException.class, () -> new OrderLine(
                Sku.of("A"), 2, Money.parse("1.00", CNY), Money.parse("2.01", CNY)));
        assertTrue(above.getMessage().contains("0.." + Money.parse("2.00", CNY)) && above.getMessage()
                .contains("2.01"), above.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OrderLine(Sku.of("A"), 2, Money.parse("1.00", CNY),
                Money.parse("-0.01", CNY)));
        assertThrows(CurrencyMismatchException.class, () -> new OrderLine(Sku.of("A"), 2,
                Money.parse("1.00", CNY), Money.parse("0.50", Currency.getInstance("USD"))));
    }

    @Test
    void rejectsAPromiseBeforePlacement() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> order()
                .line(Sku.of("A"), 1, Money.zero(CNY)).promisedBy(T0.minusSeconds(1)).build());
        assertTrue(e.getMessage().contains("promisedBy"), e.getMessage());
    }

    @Test
    void linesAreCopied() {
        List<OrderLine> lines = new java.util.ArrayList<>(List.of(OrderLine.of(Sku.of("A"), 1, Money.zero(CNY))));
        Order o = new Order(OrderId.of("O"), APP, Optional.empty(), T0, DeliveryMethod.pickup(NodeId.of("S1")), lines,
                Optional.empty());
        lines.clear();
        assertEquals(1, o.lines().size());
        assertThrows(UnsupportedOperationException.class, () -> o.lines().clear());
        assertThrows(ArithmeticException.class, () -> order()
                .line(Sku.of("A"), 2, Money.ofMinor(Long.MAX_VALUE / 2 + 1, CNY)).build().subtotal());
    }
}

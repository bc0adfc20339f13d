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

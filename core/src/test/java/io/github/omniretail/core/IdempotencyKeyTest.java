package io.github.omniretail.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    @Test
    void keysAreStrippedAndValidated() {
        assertEquals("order-42", IdempotencyKey.of("  order-42 ").value());
        assertThrows(IllegalArgumentException.class, () -> IdempotencyKey.of(" "));
        assertThrows(NullPointerException.class, () -> IdempotencyKey.of(null));
        IllegalArgumentException control = assertThrows(IllegalArgumentException.class,
                () -> IdempotencyKey.of("a\u0007b"));
        assertTrue(control.getMessage().contains("U+0007"), control.getMessage());
        assertEquals(200, IdempotencyKey.of("k".repeat(200)).value().length());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> IdempotencyKey.of("k".repeat(201)));
        assertTrue(tooLong.getMessage().contains("at most 200"), tooLong.getMessage());
    }

    @Test
    void stepsDeriveStableDistinctKeys() {
        IdempotencyKey order = IdempotencyKey.of("order-42");
        assertEquals(IdempotencyKey.of("order-42/stock"), order.derive("stock"));
        assertEquals(order.derive("stock"), IdempotencyKey.of("order-42").derive("stock"));
        assertNotEquals(order.derive("stock"), order.derive("points"));
        assertEquals("order-42/return.r1/points", order.derive("return.r1").derive("points").value());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> order.derive("Stock"));
        assertTrue(bad.getMessage().contains("'Stock'"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> order.derive(""));
        assertThrows(IllegalArgumentException.class, () -> order.derive("a/b"));
        assertThrows(IllegalArgumentException.class, () -> order.derive("x".repeat(41)));
    }

    @Test
    void aLongKeyDerivesThroughItsHash() {
        IdempotencyKey a = IdempotencyKey.of("a".repeat(190) + "1");
        IdempotencyKey b = IdempotencyKey.of("a".repeat(190) + "2");
        IdempotencyKey stepOfA = a.derive("confirm-stock");
        assertEquals(64 + 1 + "confirm-stock".length(), stepOfA.value().length());
        assertTrue(stepOfA.value().endsWith("/confirm-stock"));
        assertEquals(stepOfA, a.derive("confirm-stock"));
        assertNotEquals(stepOfA, b.derive("confirm-stock"));
    }
}

package io.github.omniretail.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifierTest {

    private static final List<Function<String, ? extends Identifier>> KINDS =
            List.of(Sku::of, NodeId::of, MemberId::of, OrderId::of, ChannelId::of);

    @Test
    void stripsSurroundingWhiteSpaceAndKeepsInnerSpaces() {
        assertEquals("MILK-1L", Sku.of("  MILK-1L\t").value());
        assertEquals("Store 12", NodeId.of("Store 12").value());
        assertEquals("上海-徐汇店", NodeId.of("上海-徐汇店").toString());
    }

    @Test
    void rejectsBlankTextNamingTheKind() {
        for (Function<String, ? extends Identifier> kind : KINDS) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> kind.apply("   "));
            assertTrue(e.getMessage().contains("blank"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemberId.of(""));
        assertTrue(e.getMessage().startsWith("MemberId"), e.getMessage());
        assertThrows(NullPointerException.class, () -> OrderId.of(null));
    }

    @Test
    void rejectsTooLongText() {
        String ok = "x".repeat(Identifier.MAX_LENGTH);
        assertEquals(ok, Sku.of(ok).value());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sku.of(ok + "y"));
        assertTrue(e.getMessage().contains("129"), e.getMessage());
    }

    @Test
    void rejectsNonPrintableCharactersNamingThem() {
        String[] bad = {"A\u0000B", "A\nB", "A\tB", "A\u200BB" /* zero-width space */, "A\u00A0B" /* nbsp */,
            "A\uE000B" /* private use */, "A\uD800B" /* lone surrogate */, "A\u2028B" /* line separator */};
        for (String text : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChannelId.of(text),
                    text);
            assertTrue(e.getMessage().contains("U+"), e.getMessage());
        }
    }

    @Test
    void typesAreDistinctEvenWithEqualText() {
        assertNotEquals(Sku.of("A1"), NodeId.of("A1"));
        assertEquals(Sku.of("A1"), Sku.of(" A1 "));
        assertTrue(Sku.of("A1").compareTo(Sku.of("B1")) < 0);
    }
}

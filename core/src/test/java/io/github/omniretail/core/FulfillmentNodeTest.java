package io.github.omniretail.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FulfillmentNodeTest {

    private static final GeoPoint XUHUI = GeoPoint.of(31.1880, 121.4365);

    @Test
    void builderSetsEveryField() {
        FulfillmentNode node = FulfillmentNode.builder(NodeId.of("DS-01"), NodeType.DARK_STORE, XUHUI,
                        ZoneId.of("Asia/Shanghai"))
                .name("Xuhui dark store")
                .capabilities(NodeCapability.SHIP).sameDay(3_000).dailyOrderCapacity(800).priority(2).build();
        assertEquals("Xuhui dark store", node.name());
        assertTrue(node.can(NodeCapability.SAME_DAY));
        assertTrue(node.can(NodeCapability.SHIP));
        assertFalse(node.can(NodeCapability.PICKUP));
        assertEquals(OptionalLong.of(3_000), node.sameDayRadiusMetres());
        assertEquals(OptionalInt.of(800), node.dailyOrderCapacity());
        assertEquals(node, node.toBuilder().build());
        assertTrue(node.sameDayReaches(GeoPoint.of(31.2000, 121.4365))); // ~1.3 km north
        assertFalse(node.sameDayReaches(GeoPoint.of(31.2304, 121.4737))); // People's Square, ~5.9 km
    }

    @Test
    void capabilitiesAreCopiedAndUnmodifiable() {
        EnumSet<NodeCapability> caps = EnumSet.of(NodeCapability.SHIP);
        FulfillmentNode node = new FulfillmentNode(NodeId.of("DC"), "DC", NodeType.DISTRIBUTION_CENTER, XUHUI,
                ZoneId.of("UTC"), caps, OptionalLong.empty(), OptionalInt.empty(), 0);
        caps.add(NodeCapability.PICKUP);
        assertFalse(node.can(NodeCapability.PICKUP));
        assertThrows(UnsupportedOperationException.class, () -> node.capabilities().add(NodeCapability.PICKUP));
    }

    @Test
    void sameDayNeedsAPositiveRadiusAndARadiusNeedsSameDay() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () ->
                FulfillmentNode.builder(NodeId.of("S1"), NodeType.STORE, XUHUI, ZoneOffset.UTC)
                        .capabilities(NodeCapability.SAME_DAY).build());
        assertTrue(missing.getMessage().contains("S1"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () ->
                FulfillmentNode.builder(NodeId.of("S1"), NodeType.STORE, XUHUI, ZoneOffset.UTC).sameDay(0).build());
        IllegalArgumentException orphan = assertThrows(IllegalArgumentException.class, () ->
                new FulfillmentNode(NodeId.of("S2"), "S2", NodeType.STORE, XUHUI, ZoneId.of("UTC"),
                        EnumSet.noneOf(NodeCapability.class), OptionalLong.of(500), OptionalInt.empty(), 0));
        assertTrue(orphan.getMessage().contains("500"), orphan.getMessage());
    }

    @Test
    void rejectsNegativeCapacityAndBlankName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                FulfillmentNode.builder(NodeId.of("S1"), NodeType.STORE, XUHUI, ZoneOffset.UTC).dailyOrderCapacity(-1)
                        .build());
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () ->
                FulfillmentNode.builder(NodeId.of("S1"), NodeType.STORE, XUHUI, ZoneOffset.UTC).name("  ").build());
    }

    @Test
    void theZoneIsRequiredAndKeptAsGiven() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> FulfillmentNode.builder(NodeId.of("S1"), NodeType.STORE, XUHUI, null));
        assertEquals("zone", e.getMessage());
        FulfillmentNode node = FulfillmentNode.builder(NodeId.of("S1"), NodeType.STORE, XUHUI,
                ZoneId.of("Asia/Shanghai")).build();
        assertEquals(ZoneId.of("Asia/Shanghai"), node.zone());
        assertEquals(ZoneId.of("Asia/Shanghai"), node.toBuilder().name("renamed").build().zone());
        assertEquals(ZoneOffset.UTC, node.toBuilder().zone(ZoneOffset.UTC).build().zone());
    }
}

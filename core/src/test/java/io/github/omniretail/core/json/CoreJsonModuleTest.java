package io.github.omniretail.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeCapability;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.core.Order;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.Sku;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoreJsonModuleTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new CoreJsonModule());
    private static final Currency CNY = Currency.getInstance("CNY");

    /** A caller's own type embedding core values, to check paths through foreign beans. */
    public static final class Cart {
        public String note;
        public List<Money> items;
    }

    private static InvalidJsonException invalid(String json, Class<?> type) {
        return assertThrows(InvalidJsonException.class, () -> JSON.readValue(json, type));
    }

    @Test
    void writesMoneyWithADecimalStringAmount() throws Exception {
        assertEquals("{\"amount\":\"12.30\",\"currency\":\"CNY\"}", JSON.writeValueAsString(Money.parse("12.3", CNY)));
        assertEquals("{\"amount\":\"500\",\"currency\":\"JPY\"}", JSON.writeValueAsString(Money.ofMinor(500, "JPY")));
        assertEquals(Money.parse("12.30", CNY), JSON.readValue("{\"currency\":\"CNY\",\"amount\":\"12.3\"}", Money.class));
    }

    @Test
    void rejectsAJsonNumberAsAmount() {
        InvalidJsonException e = invalid("{\"amount\":12.34,\"currency\":\"CNY\"}", Money.class);
        assertEquals("$.amount", e.jsonPath());
        assertTrue(e.problem().contains("decimal string"), e.problem());
    }

    @Test
    void rejectsExcessScaleNamingThePath() {
        InvalidJsonException e = invalid("{\"amount\":\"12.345\",\"currency\":\"CNY\"}", Money.class);
        assertEquals("$.amount", e.jsonPath());
        assertTrue(e.problem().contains("12.345"), e.problem());
    }

    @Test
    void namesTheFullPathOfANestedProblem() {
        String json = "{\"id\":\"O-1\",\"channel\":{\"id\":\"app\",\"kind\":\"APP\"},"
                + "\"placedAt\":\"2026-11-22T12:00:00Z\",\"delivery\":{\"type\":\"PICKUP\",\"node\":\"S1\"},"
                + "\"lines\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":{\"amount\":\"1.00\",\"currency\":\"CNY\"}},"
                + "{\"sku\":\"B\",\"quantity\":0,\"unitPrice\":{\"amount\":\"1.00\",\"currency\":\"CNY\"}}]}";
        InvalidJsonException e = invalid(json, Order.class);
        assertEquals("$.lines[1].quantity", e.jsonPath());
        assertTrue(e.problem().contains("> 0") && e.problem().contains("0"), e.problem());
        assertTrue(e.getMessage().contains("$.lines[1].quantity"), e.getMessage());
    }

    @Test
    void namesPathsThroughTheCallersOwnBeans() {
        JsonMappingException e = assertThrows(JsonMappingException.class, () -> JSON.readValue(
                "{\"note\":\"x\",\"items\":[{\"amount\":\"1.00\",\"currency\":\"CNY\"},"
                        + "{\"amount\":\"1.00\",\"currency\":\"XYZ\"}]}", Cart.class));
        InvalidJsonException cause = e instanceof InvalidJsonException ? (InvalidJsonException) e
                : assertInstanceOf(InvalidJsonException.class, e.getCause());
        assertEquals("$.items[1].currency", cause.jsonPath());
        assertTrue(cause.problem().contains("XYZ"), cause.problem());
    }

    @Test
    void rejectsUnknownFieldsAndMissingFields() {
        InvalidJsonException unknown = invalid("{\"amount\":\"1\",\"currency\":\"CNY\",\"amout\":\"2\"}", Money.class);
        assertEquals("$.amout", unknown.jsonPath());
        InvalidJsonException missing = invalid("{\"amount\":\"1\"}", Money.class);
        assertEquals("$.currency", missing.jsonPath());
        assertTrue(missing.problem().contains("missing"), missing.problem());
    }

    @Test
    void malformedJsonNamesWhereItBroke() {
        InvalidJsonException e = invalid("{\"id\":\"O-1\",\"lines\":[{\"sku\":\"A\",}]}", Order.class);
        assertTrue(e.jsonPath().startsWith("$.lines[0]"), e.jsonPath());
        assertTrue(e.problem().startsWith("malformed JSON"), e.problem());
    }

    @Test
    void rejectsInvalidValuesInsideValidJson() {
        assertEquals("$.latitude", invalid("{\"latitude\":\"north\",\"longitude\":1}", GeoPoint.class).jsonPath());
        InvalidJsonException range = invalid("{\"latitude\":91,\"longitude\":1}", GeoPoint.class);
        assertEquals("$", range.jsonPath());
        assertTrue(range.problem().contains("91"), range.problem());
        InvalidJsonException kind = invalid("{\"id\":\"x\",\"kind\":\"TELEPATHY\"}", Channel.class);
        assertEquals("$.kind", kind.jsonPath());
        assertTrue(kind.problem().contains("TELEPATHY") && kind.problem().contains("STORE_POS"), kind.problem());
        assertEquals("$", invalid("\"  \"", Sku.class).jsonPath());
        assertEquals("$", invalid("20000000", BasisPoints.class).jsonPath());
    }

    @Test
    void deliveryTypesAreAFixedSetNeverClassNames() throws Exception {
        assertEquals("{\"type\":\"PICKUP\",\"node\":\"S1\"}", JSON.writeValueAsString(DeliveryMethod.pickup(NodeId.of("S1"))));
        InvalidJsonException e = invalid("{\"type\":\"io.github.omniretail.core.DeliveryMethod$Ship\"}",
                DeliveryMethod.class);
        assertEquals("$.type", e.jsonPath());
        assertTrue(e.problem().contains("SHIP, PICKUP, SAME_DAY"), e.problem());
        InvalidJsonException wrong = invalid("{\"type\":\"PICKUP\",\"node\":\"S1\"}", DeliveryMethod.Ship.class);
        assertTrue(wrong.problem().contains("SHIP"), wrong.problem());
        assertEquals(new DeliveryMethod.SameDay(GeoPoint.of(1, 2)), JSON.readValue(
                "{\"type\":\"SAME_DAY\",\"destination\":{\"latitude\":1,\"longitude\":2}}", DeliveryMethod.class));
    }

    @Test
    void writesNodesWithOptionalFieldsOmitted() throws Exception {
        FulfillmentNode node = FulfillmentNode.builder(NodeId.of("S1"), NodeType.STORE, GeoPoint.of(31.2, 121.4),
                ZoneId.of("Asia/Shanghai")).capabilities(NodeCapability.SHIP, NodeCapability.PICKUP).build();
        String json = JSON.writeValueAsString(node);
        assertEquals("{\"id\":\"S1\",\"name\":\"S1\",\"type\":\"STORE\",\"location\":{\"latitude\":31.2,\"longitude\":121.4},"
                + "\"zone\":\"Asia/Shanghai\",\"capabilities\":[\"SHIP\",\"PICKUP\"],\"priority\":0}", json);
        assertEquals(node, JSON.readValue(json, FulfillmentNode.class));
        InvalidJsonException e = invalid(json.replace("\"capabilities\":[\"SHIP\",\"PICKUP\"]",
                "\"capabilities\":[\"SAME_DAY\"]"), FulfillmentNode.class);
        assertEquals("$", e.jsonPath());
        assertTrue(e.problem().contains("same-day radius"), e.problem());
    }

    @Test
    void orderRoundTripsAndMixedCurrenciesNameTheLine() throws Exception {
        Order order = Order.builder(OrderId.of("O-9"), Channel.of("live", ChannelKind.LIVE_STREAM),
                Instant.parse("2026-11-22T12:00:00Z"), DeliveryMethod.sameDay(GeoPoint.of(31.2, 121.4)))
                .line(Sku.of("TEA"), 2, Money.parse("18.00", CNY)).build();
        String json = JSON.writeValueAsString(order);
        assertEquals(order, JSON.readValue(json, Order.class));
        InvalidJsonException e = invalid(json.replace("]", ",{\"sku\":\"X\",\"quantity\":1,"
                + "\"unitPrice\":{\"amount\":\"1.00\",\"currency\":\"USD\"}}]"), Order.class);
        assertEquals("$.lines[1].unitPrice.currency", e.jsonPath());
    }

    @Test
    void isFoundThroughServiceLoader() {
        List<String> names = ObjectMapper.findModules().stream().map(Module::getModuleName).toList();
        assertTrue(names.contains("omniretail-core"), names.toString());
        ObjectMapper discovered = new ObjectMapper().findAndRegisterModules();
        assertEquals(Map.of("amount", "1.00", "currency", "CNY"),
                discovered.convertValue(Money.parse("1", CNY), Map.class));
    }

    @Test
    void refusesContentAfterATopLevelValueButNotInsideABean() throws Exception {
        for (String trailing : List.of(" }{ x", " {\"amount\":\"1\",\"currency\":\"CNY\"}", " 7", " ]")) {
            InvalidJsonException e = invalid("{\"amount\":\"1.00\",\"currency\":\"CNY\"}" + trailing,
                    Money.class);
            assertEquals("$", e.jsonPath());
            assertTrue(e.problem().contains("after the end of the document"), e.problem());
        }
        assertEquals("$", invalid("\"MILK\" \"TEA\"", Sku.class).jsonPath());
        assertEquals(Money.parse("1.00", CNY), JSON.readValue("{\"amount\":\"1.00\",\"currency\":\"CNY\"} \n",
                Money.class));
        Cart cart = JSON.readValue("{\"note\":\"n\",\"items\":[{\"amount\":\"1\",\"currency\":\"CNY\"}]}",
                Cart.class);
        assertEquals(1, cart.items.size());
    }

    @Test
    void jsonTreeRefusesTrailingContentWithThePath() throws Exception {
        InvalidJsonException e = assertThrows(InvalidJsonException.class,
                () -> JsonTree.read("{\"a\": 1} }{ x", root -> root.object("a").field("a").intValue()));
        assertEquals("$", e.jsonPath());
        assertTrue(e.problem().startsWith("malformed JSON: content after the end of the document (line 1, column"),
                e.problem());
        assertThrows(InvalidJsonException.class, () -> JsonTree.read("[1] [2]", JsonTree::elements));
        InvalidJsonException surrogate = assertThrows(InvalidJsonException.class,
                () -> JsonTree.read("{\"a\": \"x\\ud800y\"}", root -> root.object("a").field("a").text()));
        assertEquals("$.a", surrogate.jsonPath());
        assertEquals("not valid Unicode: an unpaired surrogate \\ud800 at index 1", surrogate.problem());
        assertEquals("\ud83d\ude00", JsonTree.read("{\"a\": \"\\ud83d\\ude00\"}",
                root -> root.object("a").field("a").text()), "a surrogate pair is one emoji");
        assertEquals(Integer.valueOf(1), JsonTree.<Integer>read(" {\"a\": 1}\n\t ", root -> root.object("a").field("a").intValue()));
    }
}

package io.github.omniretail.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Order;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.core.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Routing scenarios a retailer would recognise, as JSON files under {@code src/test/resources/scenarios}: a city
 * network, stock, an order and a policy, and what the plan must be.
 */
class ScenarioTest {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    static Stream<String> scenarios() {
        return Stream.of("ship-from-nearest-store.json", "store-stock-out-to-dc.json", "bopis-with-transfer.json",
                "same-day-radius-miss.json", "capacity-exhausted-at-18.json");
    }

    static RoutingPolicy policy(String name) {
        switch (name) {
            case "nearestWithStock":
                return RoutingPolicy.nearestWithStock();
            case "costOptimal":
                return RoutingPolicy.costOptimal();
            case "priorityThenDistance":
                return RoutingPolicy.priorityThenDistance();
            default:
                throw new IllegalArgumentException("unknown policy " + name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenario(String file) throws IOException {
        JsonNode s;
        try (InputStream in = ScenarioTest.class.getResourceAsStream("/scenarios/" + file)) {
            s = JSON.readTree(in);
        }
        MutableClock clock = MutableClock.at(Instant.parse(s.get("now").asText()));
        InventoryEngine inventory = InventoryEngine.builder().clock(clock).autoRegister(true).build();
        List<FulfillmentNode> nodes = new ArrayList<>();
        for (JsonNode n : s.get("nodes")) {
            nodes.add(JSON.treeToValue(n, FulfillmentNode.class));
        }
        int key = 0;
        for (JsonNode st : s.get("stock")) {
            inventory.receive(IdempotencyKey.of("stock-" + (key++)), Sku.of(st.get("sku").asText()),
                    NodeId.of(st.get("node").asText()),
                    st.get("units").asInt());
        }
        RoutingEngine routing = RoutingEngine.builder(inventory.stockView()).clock(clock).nodes(nodes).build();
        RoutingPolicy policy = policy(s.get("policy").asText());
        Order order = JSON.treeToValue(s.get("order"), Order.class);
        for (int i = 0; i < s.get("reserveFirst").asInt(); i++) {
            Order earlier = new Order(OrderId.of("EARLIER-" + i), order.channel(), order.member(), order.placedAt(),
                    order.delivery(), order.lines(), Optional.empty());
            assertTrue(Reserving.reserve(routing, inventory, "earlier-" + i, earlier, policy, Duration.ofHours(1))
                    .isPresent());
        }
        RoutingResult result = routing.route(order, policy);
        JsonNode expect = s.get("expect");
        assertEquals(expect.get("fulfillable").asBoolean(), result.fulfillable(), s.get("name").asText());
        if (expect.has("nodes")) {
            List<String> expected = new ArrayList<>();
            expect.get("nodes").forEach(n -> expected.add(n.asText()));
            assertEquals(expected, result.plan().orElseThrow().shipments().stream().map(x -> x.node().value()).sorted()
                    .toList());
        }
        if (expect.has("transferTo")) {
            assertTrue(result.plan().orElseThrow().shipments().stream().anyMatch(x -> x.transferTo()
                    .equals(Optional.of(NodeId.of(expect.get("transferTo").asText())))));
        }
        if (expect.has("reasons")) {
            Iterator<Map.Entry<String, JsonNode>> it = expect.get("reasons").properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                CandidateVerdict v = result.explanation().candidates().stream()
                        .filter(c -> c.node().value().equals(e.getKey())).findFirst()
                        .orElseThrow(() -> new AssertionError("no verdict for " + e.getKey()));
                assertTrue(v.reasons().get(0).startsWith(e.getValue().asText()), e.getKey() + ": " + v.reasons());
            }
        }
        if (!result.fulfillable()) {
            assertTrue(!result.missing().isEmpty());
        }
    }
}

package io.github.omniretail.examples.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.omniretail.examples.demo.MemberAnalytics;
import io.github.omniretail.examples.demo.RetailWorld;
import io.github.omniretail.examples.demo.Retailer;
import io.github.omniretail.inventory.InventorySnapshot;
import io.github.omniretail.loyalty.AccountKind;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated requests to every endpoint — valid bodies with fields removed, added or replaced by wrong types and
 * boundary or out-of-range values, bodies that are not JSON or not UTF-8, odd ids, keys and query parameters — and
 * the service's promise: never a 5xx; every error a JSON body with a code and a message (and, for a 400, the field);
 * and after any error, inventory and points exactly as before.
 */
class RetailServiceProperties {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    static RetailWorld world;
    static Retailer retailer;
    static RetailService service;
    static HttpClient http;
    static String sku;
    static String member;

    @BeforeContainer
    static void start() throws Exception {
        world = RetailWorld.generate(11, 0.02);
        Instant open = RetailWorld.DAY.atTime(9, 0).atZone(RetailWorld.ZONE).toInstant();
        retailer = Retailer.open(world, open, Retailer.EventSink.none());
        service = RetailService.start(retailer, MemberAnalytics.of(world, List.of()),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), () -> { });
        http = HttpClient.newHttpClient();
        sku = world.products().get(0).sku().value();
        member = world.members().get(world.history().get(0).member()).id().value();
        // an order the order endpoints can act on (or be refused on): placed from the valid template
        HttpResponse<String> placed = http.send(build(new Request(Endpoint.ORDER, List.of(), Optional.empty(),
                Optional.of("reused-key"), member, "1", "")), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, placed.statusCode(), placed.body());
    }

    @AfterContainer
    static void stop() {
        service.close();
    }

    enum Endpoint {
        QUOTE, ROUTE, HOLD, CONFIRM, RELEASE, GET_HOLD, ATP, EARN, REDEEM, BALANCE, SEGMENT, HEALTH, ORDER, GET_ORDER,
        ORDER_CONFIRM, ORDER_CANCEL, ORDER_FULFIL, ORDER_RETURN
    }

    /** One change to a valid body: at the node {@code at} (modulo the node count), remove, add or replace. */
    record Mutation(int at, String op, JsonNode value) {
    }

    record Request(Endpoint endpoint, List<Mutation> mutations, Optional<byte[]> rawBody, Optional<String> key,
            String memberId, String holdId, String query) {
        @Override
        public String toString() {
            return endpoint + " member=" + memberId + " hold=" + holdId + " query=" + query + " key=" + key + " mutations=" + mutations
                    + rawBody.map(b -> " raw=" + new String(b, StandardCharsets.ISO_8859_1)).orElse("");
        }
    }

    record State(InventorySnapshot inventory, Map<AccountKind, Long> program, Object memberBalance) {
        static State now() {
            return new State(retailer.inventory().snapshot(), retailer.programBalances(),
                    retailer.ledger().balance(io.github.omniretail.core.MemberId.of(member)));
        }
    }

    @Property(tries = 400, edgeCases = net.jqwik.api.EdgeCasesMode.MIXIN)
    void noRequestGetsA5xxAndEveryErrorNamesTheProblemAndChangesNothing(@ForAll("requests") Request request)
            throws Exception {
        State before = State.now();
        HttpResponse<String> response = http.send(build(request), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        net.jqwik.api.statistics.Statistics.collect(request.endpoint(), status);
        assertTrue(status < 500, request + " -> " + status + " " + response.body());
        JsonNode body = JSON.readTree(response.body());
        if (status >= 400) {
            assertTrue(body.path("error").asText().length() > 2, request + " -> " + response.body());
            assertTrue(body.path("message").asText().length() > 5, request + " -> " + response.body());
            if (status == 400) {
                assertTrue(body.path("field").asText().length() > 0, request + " -> " + response.body());
            }
            assertEquals(before, State.now(), request + " -> " + status + " changed state: " + response.body());
        }
    }

    static HttpRequest build(Request r) {
        String path = switch (r.endpoint()) {
            case QUOTE -> "/quote";
            case ROUTE -> "/route";
            case HOLD -> "/holds";
            case CONFIRM -> "/holds/" + r.holdId() + "/confirm";
            case RELEASE -> "/holds/" + r.holdId() + "/release";
            case GET_HOLD -> "/holds/" + r.holdId();
            case ATP -> "/atp?" + r.query();
            case EARN -> "/members/" + r.memberId() + "/earn";
            case REDEEM -> "/members/" + r.memberId() + "/redeem";
            case BALANCE -> "/members/" + r.memberId() + "/balance";
            case SEGMENT -> "/members/" + r.memberId() + "/segment";
            case HEALTH -> "/health";
            case ORDER -> "/orders";
            case GET_ORDER -> "/orders/" + orderKey(r);
            case ORDER_CONFIRM -> "/orders/" + orderKey(r) + "/confirm";
            case ORDER_CANCEL -> "/orders/" + orderKey(r) + "/cancel";
            case ORDER_FULFIL -> "/orders/" + orderKey(r) + "/shipments/" + r.query().length() % 3 + "/fulfil";
            case ORDER_RETURN -> "/orders/" + orderKey(r) + "/returns";
        };
        HttpRequest.Builder b = HttpRequest.newBuilder(service.uri().resolve(URI.create(path)));
        r.key().ifPresent(k -> b.header(RetailService.IDEMPOTENCY_KEY, k));
        boolean get = switch (r.endpoint()) {
            case GET_HOLD, ATP, BALANCE, SEGMENT, HEALTH, GET_ORDER -> true;
            default -> false;
        };
        if (get) {
            return b.GET().build();
        }
        byte[] body = r.rawBody().orElseGet(() -> {
            JsonNode tree = template(r.endpoint());
            for (Mutation m : r.mutations()) {
                tree = mutate(tree, m);
            }
            return tree == null ? new byte[0] : tree.toString().getBytes(StandardCharsets.UTF_8);
        });
        return b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** The order a path names: often the one placed under "reused-key", else an odd or unknown id. */
    static String orderKey(Request r) {
        return r.holdId().length() == 1 ? "reused-key" : r.holdId();
    }

    /** A valid body for the endpoint (null for those that take none). */
    static JsonNode template(Endpoint e) {
        ObjectNode o = F.objectNode();
        switch (e) {
            case QUOTE -> {
                o.put("channel", "app").put("member", member).put("shipping", "6.00").put("stacking", "BEST_DEAL")
                        .put("firstOrder", false);
                o.putArray("lines").addObject().put("sku", sku).put("quantity", 2);
                o.putArray("coupons").add("NEW10");
            }
            case ROUTE -> {
                o.put("channel", "app").put("policy", "cost-optimal").put("member", member).put("order", "O-R1");
                o.putArray("lines").addObject().put("sku", sku).put("quantity", 1);
                o.putObject("delivery").put("method", "ship").put("lat", 30.27).put("lon", 120.15);
            }
            case HOLD -> {
                o.put("channel", "app").put("ttlSeconds", 60).put("reference", "cart");
                o.putArray("lines").addObject().put("sku", sku).put("node", "DC-XS").put("quantity", 1);
            }
            case EARN -> o.put("order", "O-E1").put("channel", "store-pos").put("amount", "12.50");
            case REDEEM -> o.put("points", 1);
            case ORDER -> {
                o.put("channel", "app").put("member", member).put("shipping", "6.00").put("points", 0)
                        .put("policy", "nearest-with-stock");
                o.putArray("lines").addObject().put("sku", sku).put("quantity", 1);
                o.putArray("coupons").add("NEW10");
                o.putObject("delivery").put("method", "ship").put("lat", 30.27).put("lon", 120.15);
            }
            case ORDER_RETURN -> {
                o.put("node", "DC-XS");
                o.putArray("lines").addObject().put("sku", sku).put("quantity", 1);
            }
            default -> {
                return null;
            }
        }
        return o;
    }

    /** Applies one mutation to a copy of the tree; the root itself may be replaced. */
    static JsonNode mutate(JsonNode tree, Mutation m) {
        if (tree == null) {
            return m.op().equals("replace") ? m.value() : null;
        }
        JsonNode copy = tree.deepCopy();
        List<JsonNode> containers = new ArrayList<>();
        collect(copy, containers);
        if (containers.isEmpty()) { // the root was replaced by a scalar
            return m.op().equals("replace") ? m.value() : copy;
        }
        JsonNode target = containers.get(Math.floorMod(m.at(), containers.size()));
        if (target instanceof ObjectNode obj) {
            Iterator<String> names = obj.fieldNames();
            List<String> list = new ArrayList<>();
            names.forEachRemaining(list::add);
            String name = list.isEmpty() ? "x" : list.get(Math.floorMod(m.at() * 31 + 7, list.size()));
            switch (m.op()) {
                case "remove" -> obj.remove(name);
                case "add" -> obj.set("unknown" + Math.floorMod(m.at(), 3), m.value());
                default -> obj.set(name, m.value());
            }
        } else if (target instanceof ArrayNode arr) {
            switch (m.op()) {
                case "remove" -> {
                    if (!arr.isEmpty()) {
                        arr.remove(Math.floorMod(m.at(), arr.size()));
                    }
                }
                case "add" -> arr.add(m.value());
                default -> {
                    if (arr.isEmpty()) {
                        arr.add(m.value());
                    } else {
                        arr.set(Math.floorMod(m.at(), arr.size()), m.value());
                    }
                }
            }
        }
        return copy;
    }

    static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.forEach(child -> collect(child, out));
        }
    }

    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 1_000),
                Arbitraries.of("remove", "add", "replace", "replace", "replace"), values())
                .as(Mutation::new);
        Arbitrary<Optional<byte[]>> raw = Arbitraries.oneOf(Arbitraries.just(Optional.<byte[]>empty()),
                Arbitraries.of("", "null", "[]", "{", "{} {}", "\"x\"", "123", "{\"a\":1} }{ x", "\uFEFF{}",
                        "{\"channel\":\"app\"}\u0000").map(s -> Optional.of(s.getBytes(StandardCharsets.UTF_8))),
                Arbitraries.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {'{', '"', (byte) 0xED, (byte) 0xA0,
                        (byte) 0x80, '"', '}'}, new byte[] {(byte) 0xFF, (byte) 0xFE}).map(Optional::of))
                .withoutEdgeCases();
        Arbitrary<Optional<String>> key = Arbitraries.oneOf(Arbitraries.just(Optional.<String>empty()),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12).map(Optional::of),
                Arbitraries.of(" ", "k".repeat(201), "reused-key").map(Optional::of));
        Arbitrary<String> odd = Arbitraries.of("M-NOBODY", "0", "-1", "abc", "1.5", "99999999999999999999", "%20",
                "%E4%B8%8A%E6%B5%B7", "a%00b", "%ED%A0%80", "%C3%28");
        Arbitrary<String> memberId = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.just(member)),
                net.jqwik.api.Tuple.of(1, odd));
        Arbitrary<String> holdId = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.longs()
                .between(1, 40).map(String::valueOf)), net.jqwik.api.Tuple.of(1, odd));
        Arbitrary<String> query = Arbitraries.of("sku=" + sku + "&node=DC-XS&channel=app", "sku=" + sku,
                "sku=" + sku + "&node=PP-XX&channel=app", "sku=&node=&channel=", "sku=" + sku + "&node=DC-XS&channel=app"
                        + "&channel=app", "sku=%E4%B8&node=DC-XS&channel=app", "node=DC-XS&channel=tmall&sku=NOPE",
                "sku=" + sku + "&node=ST-01&channel=store-pos", "x", "=&=", "sku=%00&node=DC-XS&channel=app");
        return Combinators.combine(Arbitraries.of(Endpoint.class), mutation.list().ofMaxSize(3),
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, Arbitraries.just(Optional.<byte[]>empty())),
                        net.jqwik.api.Tuple.of(1, raw)), key, memberId, holdId, query).as(Request::new);
    }

    /** Wrong types, boundary and out-of-range numbers, odd strings, nulls, containers. */
    static Arbitrary<JsonNode> values() {
        return Arbitraries.oneOf(
                Arbitraries.of(0L, -1L, 1L, 2L, 10_000L, 10_001L, 86_400L, 86_401L, 100_000_000L, 100_000_001L,
                        Integer.MAX_VALUE + 1L, Long.MAX_VALUE, Long.MIN_VALUE).map(F::numberNode),
                Arbitraries.of(0.5, -0.0, 1e308, -1e308, 95.0, -181.0, 30.27, 120.15).map(F::numberNode),
                Arbitraries.just(F.numberNode(new BigInteger("123456789012345678901234567890"))),
                Arbitraries.of("", " ", "0.00", "0.50", "0.004", "-1", "1e3", "12.345", "NaN", "999999999999.99",
                        "app", "store-pos", "fax", "ship", "same-day", "pickup", "drone", "DC-XS", "PP-XX", "NOPE-1",
                        "BEST_DEAL", "best_deal", "warehouse-first", "上海-徐汇店", "\u0000", "\u200b", "x".repeat(300),
                        sku, member).map(s -> (JsonNode) F.textNode(s)),
                Arbitraries.of(F.booleanNode(true), F.booleanNode(false), F.nullNode(), F.arrayNode(),
                        F.objectNode(), F.arrayNode().add(1).add("a"), F.objectNode().put("sku", sku).put("quantity",
                                1).put("node", "DC-XS")));
    }
}

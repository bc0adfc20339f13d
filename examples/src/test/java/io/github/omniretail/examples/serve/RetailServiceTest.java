package io.github.omniretail.examples.serve;

import io.github.omniretail.core.Channel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.examples.demo.MemberAnalytics;
import io.github.omniretail.examples.demo.Retailer;
import io.github.omniretail.examples.demo.RetailWorld;
import io.github.omniretail.pricing.Cart;
import io.github.omniretail.pricing.CartQuote;
import io.github.omniretail.pricing.PricingContext;
import io.github.omniretail.pricing.StackingMode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP service on an ephemeral port, driven with the JDK's HttpClient: every endpoint, every error code. */
class RetailServiceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static RetailWorld world;
    static Retailer retailer;
    static RetailService service;
    static HttpClient http = HttpClient.newHttpClient();
    static String sku;
    static String member;

    @BeforeAll
    static void start() throws IOException {
        world = RetailWorld.generate(11, 0.02);
        Instant open = RetailWorld.DAY.atTime(9, 0).atZone(RetailWorld.ZONE).toInstant();
        retailer = Retailer.open(world, open, Retailer.EventSink.none());
        service = RetailService.start(retailer, MemberAnalytics.of(world, List.of()),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), () -> { });
        sku = world.products().get(0).sku().value();
        member = world.members().get(world.history().get(0).member()).id().value();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    record Reply(int status, JsonNode body) {
    }

    static Reply get(String path) throws Exception {
        return send(HttpRequest.newBuilder(service.uri().resolve(path)).GET().build());
    }

    static Reply post(String path, String body, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(service.uri().resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header(RetailService.IDEMPOTENCY_KEY, key);
        }
        return send(b.build());
    }

    static Reply send(HttpRequest request) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return new Reply(r.statusCode(), JSON.readTree(r.body()));
    }

    static void assertError(Reply r, int status, String error) {
        assertEquals(status, r.status(), r.body().toString());
        assertEquals(error, r.body().path("error").asText(), r.body().toString());
        assertTrue(r.body().path("message").asText().length() > 5, r.body().toString());
    }

    @Test
    void bindsToLoopbackAndReportsHealth() throws Exception {
        assertEquals("127.0.0.1", service.uri().getHost());
        Reply r = get("/health");
        assertEquals(200, r.status());
        assertEquals("ok", r.body().get("status").asText());
        assertEquals(world.products().size(), r.body().get("skus").asInt());
        assertEquals(world.members().size(), r.body().get("members").asInt());
        assertEquals(40, r.body().get("nodes").asInt());
    }

    @Test
    void quotesACartExactlyAsTheEngineDoes() throws Exception {
        String second = world.products().get(1).sku().value();
        Reply r = post("/quote", "{\"channel\": \"app\", \"member\": \"" + member + "\", \"shipping\": \"6.00\","
                + " \"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 3}, {\"sku\": \"" + second
                + "\", \"quantity\": 1}]}", null);
        assertEquals(200, r.status(), r.body().toString());
        CartQuote direct = retailer.pricing().quote(Cart.of(Money.parse("6.00", RetailWorld.CNY),
                        new Cart.Line(Sku.of(sku), 3), new Cart.Line(Sku.of(second), 1)),
                PricingContext.of(Channel.of("app", ChannelKind.APP), RetailWorld.ZONE, retailer.clock().instant())
                        .forMember(io.github.omniretail.core.MemberId.of(member)), StackingMode.BEST_DEAL);
        assertEquals(direct.total().amountString(), r.body().get("total").asText());
        assertEquals(direct.hash(), r.body().get("hash").asText());
        long nets = 0;
        for (JsonNode line : r.body().get("lines")) {
            nets += Money.parse(line.get("net").asText(), RetailWorld.CNY).minorUnits();
            assertTrue(line.get("steps").size() >= 1);
        }
        Money subtotal = Money.parse(r.body().get("subtotal").asText(), RetailWorld.CNY);
        Money discount = Money.parse(r.body().get("discount").asText(), RetailWorld.CNY);
        assertEquals(subtotal.minus(discount).minorUnits(), nets);
        assertTrue(r.body().get("rejected").size() > 0, "rejected promotions come with reasons");
    }

    @Test
    void routesAnOrderAndExplainsEveryCandidate() throws Exception {
        Reply r = post("/route", "{\"channel\": \"app\", \"delivery\": {\"method\": \"ship\", \"lat\": 30.27, "
                + "\"lon\": 120.15}, \"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}", null);
        assertEquals(200, r.status(), r.body().toString());
        assertTrue(r.body().get("fulfillable").asBoolean());
        assertEquals(1, r.body().at("/plan/shipments").size());
        assertTrue(r.body().at("/explanation/candidates").size() > 1);
        Reply pickup = post("/route", "{\"channel\": \"app\", \"delivery\": {\"method\": \"pickup\", \"node\": "
                + "\"PP-XX\"}, \"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}", null);
        assertEquals(200, pickup.status(), pickup.body().toString());
        assertEquals("PP-XX", pickup.body().at("/plan/shipments/0/transferTo").asText());
        assertError(post("/route", "{\"channel\": \"app\", \"delivery\": {\"method\": \"pickup\", \"node\": "
                + "\"PP-NOWHERE\"}, \"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}", null), 404, "not_found");
        Reply bad = post("/route", "{\"channel\": \"app\", \"delivery\": {\"method\": \"drone\"}, \"lines\": "
                + "[{\"sku\": \"" + sku + "\", \"quantity\": 1}]}", null);
        assertError(bad, 400, "bad_request");
        assertEquals("$.delivery.method", bad.body().get("field").asText());
        Reply lat = post("/route", "{\"channel\": \"app\", \"delivery\": {\"method\": \"ship\", \"lat\": 95, "
                + "\"lon\": 120}, \"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}", null);
        assertEquals("$.delivery.lat", lat.body().get("field").asText());
    }

    @Test
    void ordersGoThroughTheCheckoutFromPlacementToAReturn() throws Exception {
        String body = "{\"channel\": \"app\", \"member\": \"" + member + "\", \"shipping\": \"6.00\", "
                + "\"delivery\": {\"method\": \"ship\", \"lat\": 30.27, \"lon\": 120.15}, "
                + "\"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 2}]}";
        assertError(post("/orders", body, null), 400, "bad_request");
        long atp = retailer.inventory().atp(Sku.of(sku), List.of(NodeId.of("DC-XS")), Retailer.APP);
        Reply placed = post("/orders", body, "order-77");
        assertEquals(201, placed.status(), placed.body().toString());
        assertEquals("PLACED", placed.body().get("status").asText());
        assertEquals(placed.body().get("hold"), post("/orders", body, "order-77").body().get("hold"), "a retry");
        assertError(post("/orders", body.replace("\"quantity\": 2", "\"quantity\": 3"), "order-77"), 409,
                "idempotency_conflict");
        Reply paid = post("/orders/order-77/confirm", "", null);
        assertEquals("CONFIRMED", paid.body().get("status").asText(), paid.body().toString());
        assertTrue(paid.body().get("pointsEarned").asLong() > 0);
        assertError(post("/orders/order-77/shipments/9/fulfil", "", null), 404, "not_found");
        Reply shipped = post("/orders/order-77/shipments/0/fulfil", "", null);
        assertEquals(1, shipped.body().get("fulfilled").size(), shipped.body().toString());
        String node = shipped.body().get("shipments").get(0).asText();
        Reply back = post("/orders/order-77/returns", "{\"node\": \"" + node + "\", \"lines\": [{\"sku\": \""
                + sku + "\", \"quantity\": 1}]}", "rma-77");
        assertEquals(200, back.status(), back.body().toString());
        assertTrue(back.body().get("returns").get(0).get("refund").asText().matches("\\d+\\.\\d\\d"));
        assertEquals(back.body(), get("/orders/order-77").body());
        assertEquals("SELLABLE", back.body().get("returns").get(0).get("disposition").asText());
        assertError(post("/orders/order-77/returns", "{\"node\": \"" + node + "\", \"lines\": [{\"sku\": \""
                + sku + "\", \"quantity\": 1}], \"disposition\": \"BROKEN\"}", "rma-78"), 400, "bad_request");
        assertEquals(1, get("/orders/order-77").body().get("returns").size(), "a bad disposition changes nothing");
        assertError(post("/orders/order-77/cancel", "", null), 409, "illegal_state");
        assertError(get("/orders/no-such-order"), 404, "not_found");
        assertError(post("/orders/no-such-order/confirm", "", null), 404, "not_found");
        assertTrue(atp > 0);
    }

    @Test
    void anOrderWhoseHoldWasReleasedThroughTheHoldsEndpointCannotBePaidAndSaysSo() throws Exception {
        String body = "{\"channel\": \"app\", \"delivery\": {\"method\": \"ship\", \"lat\": 30.27, "
                + "\"lon\": 120.15}, \"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}";
        Reply placed = post("/orders", body, "order-78");
        assertEquals(201, placed.status(), placed.body().toString());
        String hold = placed.body().get("hold").asText();
        assertEquals(200, post("/holds/" + hold + "/release", "", null).status());
        Reply paid = post("/orders/order-78/confirm", "", null);
        assertError(paid, 409, "illegal_state");
        assertEquals("EXPIRED", paid.body().get("status").asText(), paid.body().toString());
        assertTrue(paid.body().get("message").asText().contains("refund"), paid.body().toString());
        assertEquals("EXPIRED", get("/orders/order-78").body().get("status").asText());
    }

    @Test
    void aTillSaleIsPlacedAtTheCounterAndHandedOverWhenPaid() throws Exception {
        NodeId store = world.stores().stream().map(n -> n.id())
                .filter(n -> retailer.inventory().atp(Sku.of(sku), n, Retailer.POS) >= 2).findFirst().orElseThrow();
        int onHand = retailer.inventory().position(Sku.of(sku), store).onHand();
        String body = "{\"channel\": \"store-pos\", \"atCounter\": true, \"delivery\": {\"method\": \"pickup\", "
                + "\"node\": \"" + store + "\"}, \"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}";
        Reply placed = post("/orders", body, "till-77");
        assertEquals(201, placed.status(), placed.body().toString());
        assertEquals(store.value(), placed.body().get("shipments").get(0).asText());
        Reply sold = post("/orders/till-77/confirm", "", null);
        assertEquals("FULFILLED", sold.body().get("status").asText(), sold.body().toString());
        assertEquals(onHand - 1, retailer.inventory().position(Sku.of(sku), store).onHand(), "handed over");
        Reply shipped = post("/orders", body.replace("\"pickup\", \"node\": \"" + store + "\"",
                "\"ship\", \"lat\": 30.27, \"lon\": 120.15"), "till-78");
        assertError(shipped, 400, "bad_request");
        assertEquals("$.delivery", shipped.body().get("field").asText());
        Reply fee = post("/orders", body.replace("{\"channel\"", "{\"shipping\": \"6.00\", \"channel\""), "till-78");
        assertEquals("$.shipping", fee.body().get("field").asText(), fee.body().toString());
        Reply notBool = post("/orders", body.replace("\"atCounter\": true", "\"atCounter\": \"yes\""), "till-78");
        assertEquals("$.atCounter", notBool.body().get("field").asText(), notBool.body().toString());
    }

    @Test
    void holdsAreIdempotentAndShortagesAreConflicts() throws Exception {
        String body = "{\"channel\": \"app\", \"lines\": [{\"sku\": \"" + sku + "\", \"node\": \"DC-XS\", "
                + "\"quantity\": 2}]}";
        Reply missingKey = post("/holds", body, null);
        assertError(missingKey, 400, "bad_request");
        assertEquals(RetailService.IDEMPOTENCY_KEY, missingKey.body().get("field").asText());

        int before = retailer.inventory().position(Sku.of(sku), NodeId.of("DC-XS")).held();
        Reply first = post("/holds", body, "cart-1");
        assertEquals(201, first.status(), first.body().toString());
        assertEquals("HELD", first.body().get("status").asText());
        Reply retry = post("/holds", body, "cart-1");
        assertEquals(first.body().get("id"), retry.body().get("id"));
        assertEquals(before + 2, retailer.inventory().position(Sku.of(sku), NodeId.of("DC-XS")).held());
        assertError(post("/holds", body.replace("\"quantity\": 2", "\"quantity\": 3"), "cart-1"), 409,
                "idempotency_conflict");

        int atp = retailer.inventory().atp(Sku.of(sku), NodeId.of("DC-XS"), Retailer.APP);
        Reply shortage = post("/holds", body.replace("\"quantity\": 2", "\"quantity\": " + (atp + 5)), "cart-2");
        assertError(shortage, 409, "insufficient_stock");
        assertEquals(atp, shortage.body().get("available").asInt());
        assertEquals(5, shortage.body().get("shortage").asInt());
        assertEquals(sku, shortage.body().get("sku").asText());

        assertError(post("/holds", body.replace(sku, "NOPE-1"), "cart-3"), 404, "not_found");
        assertError(post("/holds", body.replace("DC-XS", "XX-1"), "cart-4"), 404, "not_found");

        long id = first.body().get("id").asLong();
        Reply confirmed = post("/holds/" + id + "/confirm", "", "confirm-1");
        assertEquals(200, confirmed.status(), confirmed.body().toString());
        assertEquals("CONFIRMED", confirmed.body().get("status").asText());
        assertError(post("/holds/999999/confirm", "", null), 404, "not_found");
        assertError(post("/holds/abc/release", "", null), 404, "not_found");

        Reply other = post("/holds", body.replace("\"quantity\": 2", "\"quantity\": 1"), "cart-5");
        long otherId = other.body().get("id").asLong();
        Reply released = post("/holds/" + otherId + "/release", "", null);
        assertEquals(200, released.status(), released.body().toString());
        assertEquals("RELEASED", released.body().get("status").asText());
        Reply late = post("/holds/" + otherId + "/confirm", "", null);
        assertError(late, 409, "illegal_state");
        assertEquals("RELEASED", late.body().get("status").asText());
    }

    @Test
    void membersEarnRedeemAndHaveABalanceAndASegment() throws Exception {
        Reply balance = get("/members/" + member + "/balance");
        assertEquals(200, balance.status());
        long available = balance.body().get("available").asLong();
        Reply earn = post("/members/" + member + "/earn", "{\"order\": \"O-1\", \"channel\": \"store-pos\", "
                + "\"amount\": \"128.50\"}", "pos-1");
        assertEquals(200, earn.status(), earn.body().toString());
        assertEquals("EARN", earn.body().get("type").asText());
        long sum = 0;
        for (JsonNode p : earn.body().get("postings")) {
            sum += p.get("points").asLong();
        }
        assertEquals(0, sum, "double entry");
        assertEquals(earn.body().get("transaction"), post("/members/" + member + "/earn", "{\"order\": \"O-1\", "
                + "\"channel\": \"store-pos\", \"amount\": \"128.50\"}", "pos-1").body().get("transaction"));
        assertError(post("/members/" + member + "/earn", "{\"order\": \"O-1\", \"channel\": \"store-pos\", "
                + "\"amount\": \"1.00\"}", "pos-1"), 409, "idempotency_conflict");
        Reply badAmount = post("/members/" + member + "/earn", "{\"order\": \"O-2\", \"channel\": \"app\", "
                + "\"amount\": 12.5}", "app-2");
        assertError(badAmount, 400, "bad_request");
        assertEquals("$.amount", badAmount.body().get("field").asText());

        Reply tooMuch = post("/members/" + member + "/redeem", "{\"points\": " + (available + 1) + "}", "r-1");
        assertError(tooMuch, 409, "insufficient_points");
        assertEquals(1, tooMuch.body().get("shortage").asLong());
        if (available > 0) {
            Reply redeemed = post("/members/" + member + "/redeem", "{\"points\": 1}", "r-2");
            assertEquals(200, redeemed.status(), redeemed.body().toString());
            assertEquals(available - 1, get("/members/" + member + "/balance").body().get("available").asLong());
        }
        Reply segment = get("/members/" + member + "/segment");
        assertEquals(200, segment.status());
        assertTrue(segment.body().get("segment").isTextual(), segment.body().toString());
        assertTrue(segment.body().get("r").asInt() >= 1 && segment.body().get("r").asInt() <= 5);

        assertError(get("/members/M-NOBODY/balance"), 404, "not_found");
        assertError(get("/members/M-NOBODY/segment"), 404, "not_found");
        assertError(post("/members/M-NOBODY/earn", "{\"order\": \"O-1\", \"channel\": \"app\", \"amount\": \"1.00\"}",
                "x-1"), 404, "not_found");
        assertError(post("/members/" + member + "/redeem", "{\"points\": 1}", null), 400, "bad_request");
    }

    @Test
    void badRequestsGetPreciseErrors() throws Exception {
        Reply json = post("/quote", "{\"channel\": ", null);
        assertError(json, 400, "bad_json");
        assertEquals("$", json.body().get("field").asText());
        Reply type = post("/quote", "{\"channel\": \"app\", \"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": \"x\"}]}",
                null);
        assertError(type, 400, "bad_request");
        assertEquals("$.lines[0].quantity", type.body().get("field").asText());
        Reply channel = post("/quote", "{\"channel\": \"fax\", \"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}",
                null);
        assertEquals("$.channel", channel.body().get("field").asText());
        assertError(post("/quote", "[1, 2]", null), 400, "bad_request");
        Reply unknown = post("/quote", "{\"channel\": \"app\", \"colour\": \"red\", \"lines\": [{\"sku\": \"" + sku
                + "\", \"quantity\": 1}]}", null);
        assertError(unknown, 400, "bad_request");
        assertEquals("$.colour", unknown.body().get("field").asText());
        assertError(post("/quote", "{\"channel\": \"app\", \"lines\": [{\"sku\": \"NOPE-1\", \"quantity\": 1}]}", null),
                404, "not_found");

        String big = "{\"channel\": \"app\", \"pad\": \"" + "x".repeat(RetailService.MAX_BODY_BYTES) + "\"}";
        assertError(post("/quote", big, null), 413, "payload_too_large");

        assertError(get("/nowhere"), 404, "not_found");
        Reply method = send(HttpRequest.newBuilder(service.uri().resolve("/quote")).GET().build());
        assertError(method, 405, "method_not_allowed");
        assertError(post("/health", "{}", null), 405, "method_not_allowed");
    }

    static Reply postBytes(String path, byte[] body, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(service.uri().resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            b.header(RetailService.IDEMPOTENCY_KEY, key);
        }
        return send(b.build());
    }

    static byte[] concat(String before, byte[] middle, String after) {
        byte[] a = before.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] c = after.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] out = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(middle, 0, out, a.length, middle.length);
        System.arraycopy(c, 0, out, a.length + middle.length, c.length);
        return out;
    }

    @Test
    void earnAmountsThatEarnNothingAreClientErrorsNamingTheAmount() throws Exception {
        long issued = retailer.ledger().programBalance(io.github.omniretail.loyalty.AccountKind.ISSUANCE);
        long available = get("/members/" + member + "/balance").body().get("available").asLong();
        Reply zero = post("/members/" + member + "/earn", "{\"order\": \"O-Z\", \"channel\": \"app\", "
                + "\"amount\": \"0.00\"}", "zero-1");
        assertError(zero, 400, "bad_request");
        assertEquals("$.amount", zero.body().get("field").asText());
        Reply half = post("/members/" + member + "/earn", "{\"order\": \"O-H\", \"channel\": \"app\", "
                + "\"amount\": \"0.50\"}", "half-1");
        assertError(half, 422, "unprocessable");
        assertEquals("$.amount", half.body().get("field").asText());
        assertTrue(half.body().get("message").asText().contains("earns no points"), half.body().toString());
        assertEquals(available, get("/members/" + member + "/balance").body().get("available").asLong());
        assertEquals(issued, retailer.ledger().programBalance(io.github.omniretail.loyalty.AccountKind.ISSUANCE));
    }

    @Test
    void bodiesThatAreNotUtf8AreRefusedAndChangeNothing() throws Exception {
        long issued = retailer.ledger().programBalance(io.github.omniretail.loyalty.AccountKind.ISSUANCE);
        int held = retailer.inventory().position(Sku.of(sku), NodeId.of("DC-XS")).held();
        for (byte[] bad : List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xFF})) {
            Reply earn = postBytes("/members/" + member + "/earn", concat("{\"order\": \"O-", bad,
                    "\", \"channel\": \"app\", \"amount\": \"10.00\"}"), "utf8-" + bad.length);
            assertError(earn, 400, "bad_encoding");
            Reply hold = postBytes("/holds", concat("{\"channel\": \"app\", \"reference\": \"", bad,
                    "\", \"lines\": [{\"sku\": \"" + sku + "\", \"node\": \"DC-XS\", \"quantity\": 1}]}"),
                    "utf8-hold-" + bad.length);
            assertError(hold, 400, "bad_encoding");
            assertTrue(hold.body().get("offset").asInt() > 0, hold.body().toString());
        }
        Reply escaped = post("/holds", "{\"channel\": \"app\", \"reference\": \"x\\ud800\", \"lines\": "
                + "[{\"sku\": \"" + sku + "\", \"node\": \"DC-XS\", \"quantity\": 1}]}", "lone-1");
        assertError(escaped, 400, "bad_request");
        assertEquals("$.reference", escaped.body().get("field").asText());
        assertEquals(held, retailer.inventory().position(Sku.of(sku), NodeId.of("DC-XS")).held());
        assertEquals(issued, retailer.ledger().programBalance(io.github.omniretail.loyalty.AccountKind.ISSUANCE));
    }

    @Test
    void trailingContentIsMalformedJson() throws Exception {
        Reply r = post("/quote", "{\"channel\": \"app\", \"lines\": [{\"sku\": \"" + sku
                + "\", \"quantity\": 1}]} }{ x", null);
        assertError(r, 400, "bad_json");
        assertEquals("$", r.body().get("field").asText());
    }

    @Test
    void holdTransitionsAlwaysCheckTheCurrentStateAndHoldsCanBeRead() throws Exception {
        String body = "{\"channel\": \"app\", \"lines\": [{\"sku\": \"" + sku + "\", \"node\": \"DC-XS\", "
                + "\"quantity\": 1}]}";
        long id = post("/holds", body, "state-1").body().get("id").asLong();
        Reply read = get("/holds/" + id);
        assertEquals(200, read.status(), read.body().toString());
        assertEquals("HELD", read.body().get("status").asText());
        assertTrue(read.body().has("expiresAt"), "a HELD hold expires");
        Reply confirmed = post("/holds/" + id + "/confirm", "", null);
        assertEquals("CONFIRMED", confirmed.body().get("status").asText());
        assertFalse(confirmed.body().has("expiresAt"), "a confirmed hold no longer expires: " + confirmed.body());
        assertEquals(200, post("/holds/" + id + "/confirm", "", null).status(), "confirming twice is idempotent");
        assertEquals("RELEASED", post("/holds/" + id + "/release", "", "mine-1").body().get("status").asText());
        Reply stale = post("/holds/" + id + "/confirm", "", null);
        assertError(stale, 409, "illegal_state");
        assertEquals("RELEASED", stale.body().get("status").asText());
        Reply reused = post("/holds/" + id + "/confirm", "", "confirm-" + id);
        assertError(reused, 409, "illegal_state");
        assertEquals("RELEASED", get("/holds/" + id).body().get("status").asText());
        assertError(get("/holds/99999999"), 404, "not_found");
        assertError(get("/holds/x"), 404, "not_found");
    }

    @Test
    void idempotencyConflictsShowBothRequestsAsJson() throws Exception {
        String body = "{\"channel\": \"app\", \"lines\": [{\"sku\": \"" + sku + "\", \"node\": \"DC-XS\", "
                + "\"quantity\": 1}]}";
        assertEquals(201, post("/holds", body, "dup-1").status());
        Reply conflict = post("/holds", body.replace("\"quantity\": 1", "\"quantity\": 2"), "dup-1");
        assertError(conflict, 409, "idempotency_conflict");
        assertEquals(1, conflict.body().at("/original/lines/0/quantity").asInt(), conflict.body().toString());
        assertEquals(2, conflict.body().at("/request/lines/0/quantity").asInt(), conflict.body().toString());
        assertEquals("DC-XS", conflict.body().at("/original/lines/0/node").asText());
        assertFalse(conflict.body().toString().contains("Optional"), conflict.body().toString());
    }

    @Test
    void atpIsServedWithThePositionBehindIt() throws Exception {
        Reply r = get("/atp?sku=" + sku + "&node=DC-XS&channel=app");
        assertEquals(200, r.status(), r.body().toString());
        assertEquals(retailer.inventory().atp(Sku.of(sku), NodeId.of("DC-XS"), Retailer.APP), r.body().get("atp")
                .asInt());
        assertEquals(retailer.inventory().position(Sku.of(sku), NodeId.of("DC-XS")).onHand(), r.body().get("onHand")
                .asInt());
        Reply missing = get("/atp?sku=" + sku + "&node=DC-XS");
        assertError(missing, 400, "bad_request");
        assertEquals("channel", missing.body().get("field").asText());
        assertEquals("channel", get("/atp?sku=" + sku + "&node=DC-XS&channel=fax").body().get("field").asText());
        assertEquals("colour", get("/atp?sku=" + sku + "&node=DC-XS&channel=app&colour=red").body().get("field")
                .asText());
        assertError(get("/atp?sku=NOPE&node=DC-XS&channel=app"), 404, "not_found");
        assertError(get("/atp?sku=" + sku + "&node=DC-XS&channel=app&channel=pos"), 400, "bad_request");
        assertError(post("/atp?sku=" + sku + "&node=DC-XS&channel=app", "{}", null), 405, "method_not_allowed");
    }

    @Test
    void servesConcurrentRequests() throws Exception {
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(http.sendAsync(HttpRequest.newBuilder(service.uri().resolve(URI.create("/holds")))
                    .header(RetailService.IDEMPOTENCY_KEY, "race-" + (i % 10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"channel\": \"app\", \"lines\": [{\"sku\": \"" + sku
                            + "\", \"node\": \"DC-XS\", \"quantity\": 1}]}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (var c : calls) {
            HttpResponse<String> r = c.get();
            assertEquals(201, r.statusCode(), r.body());
            ids.add(JSON.readTree(r.body()).get("id").asLong());
        }
        assertEquals(10, ids.size(), "ten keys, ten holds, however the retries interleave");
    }
}

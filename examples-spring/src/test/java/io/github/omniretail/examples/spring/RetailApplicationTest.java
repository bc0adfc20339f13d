package io.github.omniretail.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.omniretail.examples.demo.MemberAnalytics;
import io.github.omniretail.examples.demo.RetailWorld;
import io.github.omniretail.examples.demo.Retailer;
import io.github.omniretail.examples.serve.RetailService;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.spring.OmniRetailHealthIndicator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Spring Boot application serves the same API as {@code omniretail serve}: the same requests, sent to both in
 * the same order over identical worlds with stopped clocks, get the same statuses, headers that matter and
 * byte-identical JSON — placements, retries, conflicts, refusals and errors included. And the application's engines
 * are the starter's beans: instrumented, swept, healthy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"retail.seed=11", "retail.scale=0.02", "retail.clock=stopped"})
class RetailApplicationTest {

    static RetailService jdk;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    InventoryEngine inventory;
    @Autowired
    Retailer retailer;
    @Autowired
    OmniRetailHealthIndicator health;

    @BeforeAll
    static void startTheJdkService() throws Exception {
        RetailWorld world = RetailWorld.generate(11, 0.02);
        Instant open = RetailWorld.DAY.atTime(8, 0).atZone(RetailWorld.ZONE).toInstant();
        Retailer plain = Retailer.open(world, open, Retailer.EventSink.none());
        jdk = RetailService.start(plain, MemberAnalytics.of(world, List.of()),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), () -> { });
    }

    @AfterAll
    static void stopTheJdkService() {
        jdk.close();
    }

    record Call(String method, String path, String body, String key) {
    }

    record Answer(int status, String allow, String body) {
    }

    static Answer send(URI base, Call call) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(call.path()))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body()))
                .header("Content-Type", "application/json");
        if (call.key() != null) {
            b.header("Idempotency-Key", call.key());
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Allow").orElse(""), r.body());
    }

    @Test
    void everyEndpointAnswersAsTheServeCommandDoes() throws Exception {
        RetailWorld world = retailer.world();
        String sku = world.products().get(0).sku().value();
        String second = world.products().get(1).sku().value();
        String member = world.members().get(world.history().get(0).member()).id().value();
        String order = "{\"channel\": \"app\", \"member\": \"" + member + "\", \"shipping\": \"6.00\", "
                + "\"delivery\": {\"method\": \"ship\", \"lat\": 30.27, \"lon\": 120.15}, "
                + "\"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 2}]}";
        String hold = "{\"channel\": \"app\", \"lines\": [{\"sku\": \"" + sku + "\", \"node\": \"DC-XS\", "
                + "\"quantity\": 2}]}";
        List<Call> calls = List.of(
                new Call("GET", "/health", null, null),
                new Call("POST", "/quote", "{\"channel\": \"app\", \"member\": \"" + member + "\", \"shipping\": "
                        + "\"6.00\", \"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 3}, {\"sku\": \"" + second
                        + "\", \"quantity\": 1}]}", null),
                new Call("POST", "/route", "{\"channel\": \"app\", \"delivery\": {\"method\": \"ship\", \"lat\": "
                        + "30.27, \"lon\": 120.15}, \"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}", null),
                new Call("POST", "/route", "{\"channel\": \"app\", \"delivery\": {\"method\": \"drone\"}, "
                        + "\"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}", null),
                new Call("POST", "/holds", hold, null),
                new Call("POST", "/holds", hold, "cart-1"),
                new Call("POST", "/holds", hold, "cart-1"),
                new Call("POST", "/holds", hold.replace("\"quantity\": 2", "\"quantity\": 3"), "cart-1"),
                new Call("POST", "/holds", hold.replace("\"quantity\": 2", "\"quantity\": 100000"), "cart-2"),
                new Call("POST", "/holds/1/confirm", "", "confirm-1"),
                new Call("GET", "/holds/1", null, null),
                new Call("POST", "/holds/abc/release", "", null),
                new Call("POST", "/orders", order, "order-77"),
                new Call("POST", "/orders", order, "order-77"),
                new Call("POST", "/orders/order-77/confirm", "", null),
                new Call("POST", "/orders/order-77/shipments/0/fulfil", "", null),
                new Call("GET", "/orders/order-77", null, null),
                new Call("POST", "/orders/order-77/cancel", "", null),
                new Call("GET", "/orders/no-such-order", null, null),
                new Call("GET", "/atp?sku=" + sku + "&node=DC-XS&channel=app", null, null),
                new Call("GET", "/atp?sku=" + sku + "&node=DC-XS", null, null),
                new Call("GET", "/members/" + member + "/balance", null, null),
                new Call("POST", "/members/" + member + "/earn", "{\"order\": \"O-1\", \"channel\": \"store-pos\", "
                        + "\"amount\": \"128.50\"}", "pos-1"),
                new Call("POST", "/members/" + member + "/earn", "{\"order\": \"O-2\", \"channel\": \"app\", "
                        + "\"amount\": 12.5}", "app-2"),
                new Call("POST", "/members/" + member + "/redeem", "{\"points\": 100000000}", "r-1"),
                new Call("GET", "/members/" + member + "/segment", null, null),
                new Call("POST", "/quote", "{not json", null),
                new Call("GET", "/quote", null, null),
                new Call("DELETE", "/holds/1", null, null),
                new Call("GET", "/no/such/endpoint", null, null));
        URI spring = URI.create("http://127.0.0.1:" + port + "/");
        List<Integer> statuses = new ArrayList<>();
        for (Call call : calls) {
            Answer theirs = send(jdk.uri().resolve("/"), call);
            Answer ours = send(spring, call);
            assertThat(ours).as("%s %s", call.method(), call.path()).isEqualTo(theirs);
            statuses.add(ours.status());
        }
        assertThat(statuses).contains(200, 201, 400, 404, 405, 409).doesNotContain(500);
        assertThat(statuses.get(5)).as("a hold placed").isEqualTo(201);
    }

    @Test
    void theEnginesAreTheStartersInstrumentedAndHealthy() throws Exception {
        assertThat(inventory.toString()).startsWith("Instrumented[");
        assertThat(retailer.inventory()).isSameAs(inventory);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        Answer actuator = send(URI.create("http://127.0.0.1:" + port + "/"),
                new Call("GET", "/actuator/health", null, null));
        assertThat(actuator.status()).isEqualTo(200);
        assertThat(actuator.body()).contains("\"omniRetail\"", "\"store\":\"memory\"");
        Answer metrics = send(URI.create("http://127.0.0.1:" + port + "/"),
                new Call("GET", "/actuator/metrics/omniretail.inventory.calls", null, null));
        assertThat(metrics.status()).isEqualTo(200);
    }
}

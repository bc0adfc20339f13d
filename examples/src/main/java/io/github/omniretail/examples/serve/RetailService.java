package io.github.omniretail.examples.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.core.Order;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.examples.demo.MemberAnalytics;
import io.github.omniretail.examples.demo.Retailer;
import io.github.omniretail.examples.demo.RetailWorld;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldId;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldLineState;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.IdempotencyConflictException;
import io.github.omniretail.inventory.IllegalHoldStateException;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.UnknownHoldException;
import io.github.omniretail.loyalty.Balance;
import io.github.omniretail.loyalty.InsufficientPointsException;
import io.github.omniretail.loyalty.LedgerConflictException;
import io.github.omniretail.loyalty.LedgerEntry;
import io.github.omniretail.loyalty.Posting;
import io.github.omniretail.loyalty.TransactionId;
import io.github.omniretail.loyalty.UnknownMemberException;
import io.github.omniretail.pricing.AppliedPromotion;
import io.github.omniretail.pricing.Cart;
import io.github.omniretail.pricing.CartQuote;
import io.github.omniretail.pricing.LineQuote;
import io.github.omniretail.pricing.PriceStep;
import io.github.omniretail.pricing.PricingContext;
import io.github.omniretail.pricing.RejectedPromotion;
import io.github.omniretail.pricing.StackingMode;
import io.github.omniretail.routing.CandidateVerdict;
import io.github.omniretail.routing.FulfillmentPlan;
import io.github.omniretail.routing.RoutingPolicy;
import io.github.omniretail.routing.RoutingResult;
import io.github.omniretail.routing.Shipment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/JSON service over a {@link Retailer}: the JDK's built-in {@link HttpServer}, Jackson, no framework.
 * It shows how the engines are embedded in a service — each endpoint is a few lines of engine calls; the rest is
 * parsing and error mapping.
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><td>{@code GET /health}</td><td>status, time, catalogue and network sizes</td></tr>
 *   <tr><td>{@code POST /quote}</td><td>price a cart: lines, promotions applied and rejected with reasons</td></tr>
 *   <tr><td>{@code POST /route}</td><td>plan an order without reserving: shipments, cost, every candidate's verdict</td></tr>
 *   <tr><td>{@code POST /holds}</td><td>hold stock (header {@value #IDEMPOTENCY_KEY} required)</td></tr>
 *   <tr><td>{@code POST /holds/{id}/confirm}, {@code /release}</td><td>confirm or release a hold</td></tr>
 *   <tr><td>{@code POST /members/{id}/earn}, {@code /redeem}</td><td>points (header {@value #IDEMPOTENCY_KEY} required)</td></tr>
 *   <tr><td>{@code GET /members/{id}/balance}, {@code /segment}</td><td>balance and tier; RFM segment, P(alive), CLV</td></tr>
 * </table>
 *
 * <p>Errors are JSON {@code {"error": code, "message": …}} plus details: 400 for bad JSON or a bad field (naming it
 * in {@code "field"}), 404 for unknown ids and paths, 405 for the wrong method, 409 for idempotency conflicts, illegal
 * state changes, insufficient stock (with the shortage) or points, 413 for bodies over 1 MiB. Thread-safe: requests
 * run on a small pool and the engines are thread-safe.
 */
public final class RetailService implements AutoCloseable {

    /** The largest request body accepted, in bytes (1 MiB). */
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** The header carrying the caller's idempotency key. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final Logger LOG = LoggerFactory.getLogger(RetailService.class);
    private static final Pattern HOLD_ACTION = Pattern.compile("/holds/([^/]+)/(confirm|release)");
    private static final Pattern MEMBER = Pattern.compile("/members/([^/]+)/(earn|redeem|balance|segment)");

    private final Retailer retailer;
    private final MemberAnalytics analytics;
    private final Runnable tick;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService pool;

    private RetailService(Retailer retailer, MemberAnalytics analytics, InetSocketAddress address, Runnable tick)
            throws IOException {
        this.retailer = retailer;
        this.analytics = analytics;
        this.tick = tick;
        server = HttpServer.create(address, 64);
        AtomicInteger threads = new AtomicInteger();
        pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "retail-service-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
        LOG.info("listening on {}", uri());
    }

    /**
     * Starts the service.
     *
     * @param retailer the engines; non-null
     * @param analytics last night's member analytics, for {@code /segment}; non-null
     * @param address where to listen (port 0 picks a free one); non-null
     * @param tick run before every request, e.g. to move a simulated clock; non-null
     * @return the running service
     * @throws IOException if the address cannot be bound
     */
    public static RetailService start(Retailer retailer, MemberAnalytics analytics, InetSocketAddress address,
            Runnable tick) throws IOException {
        return new RetailService(Objects.requireNonNull(retailer, "retailer"), Objects.requireNonNull(analytics,
                "analytics"), Objects.requireNonNull(address, "address"), Objects.requireNonNull(tick, "tick"));
    }

    /** @return the bound port */
    public int port() {
        return server.getAddress().getPort();
    }

    /** @return the base URI, e.g. {@code http://127.0.0.1:8080} */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
    }

    /** Stops accepting requests and stops the pool. Idempotent. */
    @Override
    public void close() {
        server.stop(0);
        pool.shutdown();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- dispatch --------------------------------------------------------------------------------------------

    private static final class HttpError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final transient Map<String, Object> details;

        HttpError(int status, String code, String message, Map<String, Object> details) {
            super(message);
            this.status = status;
            this.details = new LinkedHashMap<>();
            this.details.put("error", code);
            this.details.put("message", message);
            this.details.putAll(details);
        }

        static HttpError badField(String field, String message) {
            return new HttpError(400, "bad_request", field + ": " + message, Map.of("field", field));
        }

        static HttpError notFound(String what) {
            return new HttpError(404, "not_found", what, Map.of());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status;
            Object body;
            try {
                tick.run();
                body = dispatch(exchange);
                status = exchange.getRequestMethod().equals("POST") && exchange.getRequestURI().getPath()
                        .equals("/holds") ? 201 : 200;
            } catch (HttpError e) {
                status = e.status;
                body = e.details;
            } catch (RuntimeException e) {
                LOG.error("request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                status = 500;
                body = Map.of("error", "internal", "message", String.valueOf(e.getMessage()));
            }
            byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private Object dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/health")) {
            requireMethod(exchange, "GET");
            return health();
        }
        if (path.equals("/quote")) {
            requireMethod(exchange, "POST");
            return quote(body(exchange));
        }
        if (path.equals("/route")) {
            requireMethod(exchange, "POST");
            return route(body(exchange));
        }
        if (path.equals("/holds")) {
            requireMethod(exchange, "POST");
            return placeHold(body(exchange), requiredKey(exchange));
        }
        Matcher hold = HOLD_ACTION.matcher(path);
        if (hold.matches()) {
            requireMethod(exchange, "POST");
            drain(exchange);
            HoldId id = holdId(hold.group(1));
            String key = key(exchange).orElse(hold.group(2) + "-" + id.value());
            return holdAction(id, hold.group(2), key);
        }
        Matcher member = MEMBER.matcher(path);
        if (member.matches()) {
            MemberId id = member(member.group(1));
            switch (member.group(2)) {
                case "earn" -> {
                    requireMethod(exchange, "POST");
                    return earn(id, body(exchange), requiredKey(exchange));
                }
                case "redeem" -> {
                    requireMethod(exchange, "POST");
                    return redeem(id, body(exchange), requiredKey(exchange));
                }
                case "balance" -> {
                    requireMethod(exchange, "GET");
                    return balance(id);
                }
                default -> {
                    requireMethod(exchange, "GET");
                    return segment(id);
                }
            }
        }
        throw HttpError.notFound("no endpoint " + method + " " + path);
    }

    private static void requireMethod(HttpExchange exchange, String method) {
        if (!exchange.getRequestMethod().equals(method)) {
            exchange.getResponseHeaders().set("Allow", method);
            throw new HttpError(405, "method_not_allowed", exchange.getRequestURI().getPath() + " takes " + method
                    + ", not " + exchange.getRequestMethod(), Map.of("allow", method));
        }
    }

    private static Optional<String> key(HttpExchange exchange) {
        String key = exchange.getRequestHeaders().getFirst(IDEMPOTENCY_KEY);
        if (key == null) {
            return Optional.empty();
        }
        if (key.isBlank() || key.length() > 200) {
            throw HttpError.badField(IDEMPOTENCY_KEY, "must be 1 to 200 characters");
        }
        return Optional.of(key);
    }

    private static String requiredKey(HttpExchange exchange) {
        return key(exchange).orElseThrow(() -> HttpError.badField(IDEMPOTENCY_KEY,
                "the header is required: retries with the same key are applied once"));
    }

    private static void drain(HttpExchange exchange) throws IOException {
        read(exchange);
    }

    private static byte[] read(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw HttpError.badField("Content-Length", "not a number: " + length);
            }
            if (declared > MAX_BODY_BYTES) {
                throw tooLarge(declared);
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw tooLarge(bytes.length);
            }
            return bytes;
        }
    }

    private static HttpError tooLarge(long bytes) {
        return new HttpError(413, "payload_too_large", "bodies are limited to " + MAX_BODY_BYTES + " bytes, got "
                + (bytes > MAX_BODY_BYTES ? "more than that" : bytes + ""), Map.of("limit", MAX_BODY_BYTES));
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes = read(exchange);
        JsonNode node;
        try {
            node = json.readTree(bytes);
        } catch (JsonProcessingException e) {
            Map<String, Object> where = new LinkedHashMap<>();
            where.put("field", "$");
            where.put("line", e.getLocation() == null ? 0 : e.getLocation().getLineNr());
            where.put("column", e.getLocation() == null ? 0 : e.getLocation().getColumnNr());
            throw new HttpError(400, "bad_json", "the body is not valid JSON: " + e.getOriginalMessage(), where);
        }
        if (node == null || !node.isObject()) {
            throw HttpError.badField("$", "the body must be a JSON object");
        }
        return node;
    }

    // ---- field parsing ---------------------------------------------------------------------------------------

    private static String text(JsonNode parent, String name, String path) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) {
            throw HttpError.badField(path, "is required");
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw HttpError.badField(path, "must be a non-blank string, was " + v);
        }
        return v.asText();
    }

    private static Optional<String> optionalText(JsonNode parent, String name, String path) {
        JsonNode v = parent.get(name);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(text(parent, name, path));
    }

    private static long integer(JsonNode parent, String name, String path, long min, long max) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) {
            throw HttpError.badField(path, "is required");
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw HttpError.badField(path, "must be an integer from " + min + " to " + max + ", was " + v);
        }
        return v.asLong();
    }

    private static Money money(JsonNode parent, String name, String path) {
        String text = text(parent, name, path);
        try {
            Money m = Money.parse(text, RetailWorld.CNY);
            if (m.isNegative()) {
                throw HttpError.badField(path, "must not be negative, was " + text);
            }
            return m;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw HttpError.badField(path, "must be a decimal amount in CNY such as \"128.50\", was \"" + text + "\"");
        }
    }

    private static JsonNode array(JsonNode parent, String name, String path) {
        JsonNode v = parent.get(name);
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw HttpError.badField(path, "must be a non-empty array");
        }
        if (v.size() > 200) {
            throw HttpError.badField(path, "has " + v.size() + " entries; at most 200");
        }
        return v;
    }

    private Channel channel(JsonNode body) {
        String id = text(body, "channel", "channel");
        for (Channel c : Retailer.CHANNELS) {
            if (c.id().value().equals(id)) {
                return c;
            }
        }
        throw HttpError.badField("channel", "unknown channel \"" + id + "\"; one of "
                + Retailer.CHANNELS.stream().map(c -> c.id().value()).toList());
    }

    private Sku sku(String value) {
        Sku sku;
        try {
            sku = Sku.of(value);
        } catch (IllegalArgumentException e) {
            throw HttpError.notFound("no SKU " + value);
        }
        if (retailer.productIndex(sku).isEmpty()) {
            throw HttpError.notFound("no SKU " + value);
        }
        return sku;
    }

    private FulfillmentNode node(String value) {
        try {
            return retailer.node(NodeId.of(value)).orElseThrow(() -> HttpError.notFound("no node " + value));
        } catch (IllegalArgumentException e) {
            throw HttpError.notFound("no node " + value);
        }
    }

    private MemberId member(String value) {
        try {
            MemberId id = MemberId.of(value);
            if (retailer.memberIndex(id).isEmpty()) {
                throw HttpError.notFound("no member " + value);
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw HttpError.notFound("no member " + value);
        }
    }

    private static HoldId holdId(String value) {
        try {
            return HoldId.of(Long.parseLong(value));
        } catch (IllegalArgumentException e) {
            throw HttpError.notFound("no hold " + value);
        }
    }

    private Map<Sku, Integer> lines(JsonNode body) {
        JsonNode lines = array(body, "lines", "lines");
        Map<Sku, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            String p = "lines[" + i + "]";
            if (!line.isObject()) {
                throw HttpError.badField(p, "must be an object");
            }
            Sku sku = sku(text(line, "sku", p + ".sku"));
            int q = (int) integer(line, "quantity", p + ".quantity", 1, 10_000);
            out.merge(sku, q, Integer::sum);
        }
        return out;
    }

    // ---- endpoints -------------------------------------------------------------------------------------------

    private Object health() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "ok");
        out.put("time", retailer.clock().instant().toString());
        out.put("skus", retailer.world().products().size());
        out.put("members", retailer.world().members().size());
        out.put("nodes", retailer.world().nodes().size());
        return out;
    }

    private Object quote(JsonNode body) {
        Channel channel = channel(body);
        Map<Sku, Integer> lines = lines(body);
        PricingContext context = PricingContext.of(channel.id(), RetailWorld.ZONE, retailer.clock().instant());
        Optional<String> node = optionalText(body, "node", "node");
        if (node.isPresent()) {
            context = context.atNode(node(node.get()).id(), RetailWorld.ZONE);
        }
        Optional<String> member = optionalText(body, "member", "member");
        if (member.isPresent()) {
            context = context.forMember(member(member.get()));
        }
        JsonNode first = body.get("firstOrder");
        if (first != null && !first.isNull()) {
            if (!first.isBoolean()) {
                throw HttpError.badField("firstOrder", "must be true or false, was " + first);
            }
            context = context.firstOrder(first.asBoolean());
        }
        Money shipping = body.has("shipping") ? money(body, "shipping", "shipping") : Money.zero(RetailWorld.CNY);
        StackingMode mode = StackingMode.BEST_DEAL;
        Optional<String> stacking = optionalText(body, "stacking", "stacking");
        if (stacking.isPresent()) {
            try {
                mode = StackingMode.valueOf(stacking.get());
            } catch (IllegalArgumentException e) {
                throw HttpError.badField("stacking", "must be one of " + List.of(StackingMode.values()) + ", was "
                        + stacking.get());
            }
        }
        Cart cart = Cart.of(shipping, lines.entrySet().stream().map(e -> new Cart.Line(e.getKey(), e.getValue()))
                .toArray(Cart.Line[]::new));
        JsonNode coupons = body.get("coupons");
        if (coupons != null && !coupons.isNull()) {
            if (!coupons.isArray()) {
                throw HttpError.badField("coupons", "must be an array of strings");
            }
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < coupons.size(); i++) {
                if (!coupons.get(i).isTextual()) {
                    throw HttpError.badField("coupons[" + i + "]", "must be a string");
                }
                codes.add(coupons.get(i).asText());
            }
            cart = cart.withCoupons(codes.toArray(String[]::new));
        }
        CartQuote q = retailer.pricing().quote(cart, context, mode);
        ObjectNode out = json.createObjectNode();
        out.put("currency", RetailWorld.CNY.getCurrencyCode());
        ArrayNode outLines = out.putArray("lines");
        for (LineQuote l : q.lines()) {
            ObjectNode line = outLines.addObject();
            line.put("sku", l.item().sku().value());
            line.put("quantity", l.quantity());
            line.put("listPrice", l.item().listPrice().amountString());
            line.put("unitPrice", l.item().price().amountString());
            line.put("amount", l.amount().amountString());
            line.put("discount", l.discount().amountString());
            line.put("net", l.net().amountString());
            ArrayNode steps = line.putArray("steps");
            for (PriceStep s : l.item().steps()) {
                steps.addObject().put("stage", s.stage().name()).put("rule", s.rule())
                        .put("before", s.before().amountString()).put("after", s.after().amountString())
                        .put("reason", s.reason());
            }
        }
        out.put("subtotal", q.subtotal().amountString());
        out.put("discount", q.discount().amountString());
        out.put("shipping", q.shipping().amountString());
        out.put("shippingDiscount", q.shippingDiscount().amountString());
        out.put("total", q.total().amountString());
        ArrayNode applied = out.putArray("applied");
        for (AppliedPromotion a : q.applied()) {
            applied.addObject().put("id", a.promotionId()).put("name", a.name()).put("amount", a.amount().amountString())
                    .put("reason", a.reason());
        }
        ArrayNode rejected = out.putArray("rejected");
        for (RejectedPromotion r : q.rejected()) {
            rejected.addObject().put("id", r.promotionId()).put("name", r.name()).put("reason", r.reason());
        }
        ObjectNode experiments = out.putObject("experiments");
        q.experiments().forEach(experiments::put);
        out.put("mode", q.mode().name());
        out.put("rulesVersion", q.rulesVersion());
        out.put("promotionsVersion", q.promotionsVersion());
        out.put("hash", q.hash());
        return out;
    }

    private Object route(JsonNode body) {
        Channel channel = channel(body);
        Map<Sku, Integer> lines = lines(body);
        JsonNode d = body.get("delivery");
        if (d == null || !d.isObject()) {
            throw HttpError.badField("delivery", "must be an object such as {\"method\": \"ship\", \"lat\": 30.27, "
                    + "\"lon\": 120.15}");
        }
        String method = text(d, "method", "delivery.method");
        DeliveryMethod delivery = switch (method) {
            case "ship" -> DeliveryMethod.ship(point(d));
            case "same-day" -> DeliveryMethod.sameDay(point(d));
            case "pickup" -> {
                FulfillmentNode n = node(text(d, "node", "delivery.node"));
                if (!n.can(io.github.omniretail.core.NodeCapability.PICKUP)) {
                    throw HttpError.badField("delivery.node", n.id() + " does not offer pickup");
                }
                yield DeliveryMethod.pickup(n.id());
            }
            default -> throw HttpError.badField("delivery.method", "must be ship, same-day or pickup, was " + method);
        };
        RoutingPolicy policy = switch (optionalText(body, "policy", "policy").orElse("nearest-with-stock")) {
            case "nearest-with-stock" -> Retailer.NEAREST_WITH_STOCK;
            case "warehouse-first" -> Retailer.WAREHOUSE_FIRST;
            case "cost-optimal" -> RoutingPolicy.costOptimal().withMaxCandidates(40);
            default -> throw HttpError.badField("policy", "must be nearest-with-stock, warehouse-first or cost-optimal");
        };
        String orderId = optionalText(body, "order", "order").orElse("route-request");
        Order.Builder order = Order.builder(OrderId.of(orderId), channel, retailer.clock().instant(), delivery);
        optionalText(body, "member", "member").ifPresent(m -> order.member(member(m)));
        for (Map.Entry<Sku, Integer> e : lines.entrySet()) {
            order.line(e.getKey(), e.getValue(),
                    retailer.world().products().get(retailer.productIndex(e.getKey()).orElseThrow()).price());
        }
        RoutingResult result = retailer.routing().route(order.build(), policy);
        ObjectNode out = json.createObjectNode();
        out.put("fulfillable", result.fulfillable());
        ArrayNode missing = out.putArray("missing");
        result.missing().forEach(missing::add);
        if (result.plan().isPresent()) {
            FulfillmentPlan plan = result.plan().get();
            ObjectNode p = out.putObject("plan");
            ArrayNode shipments = p.putArray("shipments");
            for (Shipment s : plan.shipments()) {
                ObjectNode sh = shipments.addObject();
                sh.put("node", s.node().value());
                sh.put("type", s.type().name());
                sh.put("distanceMetres", Math.round(s.distanceMetres()));
                sh.put("cost", s.cost().amountString());
                sh.put("estimatedArrival", s.estimatedArrival().toString());
                s.transferTo().ifPresent(t -> sh.put("transferTo", t.value()));
                ArrayNode sl = sh.putArray("lines");
                for (Shipment.Line l : s.lines()) {
                    sl.addObject().put("sku", l.sku().value()).put("quantity", l.quantity());
                }
            }
            p.put("totalCost", plan.totalCost().amountString());
            p.put("readyBy", plan.readyBy().toString());
        }
        ObjectNode explanation = out.putObject("explanation");
        explanation.put("policy", result.explanation().policy());
        ArrayNode candidates = explanation.putArray("candidates");
        for (CandidateVerdict v : result.explanation().candidates()) {
            ObjectNode c = candidates.addObject();
            c.put("node", v.node().value());
            c.put("distanceMetres", Math.round(v.distanceMetres()));
            c.put("verdict", v.verdict().name());
            ArrayNode reasons = c.putArray("reasons");
            v.reasons().forEach(reasons::add);
        }
        ArrayNode notes = explanation.putArray("notes");
        result.explanation().notes().forEach(notes::add);
        return out;
    }

    private static GeoPoint point(JsonNode d) {
        double lat = coordinate(d, "lat", -90, 90);
        double lon = coordinate(d, "lon", -180, 180);
        return GeoPoint.of(lat, lon);
    }

    private static double coordinate(JsonNode d, String name, double min, double max) {
        JsonNode v = d.get(name);
        if (v == null || !v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
            throw HttpError.badField("delivery." + name, "must be a number from " + min + " to " + max + ", was " + v);
        }
        return v.asDouble();
    }

    private Object placeHold(JsonNode body, String key) {
        Channel channel = channel(body);
        long ttl = body.has("ttlSeconds") ? integer(body, "ttlSeconds", "ttlSeconds", 1, 86_400) : 900;
        JsonNode lines = array(body, "lines", "lines");
        HoldRequest.Builder request = HoldRequest.builder(key, channel, Duration.ofSeconds(ttl));
        optionalText(body, "reference", "reference").ifPresent(request::reference);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            String p = "lines[" + i + "]";
            if (!line.isObject()) {
                throw HttpError.badField(p, "must be an object");
            }
            Sku sku = sku(text(line, "sku", p + ".sku"));
            FulfillmentNode node = node(text(line, "node", p + ".node"));
            if (node.type() == NodeType.PICKUP_POINT) {
                throw HttpError.badField(p + ".node", node.id() + " is a pickup locker and holds no stock");
            }
            request.line(HoldLine.atNode(sku, node.id(), (int) integer(line, "quantity", p + ".quantity", 1, 10_000)));
        }
        try {
            return hold(retailer.inventory().hold(request.build()));
        } catch (InsufficientStockException e) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("sku", e.sku().value());
            e.node().ifPresent(n -> details.put("node", n.value()));
            details.put("requested", e.requested());
            details.put("available", e.available());
            details.put("shortage", e.requested() - e.available());
            throw new HttpError(409, "insufficient_stock", e.getMessage(), details);
        } catch (IdempotencyConflictException e) {
            throw new HttpError(409, "idempotency_conflict", e.getMessage(), Map.of("key", e.key()));
        }
    }

    private Object holdAction(HoldId id, String action, String key) {
        try {
            Hold h = action.equals("confirm") ? retailer.inventory().confirm(key, id)
                    : retailer.inventory().releaseAll(key, id);
            return hold(h);
        } catch (UnknownHoldException e) {
            throw HttpError.notFound("no hold " + id.value());
        } catch (IllegalHoldStateException e) {
            throw new HttpError(409, "illegal_state", e.getMessage(), Map.of("status", e.status().name()));
        } catch (IdempotencyConflictException e) {
            throw new HttpError(409, "idempotency_conflict", e.getMessage(), Map.of("key", e.key()));
        }
    }

    private ObjectNode hold(Hold h) {
        ObjectNode out = json.createObjectNode();
        out.put("id", h.id().value());
        out.put("status", h.status().name());
        out.put("channel", h.channel().id().value());
        out.put("createdAt", h.createdAt().toString());
        out.put("expiresAt", h.expiresAt().toString());
        h.reference().ifPresent(r -> out.put("reference", r));
        ArrayNode lines = out.putArray("lines");
        for (HoldLineState l : h.lines()) {
            ObjectNode line = lines.addObject();
            line.put("sku", l.sku().value());
            l.node().ifPresent(n -> line.put("node", n.value()));
            line.put("quantity", l.quantity());
            line.put("fulfilled", l.fulfilled());
            line.put("released", l.released());
        }
        return out;
    }

    private Object earn(MemberId member, JsonNode body, String key) {
        String order = text(body, "order", "order");
        Channel channel = channel(body);
        Money amount = money(body, "amount", "amount");
        OrderId orderId;
        try {
            orderId = OrderId.of(order);
        } catch (IllegalArgumentException e) {
            throw HttpError.badField("order", e.getMessage());
        }
        return ledgerCall(member, () -> retailer.ledger().earn(TransactionId.of(key), member, orderId, channel, amount));
    }

    private Object redeem(MemberId member, JsonNode body, String key) {
        long points = integer(body, "points", "points", 1, 100_000_000);
        try {
            return ledgerCall(member, () -> retailer.ledger().redeem(TransactionId.of(key), member, points));
        } catch (InsufficientPointsException e) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("requested", e.requested());
            details.put("available", e.available());
            details.put("shortage", e.requested() - e.available());
            throw new HttpError(409, "insufficient_points", e.getMessage(), details);
        }
    }

    private Object ledgerCall(MemberId member, java.util.function.Supplier<LedgerEntry> call) {
        LedgerEntry entry;
        try {
            entry = call.get();
        } catch (UnknownMemberException e) {
            throw HttpError.notFound("no member " + member.value());
        } catch (LedgerConflictException e) {
            throw new HttpError(409, "idempotency_conflict", e.getMessage(), Map.of("key", e.id().value()));
        }
        ObjectNode out = json.createObjectNode();
        out.put("transaction", entry.id().value());
        out.put("type", entry.type().name());
        out.put("member", entry.member().value());
        out.put("at", entry.at().toString());
        entry.reference().ifPresent(r -> out.put("reference", r));
        ArrayNode postings = out.putArray("postings");
        for (Posting p : entry.postings()) {
            ObjectNode po = postings.addObject();
            po.put("account", p.account().name());
            p.member().ifPresent(m -> po.put("member", m.value()));
            po.put("points", p.points());
        }
        out.set("balance", json.valueToTree(balance(member)));
        return out;
    }

    private Map<String, Object> balance(MemberId member) {
        Balance b = retailer.ledger().balance(member);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("member", member.value());
        out.put("available", b.available());
        out.put("pending", b.pending());
        out.put("held", b.held());
        out.put("total", b.total());
        out.put("tier", retailer.ledger().tier(member).id());
        out.put("expiringWithin30Days", retailer.ledger().expiringWithin(member, Duration.ofDays(30)));
        return out;
    }

    private Object segment(MemberId member) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("member", member.value());
        out.put("asOf", RetailWorld.DAY.toString());
        Optional<MemberAnalytics.MemberScore> score = analytics.score(member);
        if (score.isEmpty()) {
            out.put("segment", null);
            out.put("reason", "no purchases yet");
            return out;
        }
        MemberAnalytics.MemberScore s = score.get();
        out.put("segment", s.segment());
        out.put("label", s.label());
        out.put("r", s.score().r());
        out.put("f", s.score().f());
        out.put("m", s.score().m());
        out.put("pAlive", Math.round(s.pAlive() * 10_000) / 10_000.0);
        out.put("clv52", s.clv52().amountString());
        return out;
    }
}

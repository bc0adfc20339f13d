package io.github.omniretail.examples.serve;

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
import io.github.omniretail.core.json.InvalidJsonException;
import io.github.omniretail.core.json.JsonTree;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
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
        long declared = -1;
        if (length != null) {
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw HttpError.badField("Content-Length", "not a number: " + length);
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            if (declared > MAX_BODY_BYTES) {
                discard(in);
                throw tooLarge(declared);
            }
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                discard(in);
                throw tooLarge(bytes.length);
            }
            return bytes;
        }
    }

    /**
     * Reads and drops what is left of an oversized body (up to 16 MiB) so the client, still sending, receives the
     * 413 instead of a reset connection; beyond that the connection is simply closed.
     */
    private static void discard(InputStream in) throws IOException {
        long left = 16L << 20;
        byte[] buffer = new byte[64 * 1024];
        int n;
        while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= n;
        }
    }

    private static HttpError tooLarge(long bytes) {
        return new HttpError(413, "payload_too_large", "bodies are limited to " + MAX_BODY_BYTES + " bytes, got "
                + (bytes > MAX_BODY_BYTES ? "more than that" : bytes + ""), Map.of("limit", MAX_BODY_BYTES));
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(read(exchange), StandardCharsets.UTF_8);
    }

    /** Reads a request body with the project's path-naming JSON reader; a failed check becomes a 400. */
    private static <T> T parse(String body, Function<JsonTree, T> reader) {
        try {
            return JsonTree.read(body, reader);
        } catch (InvalidJsonException e) {
            boolean malformed = e.problem().startsWith("malformed JSON") || e.problem().startsWith("the document is");
            throw new HttpError(400, malformed ? "bad_json" : "bad_request", e.jsonPath() + ": " + e.problem(),
                    Map.of("field", e.jsonPath()));
        }
    }

    // ---- field parsing ---------------------------------------------------------------------------------------

    private static int quantity(JsonTree node) {
        int q = node.intValue();
        if (q < 1 || q > 10_000) {
            throw node.fail("a quantity must be 1 to 10000, was " + q);
        }
        return q;
    }

    private static Money money(JsonTree node) {
        String text = node.text();
        try {
            Money m = Money.parse(text, RetailWorld.CNY);
            if (m.isNegative()) {
                throw node.fail("an amount must not be negative, was " + text);
            }
            return m;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw node.fail("expected a decimal amount in CNY such as \"128.50\", was \"" + text + "\"");
        }
    }

    private static List<JsonTree> lineNodes(JsonTree root) {
        List<JsonTree> lines = root.field("lines").elements();
        if (lines.isEmpty() || lines.size() > 200) {
            throw root.field("lines").fail("expected 1 to 200 lines, found " + lines.size());
        }
        return lines;
    }

    private Channel channel(JsonTree node) {
        String id = node.text();
        for (Channel c : Retailer.CHANNELS) {
            if (c.id().value().equals(id)) {
                return c;
            }
        }
        throw node.fail("unknown channel '" + id + "'; expected one of "
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

    /** The lines of a cart or an order: SKU → quantity, repeated SKUs added up. */
    private Map<Sku, Integer> lines(JsonTree root) {
        Map<Sku, Integer> out = new LinkedHashMap<>();
        for (JsonTree line : lineNodes(root)) {
            line.object("sku", "quantity");
            out.merge(sku(line.field("sku").text()), quantity(line.field("quantity")), Integer::sum);
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

    private record QuoteInput(Cart cart, PricingContext context, StackingMode mode) {
    }

    private Object quote(String body) {
        QuoteInput in = parse(body, root -> {
            root.object("channel", "lines", "member", "node", "firstOrder", "shipping", "coupons", "stacking");
            Channel channel = channel(root.field("channel"));
            Map<Sku, Integer> lines = lines(root);
            PricingContext context = PricingContext.of(channel.id(), RetailWorld.ZONE, retailer.clock().instant());
            Optional<JsonTree> node = root.optionalField("node");
            if (node.isPresent()) {
                context = context.atNode(node(node.get().text()).id(), RetailWorld.ZONE);
            }
            Optional<JsonTree> member = root.optionalField("member");
            if (member.isPresent()) {
                context = context.forMember(member(member.get().text()));
            }
            Optional<JsonTree> first = root.optionalField("firstOrder");
            if (first.isPresent()) {
                context = context.firstOrder(first.get().bool());
            }
            Money shipping = root.optionalField("shipping").map(RetailService::money)
                    .orElse(Money.zero(RetailWorld.CNY));
            Cart cart = Cart.of(shipping, lines.entrySet().stream()
                    .map(e -> new Cart.Line(e.getKey(), e.getValue())).toArray(Cart.Line[]::new));
            Optional<JsonTree> coupons = root.optionalField("coupons");
            if (coupons.isPresent()) {
                cart = cart.withCoupons(coupons.get().elements().stream().map(JsonTree::text).toArray(String[]::new));
            }
            StackingMode mode = root.optionalField("stacking").map(t -> t.enumValue(StackingMode.class))
                    .orElse(StackingMode.BEST_DEAL);
            return new QuoteInput(cart, context, mode);
        });
        CartQuote q = retailer.pricing().quote(in.cart(), in.context(), in.mode());
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

    private record RouteInput(Order order, RoutingPolicy policy) {
    }

    private Object route(String body) {
        RouteInput in = parse(body, root -> {
            root.object("channel", "lines", "delivery", "policy", "member", "order");
            Channel channel = channel(root.field("channel"));
            Map<Sku, Integer> lines = lines(root);
            JsonTree d = root.field("delivery").object("method", "lat", "lon", "node");
            JsonTree method = d.field("method");
            DeliveryMethod delivery = switch (method.text()) {
                case "ship" -> DeliveryMethod.ship(point(d));
                case "same-day" -> DeliveryMethod.sameDay(point(d));
                case "pickup" -> {
                    FulfillmentNode n = node(d.field("node").text());
                    if (!n.can(io.github.omniretail.core.NodeCapability.PICKUP)) {
                        throw d.field("node").fail(n.id() + " does not offer pickup");
                    }
                    yield DeliveryMethod.pickup(n.id());
                }
                default -> throw method.fail("expected ship, same-day or pickup, was '" + method.text() + "'");
            };
            RoutingPolicy policy = Retailer.NEAREST_WITH_STOCK;
            Optional<JsonTree> named = root.optionalField("policy");
            if (named.isPresent()) {
                policy = switch (named.get().text()) {
                    case "nearest-with-stock" -> Retailer.NEAREST_WITH_STOCK;
                    case "warehouse-first" -> Retailer.WAREHOUSE_FIRST;
                    case "cost-optimal" -> RoutingPolicy.costOptimal().withMaxCandidates(40);
                    default -> throw named.get().fail("expected nearest-with-stock, warehouse-first or cost-optimal");
                };
            }
            String id = root.optionalField("order").map(JsonTree::text).orElse("route-request");
            Order.Builder order;
            try {
                order = Order.builder(OrderId.of(id), channel, retailer.clock().instant(), delivery);
            } catch (IllegalArgumentException e) {
                throw root.field("order").fail(e.getMessage());
            }
            root.optionalField("member").ifPresent(m -> order.member(member(m.text())));
            for (Map.Entry<Sku, Integer> e : lines.entrySet()) {
                order.line(e.getKey(), e.getValue(),
                        retailer.world().products().get(retailer.productIndex(e.getKey()).orElseThrow()).price());
            }
            return new RouteInput(order.build(), policy);
        });
        RoutingResult result = retailer.routing().route(in.order(), in.policy());
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

    private static GeoPoint point(JsonTree d) {
        return GeoPoint.of(coordinate(d.field("lat"), 90), coordinate(d.field("lon"), 180));
    }

    private static double coordinate(JsonTree node, double limit) {
        double v = node.doubleValue();
        if (!(v >= -limit && v <= limit)) {
            throw node.fail("expected a number from " + -limit + " to " + limit + ", was " + v);
        }
        return v;
    }

    private Object placeHold(String body, String key) {
        HoldRequest request = parse(body, root -> {
            root.object("channel", "lines", "ttlSeconds", "reference");
            Channel channel = channel(root.field("channel"));
            long ttl = 900;
            Optional<JsonTree> ttlNode = root.optionalField("ttlSeconds");
            if (ttlNode.isPresent()) {
                ttl = ttlNode.get().longValue();
                if (ttl < 1 || ttl > 86_400) {
                    throw ttlNode.get().fail("expected 1 to 86400 seconds, was " + ttl);
                }
            }
            HoldRequest.Builder b = HoldRequest.builder(key, channel, Duration.ofSeconds(ttl));
            root.optionalField("reference").ifPresent(r -> b.reference(r.text()));
            for (JsonTree line : lineNodes(root)) {
                line.object("sku", "node", "quantity");
                Sku sku = sku(line.field("sku").text());
                FulfillmentNode node = node(line.field("node").text());
                if (node.type() == NodeType.PICKUP_POINT) {
                    throw line.field("node").fail(node.id() + " is a pickup locker and holds no stock");
                }
                b.line(HoldLine.atNode(sku, node.id(), quantity(line.field("quantity"))));
            }
            return b.build();
        });
        try {
            return hold(retailer.inventory().hold(request));
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

    private record EarnInput(OrderId order, Channel channel, Money amount) {
    }

    private Object earn(MemberId member, String body, String key) {
        EarnInput in = parse(body, root -> {
            root.object("order", "channel", "amount");
            JsonTree order = root.field("order");
            OrderId orderId;
            try {
                orderId = OrderId.of(order.text());
            } catch (IllegalArgumentException e) {
                throw order.fail(e.getMessage());
            }
            return new EarnInput(orderId, channel(root.field("channel")), money(root.field("amount")));
        });
        return ledgerCall(member, () -> retailer.ledger().earn(TransactionId.of(key), member, in.order(), in.channel(),
                in.amount()));
    }

    private Object redeem(MemberId member, String body, String key) {
        long points = parse(body, root -> {
            JsonTree node = root.object("points").field("points");
            long p = node.longValue();
            if (p < 1 || p > 100_000_000) {
                throw node.fail("expected 1 to 100000000 points, was " + p);
            }
            return p;
        });
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

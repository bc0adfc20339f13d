package io.github.omniretail.examples.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.IdempotencyConflictException;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.core.Order;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.json.InvalidJsonException;
import io.github.omniretail.core.json.JsonTree;
import io.github.omniretail.examples.demo.MemberAnalytics;
import io.github.omniretail.examples.demo.RetailWorld;
import io.github.omniretail.examples.demo.Retailer;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldId;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.inventory.IllegalHoldStateException;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.UnknownHoldException;
import io.github.omniretail.loyalty.Balance;
import io.github.omniretail.loyalty.InsufficientPointsException;
import io.github.omniretail.loyalty.LedgerEntry;
import io.github.omniretail.loyalty.UnknownMemberException;
import io.github.omniretail.pricing.Cart;
import io.github.omniretail.pricing.PricingContext;
import io.github.omniretail.pricing.StackingMode;
import io.github.omniretail.routing.RoutingPolicy;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/JSON API over a {@link Retailer}, independent of any server: {@link #respond} takes a request and gives
 * the status, headers and JSON body. {@link RetailService} serves it on the JDK's built-in server; the Spring Boot
 * example serves the same API through a controller. It shows how the engines are embedded in a service — each endpoint is a few lines of engine calls; the rest is
 * parsing ({@link Fields}), rendering ({@link Views}) and error mapping.
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><td>{@code GET /health}</td><td>status, time, catalogue and network sizes</td></tr>
 *   <tr><td>{@code POST /quote}</td><td>price a cart: lines, promotions applied and rejected with reasons</td></tr>
 *   <tr><td>{@code POST /route}</td><td>plan an order without reserving: shipments, cost, every candidate's verdict</td></tr>
 *   <tr><td>{@code POST /holds}</td><td>hold stock (header {@value #IDEMPOTENCY_KEY} required)</td></tr>
 *   <tr><td>{@code GET /holds/{id}}</td><td>a hold as it is now</td></tr>
 *   <tr><td>{@code POST /holds/{id}/confirm}, {@code /release}</td><td>confirm or release a hold (idempotent by hold
 *       and action; the header is optional)</td></tr>
 *   <tr><td>{@code POST /orders}</td><td>place an order through the checkout (header {@value #IDEMPOTENCY_KEY}: the
 *       order's key); {@code GET /orders/{key}}; {@code POST /orders/{key}/confirm}, {@code /cancel},
 *       {@code /shipments/{n}/fulfil}, {@code /returns} (header: the return's key)</td></tr>
 *   <tr><td>{@code GET /atp?sku=&node=&channel=}</td><td>available-to-promise and the position behind it</td></tr>
 *   <tr><td>{@code POST /members/{id}/earn}, {@code /redeem}</td><td>points (header {@value #IDEMPOTENCY_KEY} required)</td></tr>
 *   <tr><td>{@code GET /members/{id}/balance}, {@code /segment}</td><td>balance and tier; RFM segment, P(alive), CLV</td></tr>
 * </table>
 *
 * <p>Errors are JSON {@code {"error": code, "message": …}} plus details, and change nothing: 400 for a body that is
 * not UTF-8 or not JSON, or a bad field (named in {@code "field"}: a JSON path, a header or a query parameter), 404
 * for unknown ids and paths, 405 for the wrong method, 409 for idempotency conflicts (both requests as JSON),
 * illegal state changes, insufficient stock (with the shortage) or points, 413 for bodies over 1 MiB, 422 for a
 * well-formed value the engines refuse. Nothing a client sends yields a 5xx. Thread-safe: the engines are.
 *
 * <p>Somewhat over the usual file size: the dispatcher and every endpoint's few engine calls read best together;
 * parsing ({@link Fields}), rendering ({@link Views}), orders ({@link Orders}) and body reading live beside it.
 */
public final class RetailApi {

    /** The largest request body accepted, in bytes (1 MiB). */
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** The header carrying the caller's idempotency key. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final Logger LOG = LoggerFactory.getLogger(RetailApi.class);
    private static final Pattern HOLD = Pattern.compile("/holds/([^/]+)");
    private static final Pattern HOLD_ACTION = Pattern.compile("/holds/([^/]+)/(confirm|release)");
    private static final Pattern MEMBER = Pattern.compile("/members/([^/]+)/(earn|redeem|balance|segment)");
    private static final Pattern ORDER = Pattern.compile("/orders/([^/]+)");
    private static final Pattern ORDER_ACTION = Pattern.compile("/orders/([^/]+)/(confirm|cancel|returns)");
    private static final Pattern ORDER_SHIPMENT = Pattern.compile("/orders/([^/]+)/shipments/([^/]+)/fulfil");

    private final Retailer retailer;
    private final MemberAnalytics analytics;
    private final Runnable tick;
    private final ObjectMapper json = new ObjectMapper();
    private final Fields fields;
    private final Views views = new Views(json);
    private final Orders orders;

    private RetailApi(Retailer retailer, MemberAnalytics analytics, Runnable tick) {
        this.retailer = retailer;
        this.analytics = analytics;
        this.tick = tick;
        this.fields = new Fields(retailer);
        this.orders = new Orders(retailer.checkout(), fields, views, json);
    }

    /**
     * The API over a retailer.
     *
     * @param retailer the engines; non-null
     * @param analytics last night's member analytics, for {@code /segment}; non-null
     * @param tick run before every request, e.g. to move a simulated clock; non-null
     * @return the API
     */
    public static RetailApi over(Retailer retailer, MemberAnalytics analytics, Runnable tick) {
        return new RetailApi(Objects.requireNonNull(retailer, "retailer"), Objects.requireNonNull(analytics,
                "analytics"), Objects.requireNonNull(tick, "tick"));
    }

    /** A request as the API reads it. */
    public interface Request {
        /** @return the method, such as {@code GET} */
        String method();

        /** @return the path, percent-decoded */
        String path();

        /** @return the raw query string, or null */
        String rawQuery();

        /**
         * @param name header name, case-insensitive
         * @return its values, empty if absent
         */
        List<String> header(String name);

        /**
         * @return the body
         * @throws IOException if it cannot be read
         */
        java.io.InputStream body() throws IOException;
    }

    /**
     * An answer.
     *
     * @param status HTTP status
     * @param headers response headers besides the content type (such as {@code Allow} on a 405)
     * @param json the JSON body, UTF-8
     */
    public record Response(int status, Map<String, String> headers, byte[] json) {
        /**
         * Copies the headers.
         *
         * @param status HTTP status
         * @param headers response headers
         * @param json the JSON body
         */
        public Response {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * Answers one request. Never throws for anything a client sends: errors are JSON with a 4xx status.
     *
     * @param request non-null request
     * @return the answer
     * @throws IOException if the body cannot be read or the answer written
     */
    public Response respond(Request request) throws IOException {
        int status;
        Object body;
        Map<String, String> headers = Map.of();
        try {
            tick.run();
            body = dispatch(request);
            String path = request.path();
            status = request.method().equals("POST") && (path.equals("/holds") || path.equals("/orders")) ? 201
                    : 200;
        } catch (HttpError e) {
            status = e.status;
            body = e.body;
            if (status == 405) {
                headers = Map.of("Allow", String.valueOf(e.body.get("allow")));
            }
        } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
            // An engine refused a value the readers let through: still the client's input, never a 5xx.
            LOG.warn("request {} {} refused by an engine: {}", request.method(), request.path(), e.getMessage());
            status = 422;
            body = HttpError.unprocessable("$", String.valueOf(e.getMessage())).body;
        } catch (RuntimeException e) {
            LOG.error("request {} {} failed", request.method(), request.path(), e);
            status = 500;
            body = Map.of("error", "internal", "message", "the request failed inside the service; see its log");
        }
        return new Response(status, headers, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
    }

    private Object dispatch(Request exchange) throws IOException {
        String path = exchange.path();
        String method = exchange.method();
        switch (path) {
            case "/health" -> {
                Requests.requireMethod(exchange, "GET");
                return health();
            }
            case "/quote" -> {
                Requests.requireMethod(exchange, "POST");
                return quote(Requests.body(exchange));
            }
            case "/route" -> {
                Requests.requireMethod(exchange, "POST");
                return route(Requests.body(exchange));
            }
            case "/holds" -> {
                Requests.requireMethod(exchange, "POST");
                String body = Requests.body(exchange);
                return placeHold(body, Requests.requiredKey(exchange));
            }
            case "/orders" -> {
                Requests.requireMethod(exchange, "POST");
                String body = Requests.body(exchange);
                return orders.place(body, Requests.requiredKey(exchange));
            }
            case "/atp" -> {
                Requests.requireMethod(exchange, "GET");
                return atp(Fields.query(exchange.rawQuery(), List.of("sku", "node", "channel")));
            }
            default -> {
                // below
            }
        }
        Matcher hold = HOLD.matcher(path);
        if (hold.matches()) {
            Requests.requireMethod(exchange, "GET");
            HoldId id = Fields.holdId(hold.group(1));
            return views.hold(retailer.inventory().hold(id).orElseThrow(() -> HttpError.notFound("no hold "
                    + id.value())));
        }
        Matcher action = HOLD_ACTION.matcher(path);
        if (action.matches()) {
            Requests.requireMethod(exchange, "POST");
            Requests.drain(exchange);
            return holdAction(Fields.holdId(action.group(1)), action.group(2), Requests.key(exchange));
        }
        Matcher order = ORDER.matcher(path);
        if (order.matches()) {
            Requests.requireMethod(exchange, "GET");
            return orders.get(orderKey(order.group(1)));
        }
        Matcher orderAction = ORDER_ACTION.matcher(path);
        if (orderAction.matches()) {
            Requests.requireMethod(exchange, "POST");
            IdempotencyKey key = orderKey(orderAction.group(1));
            if (orderAction.group(2).equals("returns")) {
                String body = Requests.body(exchange);
                return orders.returnLines(key, body, Requests.requiredKey(exchange));
            }
            Requests.drain(exchange);
            return orderAction.group(2).equals("confirm") ? orders.confirm(key) : orders.cancel(key);
        }
        Matcher shipment = ORDER_SHIPMENT.matcher(path);
        if (shipment.matches()) {
            Requests.requireMethod(exchange, "POST");
            Requests.drain(exchange);
            return orders.fulfil(orderKey(shipment.group(1)), shipment.group(2));
        }
        Matcher member = MEMBER.matcher(path);
        if (member.matches()) {
            boolean post = member.group(2).equals("earn") || member.group(2).equals("redeem");
            Requests.requireMethod(exchange, post ? "POST" : "GET");
            MemberId id = fields.member(member.group(1));
            switch (member.group(2)) {
                case "earn" -> {
                    String body = Requests.body(exchange);
                    return earn(id, body, Requests.requiredKey(exchange));
                }
                case "redeem" -> {
                    String body = Requests.body(exchange);
                    return redeem(id, body, Requests.requiredKey(exchange));
                }
                case "balance" -> {
                    return balance(id);
                }
                default -> {
                    return segment(id);
                }
            }
        }
        throw HttpError.notFound("no endpoint " + method + " " + Fields.printable(path));
    }

    /** An order key from the path: text that is not a valid key is a 404 naming it. */
    private static IdempotencyKey orderKey(String text) {
        try {
            return IdempotencyKey.of(text); // the path is already percent-decoded
        } catch (IllegalArgumentException e) {
            throw HttpError.notFound("no order " + Fields.printable(text));
        }
    }

    /** Reads a request body with the project's path-naming JSON reader; a failed check becomes a 400. */
    static <T> T parse(String body, Function<JsonTree, T> reader) {
        try {
            return JsonTree.read(body, reader);
        } catch (InvalidJsonException e) {
            boolean malformed = e.problem().startsWith("malformed JSON") || e.problem().startsWith("the document is");
            throw new HttpError(400, malformed ? "bad_json" : "bad_request", e.jsonPath() + ": " + e.problem(),
                    Map.of("field", e.jsonPath()));
        }
    }

    /** 409 for a reused idempotency key, with both requests as JSON. */
    /** The one 409 for a reused key, from any engine: the key, and both requests where the engine reported them. */
    private HttpError conflict(IdempotencyConflictException e) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("key", e.key().value());
        e.original().ifPresent(o -> details.put("original", views.request(o)));
        e.attempted().ifPresent(a -> details.put("request", views.request(a)));
        return new HttpError(409, "idempotency_conflict", "the idempotency key '" + e.key() + "' was first used for a "
                + "different request" + (e.original().isPresent() ? " (see original and request)" : ""), details);
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
            Channel channel = Fields.channel(root.field("channel"));
            Map<Sku, Integer> lines = fields.lines(root);
            PricingContext context = PricingContext.of(channel, RetailWorld.ZONE, retailer.clock().instant());
            Optional<JsonTree> node = root.optionalField("node");
            if (node.isPresent()) {
                context = context.atNode(fields.node(node.get().text()).id(), RetailWorld.ZONE);
            }
            Optional<JsonTree> member = root.optionalField("member");
            if (member.isPresent()) {
                context = context.forMember(fields.member(member.get().text()));
            }
            Optional<JsonTree> first = root.optionalField("firstOrder");
            if (first.isPresent()) {
                context = context.firstOrder(first.get().bool());
            }
            Money shipping = root.optionalField("shipping").map(Fields::money).orElse(Money.zero(RetailWorld.CNY));
            Cart cart = Cart.of(shipping, lines.entrySet().stream()
                    .map(e -> new Cart.Line(e.getKey(), e.getValue())).toArray(Cart.Line[]::new));
            Optional<JsonTree> coupons = root.optionalField("coupons");
            if (coupons.isPresent()) {
                List<JsonTree> codes = coupons.get().elements();
                if (codes.size() > 20) {
                    throw coupons.get().fail("at most 20 coupon codes, found " + codes.size());
                }
                String[] texts = new String[codes.size()];
                for (int i = 0; i < texts.length; i++) {
                    texts[i] = codes.get(i).text().strip();
                    if (texts[i].isEmpty() || texts[i].length() > 64) {
                        throw codes.get(i).fail("a coupon code is 1 to 64 characters");
                    }
                }
                cart = cart.withCoupons(texts);
            }
            StackingMode mode = root.optionalField("stacking").map(t -> t.enumValue(StackingMode.class))
                    .orElse(StackingMode.BEST_DEAL);
            return new QuoteInput(cart, context, mode);
        });
        return views.quote(retailer.pricing().quote(in.cart(), in.context(), in.mode()),
                RetailWorld.CNY.getCurrencyCode());
    }

    private record RouteInput(Order order, RoutingPolicy policy) {
    }

    private Object route(String body) {
        RouteInput in = parse(body, root -> {
            root.object("channel", "lines", "delivery", "policy", "member", "order");
            Channel channel = Fields.channel(root.field("channel"));
            Map<Sku, Integer> lines = fields.lines(root);
            DeliveryMethod delivery = fields.delivery(root.field("delivery"));
            RoutingPolicy policy = root.optionalField("policy").map(Fields::policy).orElse(Retailer.NEAREST_WITH_STOCK);
            Optional<JsonTree> orderField = root.optionalField("order");
            Order.Builder order;
            try {
                order = Order.builder(OrderId.of(orderField.map(JsonTree::text).orElse("route-request")), channel,
                        retailer.clock().instant(), delivery);
            } catch (IllegalArgumentException e) {
                throw root.field("order").fail(e.getMessage());
            }
            root.optionalField("member").ifPresent(m -> order.member(fields.member(m.text())));
            for (Map.Entry<Sku, Integer> e : lines.entrySet()) {
                order.line(e.getKey(), e.getValue(),
                        retailer.world().products().get(retailer.productIndex(e.getKey()).orElseThrow()).price());
            }
            return new RouteInput(order.build(), policy);
        });
        return views.route(retailer.routing().route(in.order(), in.policy()));
    }

    private Object placeHold(String body, String key) {
        HoldRequest request = parse(body, root -> {
            root.object("channel", "lines", "ttlSeconds", "reference");
            Channel channel = Fields.channel(root.field("channel"));
            long ttl = 900;
            Optional<JsonTree> ttlNode = root.optionalField("ttlSeconds");
            if (ttlNode.isPresent()) {
                ttl = ttlNode.get().longValue();
                if (ttl < 1 || ttl > 86_400) {
                    throw ttlNode.get().fail("expected 1 to 86400 seconds, was " + ttl);
                }
            }
            HoldRequest.Builder b = HoldRequest.builder(IdempotencyKey.of(key), channel, Duration.ofSeconds(ttl));
            Optional<JsonTree> reference = root.optionalField("reference");
            if (reference.isPresent()) {
                String text = reference.get().text();
                if (text.isBlank() || text.length() > 200) {
                    throw reference.get().fail("a reference is 1 to 200 characters");
                }
                b.reference(text);
            }
            for (JsonTree line : Fields.lineNodes(root)) {
                line.object("sku", "node", "quantity");
                Sku sku = fields.sku(line.field("sku").text());
                FulfillmentNode node = fields.node(line.field("node").text());
                if (node.type() == NodeType.PICKUP_POINT) {
                    throw line.field("node").fail(node.id() + " is a pickup locker and holds no stock");
                }
                b.line(HoldLine.atNode(sku, node.id(), Fields.quantity(line.field("quantity"))));
            }
            try {
                return b.build();
            } catch (IllegalArgumentException e) {
                throw root.field("lines").fail(e.getMessage());
            }
        });
        try {
            return views.hold(retailer.inventory().hold(request));
        } catch (InsufficientStockException e) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("sku", e.sku().value());
            e.node().ifPresent(n -> details.put("node", n.value()));
            details.put("requested", e.requested());
            details.put("available", e.available());
            details.put("shortage", e.requested() - e.available());
            throw new HttpError(409, "insufficient_stock", e.getMessage(), details);
        } catch (IdempotencyConflictException e) {
            throw conflict(e);
        }
    }

    /**
     * Confirms or releases a hold, idempotent by (hold, action) and always against its current state: repeating a
     * done action answers the hold as it is; an action the state no longer allows is a 409 — also when a key the
     * caller reuses was first answered before the state moved on.
     */
    private Object holdAction(HoldId id, String action, Optional<String> key) {
        Hold now = retailer.inventory().hold(id).orElseThrow(() -> HttpError.notFound("no hold " + id.value()));
        boolean confirm = action.equals("confirm");
        HoldStatus done = confirm ? HoldStatus.CONFIRMED : HoldStatus.RELEASED;
        if (now.status() == done) {
            return views.hold(now);
        }
        if (now.status().isFinal() || confirm && now.status() != HoldStatus.HELD) {
            throw illegal(id, action, now.status());
        }
        String k = key.orElse(action + "-" + id.value());
        try {
            Hold h = confirm ? retailer.inventory().confirm(IdempotencyKey.of(k),
                    id) : retailer.inventory().releaseAll(IdempotencyKey.of(k), id);
            if (h.status() != done) {
                throw illegal(id, action, h.status()); // a key reused from an earlier answer
            }
            return views.hold(h);
        } catch (UnknownHoldException e) {
            throw HttpError.notFound("no hold " + id.value());
        } catch (IllegalHoldStateException e) {
            throw illegal(id, action, e.status());
        } catch (IdempotencyConflictException e) {
            throw conflict(e);
        }
    }

    private static HttpError illegal(HoldId id, String action, HoldStatus status) {
        return new HttpError(409, "illegal_state", "hold " + id.value() + " is " + status + " and cannot be "
                + (action.equals("confirm") ? "confirmed" : "released"), Map.of("status", status.name()));
    }

    private Object atp(Map<String, String> query) {
        Sku sku = fields.sku(Fields.required(query, "sku"));
        FulfillmentNode node = fields.node(Fields.required(query, "node"));
        String channelId = Fields.required(query, "channel");
        Channel channel = Fields.channel(channelId).orElseThrow(() -> HttpError.badField("channel", "unknown channel '"
                + Fields.printable(channelId) + "'; expected one of " + Fields.channels()));
        if (node.type() == NodeType.PICKUP_POINT) {
            throw HttpError.badField("node", node.id() + " is a pickup locker and holds no stock");
        }
        ObjectNode out = views.position(retailer.inventory().position(sku, node.id()), channel.id().value(),
                retailer.inventory().atp(sku, node.id(), channel));
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
            return new EarnInput(orderId, Fields.channel(root.field("channel")),
                    Fields.positiveMoney(root.field("amount")));
        });
        return ledgerCall(member, () -> {
            try {
                return retailer.ledger().earn(IdempotencyKey.of(key), member, in.order(), in.channel(), in.amount());
            } catch (IllegalArgumentException e) {
                throw HttpError.unprocessable("$.amount", e.getMessage());
            }
        });
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
            return ledgerCall(member, () -> retailer.ledger().redeem(IdempotencyKey.of(key), member, points));
        } catch (InsufficientPointsException e) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("requested", e.requested());
            details.put("available", e.available());
            details.put("shortage", e.requested() - e.available());
            throw new HttpError(409, "insufficient_points", e.getMessage(), details);
        }
    }

    private Object ledgerCall(MemberId member, Supplier<LedgerEntry> call) {
        LedgerEntry entry;
        try {
            entry = call.get();
        } catch (UnknownMemberException e) {
            throw HttpError.notFound("no member " + member.value());
        } catch (IdempotencyConflictException e) {
            throw conflict(e);
        }
        ObjectNode out = views.entry(entry);
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

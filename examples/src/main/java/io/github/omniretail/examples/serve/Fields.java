package io.github.omniretail.examples.serve;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.NodeCapability;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.json.JsonTree;
import io.github.omniretail.examples.demo.RetailWorld;
import io.github.omniretail.examples.demo.Retailer;
import io.github.omniretail.inventory.HoldId;
import io.github.omniretail.routing.RoutingPolicy;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads request values — JSON fields, path segments, query parameters — into engine types, failing with the field's
 * name: a bad value is a 400 naming it; an id the retailer does not have is a 404. Thread-safe (reads only).
 */
final class Fields {

    private final Retailer retailer;

    Fields(Retailer retailer) {
        this.retailer = retailer;
    }

    static int quantity(JsonTree node) {
        int q = node.intValue();
        if (q < 1 || q > 10_000) {
            throw node.fail("a quantity must be 1 to 10000, was " + q);
        }
        return q;
    }

    /** A decimal string in CNY, not negative. */
    static Money money(JsonTree node) {
        String text = node.text();
        Money m;
        try {
            m = Money.parse(text, RetailWorld.CNY);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw node.fail("expected a decimal amount in CNY such as \"128.50\", was \"" + text + "\"");
        }
        if (m.isNegative()) {
            throw node.fail("an amount must not be negative, was " + text);
        }
        if (m.minorUnits() > 100_000_000_00L) {
            throw node.fail("an amount must be at most 100000000.00, was " + text);
        }
        return m;
    }

    /** A decimal string in CNY, greater than zero. */
    static Money positiveMoney(JsonTree node) {
        Money m = money(node);
        if (!m.isPositive()) {
            throw node.fail("an amount must be greater than 0, was \"" + node.text() + "\"");
        }
        return m;
    }

    static List<JsonTree> lineNodes(JsonTree root) {
        List<JsonTree> lines = root.field("lines").elements();
        if (lines.isEmpty() || lines.size() > 200) {
            throw root.field("lines").fail("expected 1 to 200 lines, found " + lines.size());
        }
        return lines;
    }

    static Channel channel(JsonTree node) {
        String id = node.text();
        return channel(id).orElseThrow(() -> node.fail("unknown channel '" + id + "'; expected one of " + channels()));
    }

    static java.util.Optional<Channel> channel(String id) {
        return Retailer.CHANNELS.stream().filter(c -> c.id().value().equals(id)).findFirst();
    }

    static List<String> channels() {
        return Retailer.CHANNELS.stream().map(c -> c.id().value()).toList();
    }

    Sku sku(String value) {
        return known(value, "SKU", Sku::of, sku -> retailer.productIndex(sku).map(i -> sku));
    }

    FulfillmentNode node(String value) {
        return known(value, "node", NodeId::of, retailer::node);
    }

    MemberId member(String value) {
        return known(value, "member", MemberId::of, id -> retailer.memberIndex(id).map(i -> id));
    }

    /** An id the retailer has: text that is not a valid id, or an id it does not have, is a 404 naming it. */
    private static <I, T> T known(String value, String what, java.util.function.Function<String, I> parse,
            java.util.function.Function<I, java.util.Optional<T>> find) {
        I id;
        try {
            id = parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw HttpError.notFound("no " + what + " " + printable(value));
        }
        return find.apply(id).orElseThrow(() -> HttpError.notFound("no " + what + " " + printable(value)));
    }

    static HoldId holdId(String value) {
        try {
            return HoldId.of(Long.parseLong(value));
        } catch (IllegalArgumentException e) {
            throw HttpError.notFound("no hold " + printable(value));
        }
    }

    /** A delivery: {@code {"method": "ship" | "same-day", "lat", "lon"}} or {@code {"method": "pickup", "node"}}. */
    DeliveryMethod delivery(JsonTree field) {
        JsonTree d = field.object("method", "lat", "lon", "node");
        JsonTree method = d.field("method");
        return switch (method.text()) {
            case "ship" -> DeliveryMethod.ship(point(d));
            case "same-day" -> DeliveryMethod.sameDay(point(d));
            case "pickup" -> {
                FulfillmentNode n = node(d.field("node").text());
                if (!n.can(NodeCapability.PICKUP)) {
                    throw d.field("node").fail(n.id() + " does not offer pickup");
                }
                yield DeliveryMethod.pickup(n.id());
            }
            default -> throw method.fail("expected ship, same-day or pickup, was '" + method.text() + "'");
        };
    }

    /** A routing policy by name. */
    static RoutingPolicy policy(JsonTree named) {
        return switch (named.text()) {
            case "nearest-with-stock" -> Retailer.NEAREST_WITH_STOCK;
            case "warehouse-first" -> Retailer.WAREHOUSE_FIRST;
            case "cost-optimal" -> RoutingPolicy.costOptimal().withMaxCandidates(40);
            default -> throw named.fail("expected nearest-with-stock, warehouse-first or cost-optimal");
        };
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

    /** The lines of a cart or an order: SKU → quantity, repeated SKUs added up. */
    Map<Sku, Integer> lines(JsonTree root) {
        Map<Sku, Integer> out = new LinkedHashMap<>();
        for (JsonTree line : lineNodes(root)) {
            line.object("sku", "quantity");
            int quantity = quantity(line.field("quantity"));
            Sku sku = sku(line.field("sku").text());
            int sum = out.getOrDefault(sku, 0) + quantity;
            if (sum > 10_000) {
                throw line.field("quantity").fail("at most 10000 units of " + sku + " per request, lines add up to "
                        + sum);
            }
            out.put(sku, sum);
        }
        return out;
    }

    /**
     * Splits a query string into parameters, strictly: each name once, each value percent-decoded as UTF-8.
     *
     * @throws HttpError 400 naming the parameter for a repeated name or a bad escape
     */
    static Map<String, String> query(String raw, List<String> allowed) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value;
            try {
                name = URLDecoder.decode(name, StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw HttpError.badField(name.isEmpty() ? "query" : printable(name),
                        "bad percent-encoding in the query string");
            }
            if (name.isEmpty()) {
                throw HttpError.badField("query", "a parameter without a name; expected " + allowed);
            }
            if (!allowed.contains(name)) {
                throw HttpError.badField(printable(name), "unknown query parameter; expected " + allowed);
            }
            if (out.put(name, value) != null) {
                throw HttpError.badField(name, "given more than once");
            }
        }
        return out;
    }

    static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            throw HttpError.badField(name, "the query parameter is required");
        }
        return value;
    }

    /** Text safe to echo in a message: control characters escaped, at most 80 characters. */
    static String printable(String value) {
        StringBuilder sb = new StringBuilder();
        value.codePoints().limit(80).forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.SURROGATE) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return value.codePointCount(0, value.length()) > 80 ? sb + "…" : sb.toString();
    }
}

package io.github.omniretail.examples.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.omniretail.checkout.Checkout;
import io.github.omniretail.checkout.CheckoutStateException;
import io.github.omniretail.checkout.OrderRequest;
import io.github.omniretail.checkout.OrderReturn;
import io.github.omniretail.checkout.PlacedOrder;
import io.github.omniretail.core.IdempotencyConflictException;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.Disposition;
import io.github.omniretail.core.json.JsonTree;
import io.github.omniretail.examples.demo.RetailWorld;
import io.github.omniretail.routing.Shipment;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The order endpoints: the checkout over HTTP. {@code POST /orders} places (the {@code Idempotency-Key} header is
 * the order's key), {@code GET /orders/{key}} reads, {@code POST /orders/{key}/confirm} and {@code /cancel} move
 * it, {@code POST /orders/{key}/shipments/{n}/fulfil} ships one shipment, {@code POST /orders/{key}/returns} takes
 * units back (the header is the return's key). The checkout's refusals map to 409s and unknown orders to 404s.
 * Thread-safe: the checkout is.
 */
final class Orders {

    private final Checkout checkout;
    private final Fields fields;
    private final Views views;
    private final ObjectMapper json;

    Orders(Checkout checkout, Fields fields, Views views, ObjectMapper json) {
        this.checkout = checkout;
        this.fields = fields;
        this.views = views;
        this.json = json;
    }

    static IdempotencyKey key(String text, String field) {
        try {
            return IdempotencyKey.of(text);
        } catch (IllegalArgumentException e) {
            throw HttpError.badField(field, e.getMessage());
        }
    }

    /** Runs a checkout call, mapping its refusals to HTTP errors. */
    private ObjectNode call(IdempotencyKey key, Supplier<PlacedOrder> call) {
        try {
            return view(call.get());
        } catch (NoSuchElementException e) {
            throw HttpError.notFound("no order " + Fields.printable(key.value()));
        } catch (CheckoutStateException e) {
            throw new HttpError(409, "illegal_state", e.getMessage(), Map.of("status", e.status().name()));
        } catch (IdempotencyConflictException e) {
            throw new HttpError(409, "idempotency_conflict", e.getMessage(), Map.of("key", e.key().value()));
        }
    }

    ObjectNode place(String body, String keyHeader) {
        IdempotencyKey key = key(keyHeader, RetailApi.IDEMPOTENCY_KEY);
        OrderRequest request = RetailApi.parse(body, root -> {
            root.object("channel", "lines", "delivery", "member", "shipping", "coupons", "points", "policy",
                    "atCounter");
            OrderRequest.Builder b = OrderRequest.builder(key, Fields.channel(root.field("channel")),
                    fields.delivery(root.field("delivery")), root.optionalField("shipping").map(Fields::money)
                            .orElse(Money.zero(RetailWorld.CNY)));
            fields.lines(root).forEach(b::line);
            root.optionalField("member").ifPresent(m -> b.member(fields.member(m.text())));
            root.optionalField("policy").ifPresent(p -> b.policy(Fields.policy(p)));
            Optional<JsonTree> coupons = root.optionalField("coupons");
            if (coupons.isPresent()) {
                List<JsonTree> codes = coupons.get().elements();
                if (codes.size() > 20) {
                    throw coupons.get().fail("at most 20 coupon codes, found " + codes.size());
                }
                for (JsonTree c : codes) {
                    String code = c.text().strip();
                    if (code.isEmpty() || code.length() > 64) {
                        throw c.fail("a coupon code is 1 to 64 characters");
                    }
                    b.coupon(code);
                }
            }
            Optional<JsonTree> points = root.optionalField("points");
            if (points.isPresent()) {
                long p = points.get().longValue();
                if (p < 0 || p > 100_000_000) {
                    throw points.get().fail("expected 0 to 100000000 points, was " + p);
                }
                if (p > 0 && root.optionalField("member").isEmpty()) {
                    throw points.get().fail("paying with points needs a member");
                }
                b.payWithPoints(p);
            }
            Optional<JsonTree> counter = root.optionalField("atCounter");
            if (counter.isPresent() && counter.get().bool()) {
                // a till sale: the goods leave from the pickup node's shelf when it is paid
                if (!root.field("delivery").field("method").text().equals("pickup")) {
                    throw root.field("delivery").fail("a sale at the counter is a pickup at the counter's node");
                }
                root.optionalField("shipping").filter(f -> !Fields.money(f).isZero()).ifPresent(f -> {
                    throw f.fail("a sale at the counter ships nothing: shipping must be 0");
                });
                root.optionalField("policy").ifPresent(f -> {
                    throw f.fail("a sale at the counter is served from its own shelf: no routing policy");
                });
                b.atCounter();
            }
            return b.build();
        });
        return call(key, () -> checkout.place(request));
    }

    ObjectNode get(IdempotencyKey key) {
        return call(key, () -> checkout.order(key).orElseThrow());
    }

    ObjectNode confirm(IdempotencyKey key) {
        return call(key, () -> checkout.confirm(key));
    }

    ObjectNode cancel(IdempotencyKey key) {
        return call(key, () -> checkout.cancel(key));
    }

    ObjectNode fulfil(IdempotencyKey key, String shipment) {
        int n;
        try {
            n = Integer.parseInt(shipment);
        } catch (NumberFormatException e) {
            throw HttpError.notFound("no shipment " + Fields.printable(shipment));
        }
        PlacedOrder o = checkout.order(key).orElseThrow(() -> HttpError.notFound("no order "
                + Fields.printable(key.value())));
        int shipments = o.plan().map(p -> p.shipments().size()).orElse(0);
        if (n < 0 || n >= shipments) {
            throw HttpError.notFound("order " + Fields.printable(key.value()) + " has no shipment " + n);
        }
        return call(key, () -> checkout.fulfil(key, n));
    }

    private record ReturnInput(NodeId node, Map<Sku, Integer> units, Disposition disposition) {
    }

    ObjectNode returnLines(IdempotencyKey key, String body, String keyHeader) {
        IdempotencyKey returnKey = key(keyHeader, RetailApi.IDEMPOTENCY_KEY);
        ReturnInput in = RetailApi.parse(body, root -> {
            root.object("node", "lines", "disposition");
            return new ReturnInput(fields.node(root.field("node").text()).id(), fields.lines(root),
                    root.optionalField("disposition").map(d -> d.enumValue(Disposition.class))
                            .orElse(Disposition.SELLABLE));
        });
        return call(key, () -> checkout.returnLines(key, returnKey, in.node(), in.units(), in.disposition()));
    }

    /** The order as the caller's order system would keep it. */
    ObjectNode view(PlacedOrder o) {
        ObjectNode out = json.createObjectNode();
        out.put("key", o.key().value());
        out.put("order", o.orderId().value());
        out.put("status", o.status().name());
        o.refusal().ifPresent(r -> out.put("refusal", r));
        out.put("placedAt", o.placedAt().toString());
        out.put("expiresAt", o.expiresAt().toString());
        o.quote().ifPresent(q -> out.set("quote", views.quote(q, RetailWorld.CNY.getCurrencyCode())));
        o.payable().ifPresent(p -> out.put("payable", p.amountString()));
        out.put("pointsPaid", o.request().points());
        out.put("pointsValue", o.pointsValue().amountString());
        out.put("pointsEarned", o.pointsEarned());
        o.routing().ifPresent(r -> out.set("routing", views.route(r)));
        o.stockHold().ifPresent(h -> out.put("hold", h.value()));
        ArrayNode steps = out.putArray("steps");
        o.done().forEach(s -> steps.add(s.name()));
        ArrayNode shipped = out.putArray("fulfilled");
        o.fulfilled().forEach(shipped::add);
        ArrayNode returns = out.putArray("returns");
        for (OrderReturn r : o.returns()) {
            ObjectNode ro = returns.addObject();
            ro.put("key", r.key().value());
            ro.put("node", r.restockAt().value());
            ro.put("disposition", r.disposition().name());
            ObjectNode units = ro.putObject("units");
            r.units().forEach((sku, u) -> units.put(sku.value(), u));
            ro.put("net", r.net().amountString());
            ro.put("refund", r.refund().amountString());
            ro.put("pointsReturned", r.pointsReturned());
            ro.put("pointsReversed", r.pointsReversed());
        }
        if (o.plan().isPresent()) {
            ArrayNode nodes = out.putArray("shipments");
            for (Shipment s : o.plan().get().shipments()) {
                nodes.add(s.node().value());
            }
        }
        return out;
    }
}

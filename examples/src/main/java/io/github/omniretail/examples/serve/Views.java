package io.github.omniretail.examples.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.omniretail.core.Identifier;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldId;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldLineState;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.inventory.Position;
import io.github.omniretail.loyalty.LedgerEntry;
import io.github.omniretail.loyalty.Posting;
import io.github.omniretail.pricing.AppliedPromotion;
import io.github.omniretail.pricing.CartQuote;
import io.github.omniretail.pricing.LineQuote;
import io.github.omniretail.pricing.PriceStep;
import io.github.omniretail.pricing.RejectedCoupon;
import io.github.omniretail.pricing.RejectedPromotion;
import io.github.omniretail.routing.CandidateVerdict;
import io.github.omniretail.routing.FulfillmentPlan;
import io.github.omniretail.routing.RoutingResult;
import io.github.omniretail.routing.Shipment;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Engine results as the service's JSON. Stateless and thread-safe. */
final class Views {

    private final ObjectMapper json;

    Views(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode quote(CartQuote q, String currency) {
        ObjectNode out = json.createObjectNode();
        out.put("currency", currency);
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
        q.deposit().ifPresent(d -> out.putObject("deposit").put("deposit", d.deposit().amountString())
                .put("balance", d.balance().amountString()).put("balanceDueBy", d.balanceDueBy().toString()));
        ArrayNode applied = out.putArray("applied");
        for (AppliedPromotion a : q.applied()) {
            applied.addObject().put("id", a.promotionId()).put("name", a.name()).put("amount", a.amount().amountString())
                    .put("reason", a.reason());
        }
        ArrayNode rejected = out.putArray("rejected");
        for (RejectedPromotion r : q.rejected()) {
            rejected.addObject().put("id", r.promotionId()).put("name", r.name()).put("reason", r.reason());
        }
        ArrayNode coupons = out.putArray("rejectedCoupons");
        for (RejectedCoupon c : q.rejectedCoupons()) {
            coupons.addObject().put("code", c.code()).put("reason", c.reason());
        }
        ObjectNode experiments = out.putObject("experiments");
        q.experiments().forEach(experiments::put);
        out.put("mode", q.mode().name());
        out.put("rulesVersion", q.rulesVersion());
        out.put("promotionsVersion", q.promotionsVersion());
        out.put("hash", q.hash());
        return out;
    }

    ObjectNode route(RoutingResult result) {
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

    /** A hold; {@code expiresAt} only while it is {@code HELD} (a confirmed hold no longer expires). */
    ObjectNode hold(Hold h) {
        ObjectNode out = json.createObjectNode();
        out.put("id", h.id().value());
        out.put("status", h.status().name());
        out.put("channel", h.channel().id().value());
        out.put("createdAt", h.createdAt().toString());
        if (h.status() == HoldStatus.HELD) {
            out.put("expiresAt", h.expiresAt().toString());
        }
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

    ObjectNode position(Position p, String channel, int atp) {
        ObjectNode out = json.createObjectNode();
        out.put("sku", p.sku().value());
        out.put("node", p.node().value());
        out.put("channel", channel);
        out.put("atp", atp);
        out.put("onHand", p.onHand());
        out.put("held", p.held());
        out.put("safetyStock", p.safetyStock());
        return out;
    }

    ObjectNode entry(LedgerEntry entry) {
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
        return out;
    }

    /**
     * A request an idempotency key was used for, as JSON: a hold request field by field; an engine's operation
     * record component by component (named by its type, e.g. {@code "operation": "ConfirmOp"}).
     */
    JsonNode request(Object request) {
        if (request instanceof HoldRequest r) {
            ObjectNode out = json.createObjectNode();
            out.put("operation", "hold");
            out.put("channel", r.channel().id().value());
            out.put("ttlSeconds", r.ttl().toSeconds());
            r.reference().ifPresent(ref -> out.put("reference", ref));
            ArrayNode lines = out.putArray("lines");
            for (HoldLine l : r.lines()) {
                ObjectNode line = lines.addObject();
                line.put("sku", l.sku().value());
                l.node().ifPresent(n -> line.put("node", n.value()));
                l.pool().ifPresent(p -> line.put("pool", p.value()));
                line.put("quantity", l.quantity());
            }
            return out;
        }
        return value(request);
    }

    private JsonNode value(Object v) {
        if (v == null) {
            return json.nullNode();
        }
        if (v instanceof Identifier id) {
            return json.getNodeFactory().textNode(id.value());
        }
        if (v instanceof HoldId id) {
            return json.getNodeFactory().numberNode(id.value());
        }
        if (v instanceof Number || v instanceof Boolean) {
            return json.valueToTree(v);
        }
        if (v instanceof Optional<?> o) {
            return o.map(this::value).orElse(json.nullNode());
        }
        if (v instanceof Duration d) {
            return json.getNodeFactory().numberNode(d.toSeconds());
        }
        if (v instanceof Collection<?> c) {
            ArrayNode out = json.createArrayNode();
            c.forEach(e -> out.add(value(e)));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode out = json.createObjectNode();
            m.forEach((k, e) -> out.set(String.valueOf(k), value(e)));
            return out;
        }
        if (v instanceof Record r && !(v instanceof Instant)) {
            ObjectNode out = json.createObjectNode();
            out.put("operation", r.getClass().getSimpleName());
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    java.lang.reflect.Method accessor = c.getAccessor();
                    accessor.setAccessible(true);
                    out.set(c.getName(), value(accessor.invoke(r)));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    out.put(c.getName(), "?");
                }
            }
            return out;
        }
        return json.getNodeFactory().textNode(String.valueOf(v));
    }
}

package io.github.omniretail.inventory;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyConflictException;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.UnknownSkuException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.json.InvalidJsonException;
import io.github.omniretail.core.json.JsonTree;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * JSON forms of what a stored engine keeps in its rows: hold bodies, transfers, SKU details, channel rules, and the
 * outcomes and failures replayed under idempotency keys. Stateless.
 */
final class InventoryJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private InventoryJson() {
    }

    /** Reads a stored document; a failure means the row was not written by this store. */
    private static <T> T parse(String json, java.util.function.Function<JsonTree, T> reader) {
        try {
            return JsonTree.read(json, reader);
        } catch (InvalidJsonException e) {
            throw new IllegalStateException("stored inventory JSON is not in the form this version writes: "
                    + e.getMessage(), e);
        }
    }

    // ---- holds

    static String hold(Hold h) {
        return holdNode(h).toString();
    }

    private static ObjectNode holdNode(Hold h) {
        ObjectNode o = F.objectNode();
        o.put("id", h.id().value());
        channel(o, h.channel());
        o.put("status", h.status().name());
        o.put("createdAt", h.createdAt().toString());
        o.put("expiresAt", h.expiresAt().toString());
        h.reference().ifPresent(r -> o.put("reference", r));
        ArrayNode lines = o.putArray("lines");
        for (HoldLineState l : h.lines()) {
            ObjectNode line = lines.addObject();
            line.put("sku", l.sku().value());
            l.node().ifPresent(n -> line.put("node", n.value()));
            l.pool().ifPresent(p -> line.put("pool", p.value()));
            line.put("quantity", l.quantity());
            line.put("fulfilled", l.fulfilled());
            line.put("released", l.released());
            if (l.isKit()) {
                ObjectNode kit = line.putObject("kit");
                l.kit().forEach((sku, units) -> kit.put(sku.value(), units));
            }
            if (l.waiting() > 0) {
                line.put("waiting", l.waiting());
                l.promisedBy().ifPresent(p -> line.put("promisedBy", p.toString()));
            }
            if (!l.lots().isEmpty()) {
                ArrayNode lots = line.putArray("lots"); // per lot: id, open, fulfilled
                for (LotUnits u : l.lots()) {
                    lots.addArray().add(u.lot()).add(u.open()).add(u.fulfilled());
                }
            }
        }
        return o;
    }

    static Hold hold(String json) {
        return parse(json, InventoryJson::hold);
    }

    private static Hold hold(JsonTree o) {
        List<HoldLineState> lines = new ArrayList<>();
        for (JsonTree l : o.field("lines").elements()) {
            lines.add(new HoldLineState(Sku.of(l.field("sku").text()),
                    l.optionalField("node").map(n -> NodeId.of(n.text())),
                    l.optionalField("pool").map(p -> PoolId.of(p.text())), l.field("quantity").intValue(),
                    l.field("fulfilled").intValue(), l.field("released").intValue(),
                    l.optionalField("kit").map(InventoryJson::units).orElse(java.util.Map.of()),
                    l.optionalField("lots").map(lots -> lots.elements().stream().map(u -> new LotUnits(
                            u.elements().get(0).text(), u.elements().get(1).intValue(),
                            u.elements().get(2).intValue())).toList()).orElse(List.of()),
                    l.optionalField("waiting").map(JsonTree::intValue).orElse(0),
                    l.optionalField("promisedBy").map(JsonTree::instant)));
        }
        return new Hold(HoldId.of(o.field("id").longValue()), channel(o), o.field("status").enumValue(HoldStatus.class),
                o.field("createdAt").instant(), o.field("expiresAt").instant(), lines,
                o.optionalField("reference").map(JsonTree::text));
    }

    private static java.util.Map<Sku, Integer> units(JsonTree o) {
        java.util.Map<Sku, Integer> out = new java.util.TreeMap<>();
        for (String name : o.names()) {
            out.put(Sku.of(name), o.get(name).intValue());
        }
        return out;
    }

    private static void channel(ObjectNode o, Channel c) {
        o.put("channel", c.id().value());
        o.put("channelKind", c.kind().name());
    }

    private static Channel channel(JsonTree o) {
        return new Channel(ChannelId.of(o.field("channel").text()),
                o.field("channelKind").enumValue(ChannelKind.class));
    }

    // ---- transfers and positions

    static String transfer(Transfer t) {
        return transferNode(t).toString();
    }

    private static ObjectNode transferNode(Transfer t) {
        ObjectNode o = F.objectNode();
        o.put("id", t.id().value());
        o.put("sku", t.sku().value());
        o.put("from", t.from().value());
        o.put("to", t.to().value());
        o.put("quantity", t.quantity());
        o.put("received", t.received());
        o.put("dispatchedAt", t.dispatchedAt().toString());
        t.receivedAt().ifPresent(r -> o.put("receivedAt", r.toString()));
        return o;
    }

    static Transfer transfer(String json) {
        return parse(json, InventoryJson::transfer);
    }

    private static Transfer transfer(JsonTree o) {
        return new Transfer(new TransferId(o.field("id").longValue()), Sku.of(o.field("sku").text()),
                NodeId.of(o.field("from").text()), NodeId.of(o.field("to").text()), o.field("quantity").intValue(),
                o.field("received").intValue(), o.field("dispatchedAt").instant(),
                o.optionalField("receivedAt").map(JsonTree::instant));
    }

    private static ObjectNode position(Position p) {
        ObjectNode o = F.objectNode();
        o.put("sku", p.sku().value());
        o.put("node", p.node().value());
        o.put("onHand", p.onHand());
        o.put("held", p.held());
        o.put("safetyStock", p.safetyStock());
        o.put("atp", p.atp());
        o.put("shortage", p.shortage());
        o.put("reorderPoint", p.reorderPoint());
        o.put("lowStock", p.lowStock());
        return o;
    }

    private static Position position(JsonTree o) {
        return new Position(Sku.of(o.field("sku").text()), NodeId.of(o.field("node").text()), o.field("onHand").intValue(),
                o.field("held").intValue(), o.field("safetyStock").intValue(), o.field("atp").intValue(),
                o.field("shortage").intValue(), o.field("reorderPoint").intValue(), o.field("lowStock").bool());
    }

    // ---- positions' stored parts and channel rules

    static String safetyPolicy(SafetyStockPolicy policy) {
        ObjectNode o = F.objectNode();
        if (policy instanceof SafetyStockPolicy.Fixed f) {
            o.put("fixed", f.units());
        } else if (policy instanceof SafetyStockPolicy.DaysOfCover d) {
            o.put("days", d.days().toPlainString());
            o.put("windowDays", d.windowDays());
        }
        return o.toString();
    }

    static SafetyStockPolicy safetyPolicy(String json) {
        return parse(json, o -> o.optionalField("fixed").<SafetyStockPolicy>map(
                f -> new SafetyStockPolicy.Fixed(f.intValue())).orElseGet(() -> new SafetyStockPolicy.DaysOfCover(
                        new BigDecimal(o.field("days").text()), o.field("windowDays").intValue())));
    }

    static String dailySales(SortedMap<LocalDate, Integer> sales) {
        ObjectNode o = F.objectNode();
        sales.forEach((day, units) -> o.put(day.toString(), units));
        return o.toString();
    }

    static SortedMap<LocalDate, Integer> dailySales(String json) {
        return parse(json, o -> {
            SortedMap<LocalDate, Integer> sales = new TreeMap<>();
            for (String day : o.names()) {
                sales.put(LocalDate.parse(day), o.field(day).intValue());
            }
            return sales;
        });
    }

    static String rules(List<ChannelRule> rules) {
        ArrayNode a = F.arrayNode();
        for (ChannelRule r : rules) {
            ObjectNode o = a.addObject();
            r.channels().kind().ifPresent(k -> o.put("kind", k.name()));
            r.channels().channel().ifPresent(c -> o.put("channel", c.value()));
            o.put("reservedUnits", r.reservedUnits());
            r.capUnits().ifPresent(c -> o.put("capUnits", c));
            r.capShare().ifPresent(s -> o.put("capShare", s.value()));
        }
        return a.toString();
    }

    static List<ChannelRule> rules(String json) {
        return parse(json, a -> {
            List<ChannelRule> rules = new ArrayList<>();
            for (JsonTree o : a.elements()) {
                ChannelSelector selector = new ChannelSelector(o.optionalField("kind").map(k -> k.enumValue(ChannelKind.class)),
                        o.optionalField("channel").map(c -> ChannelId.of(c.text())));
                rules.add(new ChannelRule(selector, o.field("reservedUnits").intValue(),
                        o.optionalField("capUnits").map(c -> OptionalInt.of(c.intValue())).orElse(OptionalInt.empty()),
                        o.optionalField("capShare").map(s -> new BasisPoints(s.intValue()))));
            }
            return rules;
        });
    }

    // ---- outcomes kept for idempotent replay

    static String outcome(Object result) {
        ObjectNode o = F.objectNode();
        if (result instanceof Hold h) {
            o.put("type", "hold");
            o.set("value", holdNode(h));
        } else if (result instanceof Position p) {
            o.put("type", "position");
            o.set("value", position(p));
        } else if (result instanceof Transfer t) {
            o.put("type", "transfer");
            o.set("value", transferNode(t));
        } else if (result instanceof ExpectedReceipt r) {
            o.put("type", "receipt");
            o.set("value", receiptNode(r));
        } else if (result instanceof List<?> list && list.stream().allMatch(ExpectedReceipt.class::isInstance)) {
            o.put("type", "receipts");
            ArrayNode a = o.putArray("value");
            list.forEach(r -> a.add(receiptNode((ExpectedReceipt) r)));
        } else {
            throw new IllegalArgumentException("no JSON form for outcome " + result);
        }
        return o.toString();
    }

    private static ObjectNode receiptNode(ExpectedReceipt r) {
        ObjectNode o = F.objectNode();
        o.put("id", r.id());
        o.put("sku", r.sku().value());
        o.put("node", r.node().value());
        o.put("quantity", r.quantity());
        o.put("eta", r.eta().toString());
        o.put("kind", r.kind().name());
        return o;
    }

    private static ExpectedReceipt receipt(JsonTree o) {
        return new ExpectedReceipt(o.field("id").text(), Sku.of(o.field("sku").text()),
                NodeId.of(o.field("node").text()), o.field("quantity").intValue(), o.field("eta").instant(),
                o.field("kind").enumValue(ExpectedReceipt.Kind.class));
    }

    static Object outcome(String json) {
        return parse(json, o -> switch (o.field("type").text()) {
            case "hold" -> hold(o.field("value"));
            case "position" -> position(o.field("value"));
            case "transfer" -> transfer(o.field("value"));
            case "receipt" -> receipt(o.field("value"));
            case "receipts" -> o.field("value").elements().stream().map(InventoryJson::receipt).toList();
            default -> throw o.field("type").fail("unknown outcome type");
        });
    }

    /** A failure as JSON; every exception the engine throws under an idempotency key has a form here. */
    static String failure(RuntimeException e) {
        ObjectNode o = F.objectNode();
        o.put("message", String.valueOf(e.getMessage()));
        if (e instanceof InsufficientStockException x) {
            o.put("type", "insufficientStock");
            o.put("sku", x.sku().value());
            x.node().ifPresent(n -> o.put("node", n.value()));
            x.pool().ifPresent(p -> o.put("pool", p.value()));
            o.put("channel", x.channel().value());
            o.put("requested", x.requested());
            o.put("available", x.available());
        } else if (e instanceof IllegalHoldStateException x) {
            o.put("type", "illegalHoldState");
            o.put("hold", x.hold().value());
            o.put("status", x.status().name());
            o.put("operation", x.operation());
        } else if (e instanceof UnknownHoldException x) {
            o.put("type", "unknownHold");
            o.put("hold", x.hold().value());
        } else if (e instanceof UnknownTransferException x) {
            o.put("type", "unknownTransfer");
            o.put("transfer", x.transfer().value());
        } else if (e instanceof UnknownSkuException x) {
            o.put("type", "unknownSku");
            o.put("sku", x.sku().value());
        } else if (e instanceof UnknownNodeException x) {
            o.put("type", "unknownNode");
            o.put("node", x.node().value());
        } else if (e instanceof UnknownPoolException x) {
            o.put("type", "unknownPool");
            o.put("pool", x.pool().value());
        } else if (e instanceof IllegalArgumentException) {
            o.put("type", "illegalArgument");
        } else if (e instanceof IllegalStateException) {
            o.put("type", "illegalState");
        } else {
            return null;
        }
        return o.toString();
    }

    static RuntimeException failure(String json) {
        return parse(json, o -> {
            String message = o.field("message").text();
            return switch (o.field("type").text()) {
                case "insufficientStock" -> new InsufficientStockException(Sku.of(o.field("sku").text()),
                        o.optionalField("node").map(n -> NodeId.of(n.text())),
                        o.optionalField("pool").map(p -> PoolId.of(p.text())), ChannelId.of(o.field("channel").text()),
                        o.field("requested").longValue(), o.field("available").longValue());
                case "illegalHoldState" -> illegalHoldState(o, message);
                case "unknownHold" -> new UnknownHoldException(HoldId.of(o.field("hold").longValue()));
                case "unknownTransfer" -> new UnknownTransferException(new TransferId(o.field("transfer").longValue()));
                case "unknownSku" -> new UnknownSkuException(Sku.of(o.field("sku").text()), "register it first or build the engine with autoRegister(true)");
                case "unknownNode" -> new UnknownNodeException(NodeId.of(o.field("node").text()));
                case "unknownPool" -> new UnknownPoolException(PoolId.of(o.field("pool").text()));
                case "illegalArgument" -> new IllegalArgumentException(message);
                case "illegalState" -> new IllegalStateException(message);
                default -> throw o.field("type").fail("unknown failure type");
            };
        });
    }

    private static IllegalHoldStateException illegalHoldState(JsonTree o, String message) {
        HoldId hold = HoldId.of(o.field("hold").longValue());
        HoldStatus status = o.field("status").enumValue(HoldStatus.class);
        String operation = o.field("operation").text();
        String prefix = new IllegalHoldStateException(hold, status, operation, "").getMessage();
        String detail = message.startsWith(prefix + ": ") ? message.substring(prefix.length() + 2) : "";
        return new IllegalHoldStateException(hold, status, operation, detail);
    }

    /** A conflict for a key first used with {@code original} (the stored request text). */
    static IdempotencyConflictException conflict(String key, String original, String attempted) {
        return new IdempotencyConflictException(IdempotencyKey.of(key), original, attempted);
    }
}

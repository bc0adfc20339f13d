package io.github.omniretail.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeCapability;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.core.Order;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.OrderLine;
import io.github.omniretail.core.Sku;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** How each core value is read from and written to JSON. Field names match the record components. */
final class CoreCodecs {

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[-+]?\\d+(\\.\\d+)?");

    private CoreCodecs() {
    }

    // ---- Money: {"amount":"12.34","currency":"CNY"}

    static Money readMoney(JsonTree v) {
        v.object("amount", "currency");
        Currency currency = v.field("currency").as(CoreCodecs::readCurrency);
        JsonTree amountField = v.field("amount");
        if (amountField.node.isNumber()) {
            throw amountField.fail("amount must be a decimal string such as \"12.34\", not a JSON number "
                    + amountField.node + " (numbers may pass through binary floating point)");
        }
        String amount = amountField.text();
        if (!PLAIN_DECIMAL.matcher(amount).matches()) {
            throw amountField.fail("'" + amount + "' is not a plain decimal such as \"12.34\"");
        }
        return amountField.build(() -> Money.parse(amount, currency));
    }

    static void writeMoney(Money money, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("amount", money.amountString());
        g.writeStringField("currency", money.currency().getCurrencyCode());
        g.writeEndObject();
    }

    static Currency readCurrency(JsonTree v) {
        String code = v.text();
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw v.fail("'" + code + "' is not an ISO 4217 currency code");
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw v.fail("currency " + code + " has no usable minor unit");
        }
        return currency;
    }

    // ---- BasisPoints: 1250

    static BasisPoints readBasisPoints(JsonTree v) {
        int value = v.intValue();
        return v.build(() -> BasisPoints.of(value));
    }

    // ---- GeoPoint: {"latitude":30.27,"longitude":120.15}

    static GeoPoint readGeoPoint(JsonTree v) {
        v.object("latitude", "longitude");
        double latitude = v.field("latitude").doubleValue();
        double longitude = v.field("longitude").doubleValue();
        return v.build(() -> GeoPoint.of(latitude, longitude));
    }

    static void writeGeoPoint(GeoPoint point, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("latitude", point.latitude());
        g.writeNumberField("longitude", point.longitude());
        g.writeEndObject();
    }

    // ---- Channel: {"id":"tmall","kind":"MARKETPLACE"}

    static Channel readChannel(JsonTree v) {
        v.object("id", "kind");
        ChannelId id = v.field("id").as(CoreCodecs::readChannelId);
        ChannelKind kind = v.field("kind").enumValue(ChannelKind.class);
        return v.build(() -> new Channel(id, kind));
    }

    static void writeChannel(Channel channel, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", channel.id().value());
        g.writeStringField("kind", channel.kind().name());
        g.writeEndObject();
    }

    // ---- Identifiers: plain strings

    static Sku readSku(JsonTree v) {
        String text = v.text();
        return v.build(() -> Sku.of(text));
    }

    static NodeId readNodeId(JsonTree v) {
        String text = v.text();
        return v.build(() -> NodeId.of(text));
    }

    static MemberId readMemberId(JsonTree v) {
        String text = v.text();
        return v.build(() -> MemberId.of(text));
    }

    static OrderId readOrderId(JsonTree v) {
        String text = v.text();
        return v.build(() -> OrderId.of(text));
    }

    static ChannelId readChannelId(JsonTree v) {
        String text = v.text();
        return v.build(() -> ChannelId.of(text));
    }

    // ---- FulfillmentNode

    static FulfillmentNode readNode(JsonTree v) {
        v.object("id", "name", "type", "location", "zone", "capabilities", "sameDayRadiusMetres",
                "dailyOrderCapacity", "priority");
        NodeId id = v.field("id").as(CoreCodecs::readNodeId);
        String name = v.field("name").text();
        NodeType type = v.field("type").enumValue(NodeType.class);
        GeoPoint location = v.field("location").as(CoreCodecs::readGeoPoint);
        var zone = v.field("zone").zone();
        EnumSet<NodeCapability> capabilities = EnumSet.noneOf(NodeCapability.class);
        for (JsonTree c : v.field("capabilities").elements()) {
            if (!capabilities.add(c.enumValue(NodeCapability.class))) {
                throw c.fail("capability " + c.node.textValue() + " is listed twice");
            }
        }
        OptionalLong radius = v.optionalField("sameDayRadiusMetres")
                .map(r -> OptionalLong.of(r.longValue())).orElse(OptionalLong.empty());
        OptionalInt capacity = v.optionalField("dailyOrderCapacity")
                .map(c -> OptionalInt.of(c.intValue())).orElse(OptionalInt.empty());
        int priority = v.optionalField("priority").map(JsonTree::intValue).orElse(0);
        return v.build(() -> new FulfillmentNode(id, name, type, location, zone, capabilities, radius, capacity,
                priority));
    }

    static void writeNode(FulfillmentNode node, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", node.id().value());
        g.writeStringField("name", node.name());
        g.writeStringField("type", node.type().name());
        g.writeFieldName("location");
        writeGeoPoint(node.location(), g);
        g.writeStringField("zone", node.zone().getId());
        g.writeArrayFieldStart("capabilities");
        for (NodeCapability c : node.capabilities()) {
            g.writeString(c.name());
        }
        g.writeEndArray();
        if (node.sameDayRadiusMetres().isPresent()) {
            g.writeNumberField("sameDayRadiusMetres", node.sameDayRadiusMetres().getAsLong());
        }
        if (node.dailyOrderCapacity().isPresent()) {
            g.writeNumberField("dailyOrderCapacity", node.dailyOrderCapacity().getAsInt());
        }
        g.writeNumberField("priority", node.priority());
        g.writeEndObject();
    }

    // ---- OrderLine: {"sku":"MILK-1L","quantity":2,"unitPrice":{...},"discount"?:{...}} (discount absent when zero)

    static OrderLine readLine(JsonTree v) {
        v.object("sku", "quantity", "unitPrice", "discount");
        Sku sku = v.field("sku").as(CoreCodecs::readSku);
        JsonTree quantityField = v.field("quantity");
        int quantity = quantityField.intValue();
        if (quantity <= 0) {
            throw quantityField.fail("quantity must be > 0, was " + quantity);
        }
        JsonTree priceField = v.field("unitPrice");
        Money unitPrice = priceField.as(CoreCodecs::readMoney);
        if (unitPrice.isNegative()) {
            throw priceField.fail("unit price must not be negative, was " + unitPrice);
        }
        Money discount = v.optionalField("discount").map(d -> d.as(CoreCodecs::readMoney))
                .orElse(Money.zero(unitPrice.currency()));
        if (!discount.currency().equals(unitPrice.currency())) {
            throw v.field("discount").fail("discount is in " + discount.currency() + ", the unit price in "
                    + unitPrice.currency());
        }
        if (discount.isNegative() || discount.isGreaterThan(unitPrice.times(quantity))) {
            throw v.field("discount").fail("discount must be 0.." + unitPrice.times(quantity) + ", was " + discount);
        }
        return v.build(() -> new OrderLine(sku, quantity, unitPrice, discount));
    }

    static void writeLine(OrderLine line, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("sku", line.sku().value());
        g.writeNumberField("quantity", line.quantity());
        g.writeFieldName("unitPrice");
        writeMoney(line.unitPrice(), g);
        if (!line.discount().isZero()) {
            g.writeFieldName("discount");
            writeMoney(line.discount(), g);
        }
        g.writeEndObject();
    }

    // ---- DeliveryMethod: {"type":"SHIP","destination":{...}} | {"type":"PICKUP","node":"S1"} | SAME_DAY

    static DeliveryMethod readDelivery(JsonTree v) {
        if (!v.node.isObject()) {
            v.object();
        }
        JsonTree typeField = v.field("type");
        String type = typeField.text();
        switch (type) {
            case "SHIP":
                v.object("type", "destination");
                return new DeliveryMethod.Ship(v.field("destination").as(CoreCodecs::readGeoPoint));
            case "SAME_DAY":
                v.object("type", "destination");
                return new DeliveryMethod.SameDay(v.field("destination").as(CoreCodecs::readGeoPoint));
            case "PICKUP":
                v.object("type", "node");
                return new DeliveryMethod.Pickup(v.field("node").as(CoreCodecs::readNodeId));
            default:
                throw typeField.fail("'" + type + "' is not a delivery type; expected one of [SHIP, PICKUP, SAME_DAY]");
        }
    }

    static <T extends DeliveryMethod> T readDelivery(JsonTree v, Class<T> expected) {
        DeliveryMethod method = readDelivery(v);
        if (!expected.isInstance(method)) {
            throw v.field("type").fail("expected delivery type " + typeName(expected) + ", found "
                    + typeName(method.getClass()));
        }
        return expected.cast(method);
    }

    private static String typeName(Class<?> type) {
        if (type == DeliveryMethod.Ship.class) {
            return "SHIP";
        }
        return type == DeliveryMethod.Pickup.class ? "PICKUP" : "SAME_DAY";
    }

    static void writeDelivery(DeliveryMethod method, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (method instanceof DeliveryMethod.Ship) {
            g.writeStringField("type", "SHIP");
            g.writeFieldName("destination");
            writeGeoPoint(((DeliveryMethod.Ship) method).destination(), g);
        } else if (method instanceof DeliveryMethod.SameDay) {
            g.writeStringField("type", "SAME_DAY");
            g.writeFieldName("destination");
            writeGeoPoint(((DeliveryMethod.SameDay) method).destination(), g);
        } else {
            g.writeStringField("type", "PICKUP");
            g.writeStringField("node", ((DeliveryMethod.Pickup) method).node().value());
        }
        g.writeEndObject();
    }

    // ---- Order

    static Order readOrder(JsonTree v) {
        v.object("id", "channel", "member", "placedAt", "delivery", "lines", "promisedBy");
        OrderId id = v.field("id").as(CoreCodecs::readOrderId);
        Channel channel = v.field("channel").as(CoreCodecs::readChannel);
        Optional<MemberId> member = v.optionalField("member").map(CoreCodecs::readMemberId);
        var placedAt = v.field("placedAt").instant();
        DeliveryMethod delivery = v.field("delivery").as(CoreCodecs::readDelivery);
        JsonTree linesField = v.field("lines");
        List<JsonTree> elements = linesField.elements();
        if (elements.isEmpty()) {
            throw linesField.fail("an order needs at least one line");
        }
        List<OrderLine> lines = new ArrayList<>(elements.size());
        for (JsonTree element : elements) {
            OrderLine line = element.as(CoreCodecs::readLine);
            if (!lines.isEmpty() && !line.unitPrice().currency().equals(lines.get(0).unitPrice().currency())) {
                throw element.field("unitPrice").field("currency").fail("currency "
                        + line.unitPrice().currency() + " differs from the first line's "
                        + lines.get(0).unitPrice().currency() + "; an order has one currency");
            }
            lines.add(line);
        }
        var promisedBy = v.optionalField("promisedBy").map(JsonTree::instant);
        if (promisedBy.isPresent() && promisedBy.get().isBefore(placedAt)) {
            throw v.field("promisedBy").fail("promisedBy " + promisedBy.get() + " is before placedAt " + placedAt);
        }
        return v.build(() -> new Order(id, channel, member, placedAt, delivery, lines, promisedBy));
    }

    static void writeOrder(Order order, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", order.id().value());
        g.writeFieldName("channel");
        writeChannel(order.channel(), g);
        if (order.member().isPresent()) {
            g.writeStringField("member", order.member().get().value());
        }
        g.writeStringField("placedAt", order.placedAt().toString());
        g.writeFieldName("delivery");
        writeDelivery(order.delivery(), g);
        g.writeArrayFieldStart("lines");
        for (OrderLine line : order.lines()) {
            writeLine(line, g);
        }
        g.writeEndArray();
        if (order.promisedBy().isPresent()) {
            g.writeStringField("promisedBy", order.promisedBy().get().toString());
        }
        g.writeEndObject();
    }
}

package io.github.omniretail.examples.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.omniretail.checkout.Checkout;
import io.github.omniretail.checkout.OrderRequest;
import io.github.omniretail.checkout.PlacedOrder;
import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.MutableClock;
import io.github.omniretail.core.NodeCapability;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.Disposition;
import io.github.omniretail.inventory.ExpectedReceipt;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.Kit;
import io.github.omniretail.inventory.Lot;
import io.github.omniretail.inventory.LotPosition;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.pricing.Eligibility;
import io.github.omniretail.pricing.Offer;
import io.github.omniretail.pricing.PricingContext;
import io.github.omniretail.pricing.PricingEngine;
import io.github.omniretail.pricing.PricingRules;
import io.github.omniretail.pricing.Promotion;
import io.github.omniretail.pricing.PromotionSet;
import io.github.omniretail.pricing.ShelfLifeMarkdown;
import io.github.omniretail.routing.RoutingEngine;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fresh food and real-stock scenarios a retailer would recognise, as JSON files under
 * {@code src/test/resources/scenarios}: nodes, a catalogue, promotions and shelf-life markdowns, then steps (stock
 * received in lots, receipts expected and revised, orders placed, paid, shipped and returned, the clock moving) and
 * what must hold after each ({@code "check"}), run through the real engines and the checkout. A step that must be
 * refused says {@code "refused": "words of the message"}.
 */
class StockScenarioTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Currency CNY = Currency.getInstance("CNY");

    static Stream<String> scenarios() {
        return Stream.of("fresh-milk-three-lots-evening-markdown.json", "double-11-presale-deposit-late-receipt.json",
                "gift-box-of-three.json", "online-order-returned-in-store.json");
    }

    ZoneId zone;
    MutableClock clock;
    InventoryEngine inventory;
    PricingEngine pricing;
    Checkout checkout;
    final Map<String, Channel> channels = new LinkedHashMap<>();

    @ParameterizedTest
    @MethodSource("scenarios")
    void scenario(String file) throws IOException {
        JsonNode s;
        try (InputStream in = getClass().getResourceAsStream("/scenarios/" + file)) {
            s = JSON.readTree(in);
        }
        zone = ZoneId.of(s.path("zone").asText("Asia/Shanghai"));
        clock = MutableClock.at(OffsetDateTime.parse(s.get("start").asText()).toInstant(), zone);
        channels.put("app", Channel.of("app", ChannelKind.APP));
        channels.put("tmall", Channel.of("tmall", ChannelKind.MARKETPLACE));
        channels.put("pos", Channel.of("pos", ChannelKind.STORE_POS));
        inventory = InventoryEngine.builder().clock(clock).autoRegister(true).build();
        List<FulfillmentNode> nodes = new ArrayList<>();
        for (JsonNode n : s.get("nodes")) {
            FulfillmentNode.Builder b = FulfillmentNode.builder(NodeId.of(n.get("id").asText()),
                    NodeType.valueOf(n.get("type").asText()), GeoPoint.of(n.get("lat").asDouble(),
                            n.get("lon").asDouble()), zone);
            List<NodeCapability> caps = new ArrayList<>();
            n.get("capabilities").forEach(c -> caps.add(NodeCapability.valueOf(c.asText())));
            nodes.add(b.capabilities(caps.toArray(NodeCapability[]::new)).build());
            inventory.registerNode(NodeId.of(n.get("id").asText()));
        }
        RoutingEngine routing = RoutingEngine.builder(inventory.stockView()).clock(clock).nodes(nodes).build();
        PricingRules.Builder rules = PricingRules.builder("scenario", CNY);
        for (JsonNode c : s.get("catalogue")) {
            rules.sku(Sku.of(c.get("sku").asText()), money(c.get("price")), c.get("category").asText());
        }
        for (JsonNode m : s.path("shelfLife")) {
            Map<Integer, BasisPoints> steps = new TreeMap<>();
            m.get("markdowns").fields().forEachRemaining(e -> steps.put(Integer.parseInt(e.getKey()),
                    BasisPoints.of(e.getValue().asInt())));
            Set<String> categories = new HashSet<>();
            m.get("categories").forEach(c -> categories.add(c.asText()));
            rules.shelfLife(ShelfLifeMarkdown.of(m.get("id").asText(), categories, steps));
        }
        List<Promotion> promotions = new ArrayList<>();
        for (JsonNode p : s.path("promotions")) {
            JsonNode d = p.get("deposit");
            Promotion promotion = Promotion.of(p.get("id").asText(), p.get("name").asText(), p.get("priority").asInt(),
                    new Offer.Deposit(money(d.get("deposit")), money(d.get("worth")), instant(d.get("balanceDueBy"))));
            List<Sku> skus = new ArrayList<>();
            p.get("skus").forEach(x -> skus.add(Sku.of(x.asText())));
            promotions.add(promotion.eligibility(Eligibility.everyone().skus(skus.toArray(Sku[]::new))));
        }
        pricing = PricingEngine.builder().clock(clock).rules(rules.build())
                .promotions(PromotionSet.of("scenario", CNY, promotions)).lotView(inventory.lotView()).build();
        for (JsonNode k : s.path("kits")) {
            Map<Sku, Integer> components = new TreeMap<>();
            k.get("components").fields().forEachRemaining(e -> components.put(Sku.of(e.getKey()),
                    e.getValue().asInt()));
            inventory.defineKit(Kit.of(Sku.of(k.get("sku").asText()), components));
        }
        PointsLedger ledger = PointsLedger.builder().clock(clock).build();
        s.path("members").forEach(m -> ledger.enrol(MemberId.of(m.asText())));
        checkout = Checkout.builder(inventory, routing, pricing).ledger(ledger).clock(clock).zone(zone)
                .pointsWorth(100, Money.parse("1.00", CNY)).build();
        int i = 0;
        for (JsonNode step : s.get("steps")) {
            String where = file + " step " + i++ + " (" + step.path("do").asText("check") + ")";
            if (step.has("refused")) {
                RuntimeException e = assertThrows(RuntimeException.class, () -> run(step), where);
                assertTrue(e.getMessage().contains(step.get("refused").asText()), where + ": " + e.getMessage());
            } else if (step.has("do")) {
                run(step);
            }
            if (step.has("check")) {
                check(step.get("check"), where);
            }
        }
    }

    private void run(JsonNode step) {
        String key = step.path("key").asText();
        IdempotencyKey k = IdempotencyKey.of(step.path("stepKey").asText(key + "/" + step.get("do").asText()));
        switch (step.get("do").asText()) {
            case "clock" -> clock.set(instant(step.get("to")));
            case "receive" -> {
                Sku sku = Sku.of(step.get("sku").asText());
                NodeId node = NodeId.of(step.get("node").asText());
                int units = step.get("units").asInt();
                if (step.has("lot")) {
                    inventory.receive(k, sku, node, Lot.bestBefore(step.get("lot").asText(),
                            LocalDate.parse(step.get("bestBefore").asText()), zone), units);
                } else {
                    inventory.receive(k, sku, node, units);
                }
            }
            case "expectReceipt" -> inventory.expectReceipt(k, ExpectedReceipt.purchaseOrder(step.get("receipt")
                    .asText(), Sku.of(step.get("sku").asText()), NodeId.of(step.get("node").asText()),
                    step.get("units").asInt(), instant(step.get("eta"))));
            case "reviseReceipt" -> inventory.reviseReceipt(k, Sku.of(step.get("sku").asText()),
                    NodeId.of(step.get("node").asText()), step.get("receipt").asText(), step.get("units").asInt(),
                    instant(step.get("eta")));
            case "landReceipt" -> inventory.receiveExpected(k, Sku.of(step.get("sku").asText()),
                    NodeId.of(step.get("node").asText()), step.get("receipt").asText(), step.get("units").asInt());
            case "expireLots" -> inventory.expireLots();
            case "expireOrders" -> checkout.expireDue();
            case "place" -> place(step);
            case "payDeposit" -> checkout.payDeposit(IdempotencyKey.of(key));
            case "confirm" -> checkout.confirm(IdempotencyKey.of(key));
            case "cancel" -> checkout.cancel(IdempotencyKey.of(key));
            case "fulfil" -> checkout.fulfil(IdempotencyKey.of(key), step.path("shipment").asInt(0));
            case "return" -> checkout.returnLines(IdempotencyKey.of(key), IdempotencyKey.of(step.get("returnKey")
                    .asText()), NodeId.of(step.get("node").asText()), units(step.get("units")),
                    Disposition.valueOf(step.path("disposition").asText("SELLABLE")));
            default -> throw new IllegalArgumentException("unknown step " + step.get("do"));
        }
    }

    private void place(JsonNode step) {
        JsonNode d = step.get("delivery");
        DeliveryMethod delivery = d.has("pickup") ? DeliveryMethod.pickup(NodeId.of(d.get("pickup").asText()))
                : DeliveryMethod.ship(GeoPoint.of(d.get("ship").get(0).asDouble(), d.get("ship").get(1).asDouble()));
        OrderRequest.Builder b = OrderRequest.builder(IdempotencyKey.of(step.get("key").asText()),
                channels.get(step.path("channel").asText("app")), delivery, money(step.path("shipping"), "0.00"));
        units(step.get("lines")).forEach(b::line);
        if (step.has("member")) {
            b.member(MemberId.of(step.get("member").asText()));
        }
        if (step.has("presaleBy")) {
            b.presale(instant(step.get("presaleBy")));
        }
        if (step.path("atCounter").asBoolean(false)) {
            b.atCounter();
        }
        checkout.place(b.build());
    }

    private void check(JsonNode check, String where) {
        check.path("atp").fields().forEachRemaining(e -> {
            String[] at = e.getKey().split("@");
            assertEquals(e.getValue().asLong(), inventory.atp(Sku.of(at[0]), NodeId.of(at[1]), channels.get(
                    at.length > 2 ? at[2] : "app")), where + ": ATP of " + e.getKey());
        });
        check.path("onHand").fields().forEachRemaining(e -> {
            String[] at = e.getKey().split("@");
            assertEquals(e.getValue().asInt(), inventory.position(Sku.of(at[0]), NodeId.of(at[1])).onHand(),
                    where + ": on hand of " + e.getKey());
        });
        check.path("quarantined").fields().forEachRemaining(e -> {
            String[] at = e.getKey().split("@");
            assertEquals(e.getValue().asInt(), inventory.quarantined(Sku.of(at[0]), NodeId.of(at[1])),
                    where + ": quarantined " + e.getKey());
        });
        check.path("lots").fields().forEachRemaining(e -> {
            String[] at = e.getKey().split("@");
            List<String> lots = new ArrayList<>();
            for (LotPosition p : inventory.lots(Sku.of(at[0]), NodeId.of(at[1]))) {
                lots.add(p.lot() + ":" + p.onHand());
            }
            List<String> expected = new ArrayList<>();
            e.getValue().forEach(x -> expected.add(x.asText()));
            assertEquals(expected, lots, where + ": lots of " + e.getKey());
        });
        check.path("price").fields().forEachRemaining(e -> {
            String[] at = e.getKey().split("@");
            PricingContext c = PricingContext.of(channels.get("app"), zone, clock.instant()).atNode(NodeId.of(at[1]),
                    zone);
            assertEquals(e.getValue().asText(), pricing.quote(Sku.of(at[0]), c).price().amountString(),
                    where + ": price of " + e.getKey());
        });
        check.path("waiting").fields().forEachRemaining(e -> {
            String[] at = e.getKey().split("@");
            assertEquals(e.getValue().asInt(), inventory.waiting(Sku.of(at[0]), NodeId.of(at[1])).stream()
                    .mapToInt(w -> w.units()).sum(), where + ": waiting at " + e.getKey());
        });
        check.path("orders").fields().forEachRemaining(e -> {
            PlacedOrder o = checkout.order(IdempotencyKey.of(e.getKey())).orElseThrow();
            JsonNode want = e.getValue();
            String what = where + ": order " + e.getKey();
            if (want.has("status")) {
                assertEquals(want.get("status").asText(), o.status().name(), what + " " + o.refusal().orElse(""));
            }
            if (want.has("total")) {
                assertEquals(want.get("total").asText(), o.quote().orElseThrow().total().amountString(), what);
            }
            if (want.has("deposit")) {
                assertEquals(want.get("deposit").asText(), o.deposit().orElseThrow().deposit().amountString(), what);
                assertEquals(want.get("balance").asText(), o.deposit().orElseThrow().balance().amountString(), what);
            }
            if (want.has("readyBy")) {
                assertEquals(instant(want.get("readyBy")), o.readyBy().orElseThrow(), what);
            }
            if (want.has("refusal")) {
                assertTrue(o.refusal().orElse("").contains(want.get("refusal").asText()), what + ": " + o.refusal());
            }
            if (want.has("refunded")) {
                Money refunded = Money.zero(CNY);
                for (var r : o.returns()) {
                    refunded = refunded.plus(r.refund());
                }
                assertEquals(want.get("refunded").asText(), refunded.amountString(), what);
            }
            if (want.has("shippedFrom")) {
                assertEquals(want.get("shippedFrom").asText(), o.plan().orElseThrow().shipments().get(0).node().value(),
                        what);
            }
        });
    }

    private static Map<Sku, Integer> units(JsonNode n) {
        Map<Sku, Integer> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(Sku.of(e.getKey()), e.getValue().asInt());
        }
        return out;
    }

    private static Money money(JsonNode n) {
        return Money.parse(n.asText(), CNY);
    }

    private static Money money(JsonNode n, String otherwise) {
        return Money.parse(n.isMissingNode() ? otherwise : n.asText(), CNY);
    }

    private static Instant instant(JsonNode n) {
        return OffsetDateTime.parse(n.asText()).toInstant();
    }
}

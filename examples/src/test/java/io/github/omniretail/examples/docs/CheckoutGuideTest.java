package io.github.omniretail.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.checkout.Checkout;
import io.github.omniretail.checkout.OrderRequest;
import io.github.omniretail.checkout.OrderReturn;
import io.github.omniretail.checkout.OrderStatus;
import io.github.omniretail.checkout.PlacedOrder;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeCapability;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.ExpectedReceipt;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.pricing.Offer;
import io.github.omniretail.pricing.PricingEngine;
import io.github.omniretail.pricing.PricingRules;
import io.github.omniretail.pricing.Promotion;
import io.github.omniretail.pricing.PromotionSet;
import io.github.omniretail.routing.RoutingEngine;
import io.github.omniretail.core.MutableClock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import io.github.omniretail.checkout.Exchange;
import io.github.omniretail.inventory.Disposition;

/** The code shown in docs/checkout.md, compiled and run. */
class CheckoutGuideTest {

    static final ZoneId HANGZHOU = ZoneId.of("Asia/Shanghai");
    static final Currency CNY = Currency.getInstance("CNY");
    static final Sku RICE = Sku.of("RICE-5KG");
    static final Sku MILK = Sku.of("MILK-1L");
    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final NodeId DC = NodeId.of("DC-1");
    static final NodeId STORE = NodeId.of("ST-3");

    MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T02:00:00Z"));

    /** The net amount of line {@code i} of an order's quote. */
    static Money lineNet(PlacedOrder o, int i) {
        return o.quote().orElseThrow().lines().get(i).net();
    }

    @Test
    void journey() {
        InventoryEngine inventory = InventoryEngine.builder().clock(clock).autoRegister(true).build();
        inventory.receive(IdempotencyKey.of("g1"), RICE, DC, 50);
        inventory.receive(IdempotencyKey.of("g2"), MILK, DC, 50);
        inventory.receive(IdempotencyKey.of("g3"), MILK, STORE, 10);
        RoutingEngine routing = RoutingEngine.builder(inventory.stockView()).clock(clock).nodes(List.of(
                FulfillmentNode.builder(DC, NodeType.DISTRIBUTION_CENTER, GeoPoint.of(30.135, 120.285), HANGZHOU)
                        .capabilities(NodeCapability.SHIP).build(),
                FulfillmentNode.builder(STORE, NodeType.STORE, GeoPoint.of(30.262, 120.160), HANGZHOU)
                        .capabilities(NodeCapability.PICKUP).build())).build();
        PricingEngine pricing = PricingEngine.builder().clock(clock)
                .rules(PricingRules.builder("r1", CNY).sku(RICE, Money.parse("64.00", CNY), "grocery")
                        .sku(MILK, Money.parse("12.80", CNY), "dairy").build())
                .promotions(PromotionSet.of("p1", CNY, List.of(Promotion.of("full-200-50", "满200减50", 10,
                        Offer.Threshold.spend(Money.parse("200.00", CNY),
                                Money.parse("50.00", CNY))))))
                .build();
        PointsLedger ledger = PointsLedger.builder().clock(clock).build();
        MemberId alice = MemberId.of("M-42");
        ledger.enrol(alice);

        // snippet: checkout-journey
        Checkout checkout = Checkout.builder(inventory, routing, pricing).ledger(ledger).clock(clock)
                .zone(HANGZHOU).pointsWorth(100, Money.parse("1.00", CNY))   // 100 points pay ¥1
                .build();

        IdempotencyKey key = IdempotencyKey.of("order-2026-0001");            // the only key you make
        OrderRequest request = OrderRequest.builder(key, APP, DeliveryMethod.ship(GeoPoint.of(30.259, 120.130)),
                        Money.parse("6.00", CNY))
                .member(alice).line(RICE, 3).line(MILK, 2)
                .build();
        PlacedOrder placed = checkout.place(request);   // priced, routed, stock held, 满200减50 reserved
        // placed.quote(), placed.plan() (with its explanation), placed.payable(): CNY 173.60

        PlacedOrder paid = checkout.confirm(key);       // after your payment provider says yes
        // paid.pointsEarned(): 167 — on the net 167.60 the lines cost after their share of the 50.00

        checkout.fulfil(key, 0);                        // shipment 0 left the DC
        PlacedOrder back = checkout.returnLines(key, IdempotencyKey.of("rma-77"), DC, Map.of(MILK, 1));
        OrderReturn r = back.returns().get(0);          // refund: that carton's net share; its points reversed
        // end-snippet

        assertEquals(OrderStatus.PLACED, placed.status());
        assertEquals(Money.parse("173.60", CNY), placed.payable().orElseThrow());
        assertEquals(167, paid.pointsEarned());
        assertEquals(OrderStatus.FULFILLED, checkout.order(key).orElseThrow().status());
        assertTrue(r.refund().isPositive() && r.refund().isLessThan(Money.parse("12.80", CNY)));
        assertEquals(back, checkout.place(request), "the same key is the same order, returned as it stands");

        // snippet: checkout-exchange
        Exchange swap = checkout.exchange(key, IdempotencyKey.of("rma-78"), DC,
                Map.of(MILK, 1), Disposition.SELLABLE,                    // the other carton, back to the DC's shelf
                OrderRequest.builder(IdempotencyKey.of("order-2026-0001-x"), APP,
                                DeliveryMethod.ship(GeoPoint.of(30.259, 120.130)), Money.zero(CNY))
                        .member(alice).line(RICE, 1).build());            // and a bag of rice goes out instead
        Money toPay = swap.difference().orElseThrow();                    // the rice's 64.00 less the carton's refund
        checkout.confirm(swap.replacement().key());                       // once the difference is settled
        // end-snippet
        OrderReturn second = swap.returned().orElseThrow();
        assertEquals(Money.parse("64.00", CNY).minus(second.refund()), toPay);
        assertEquals(r.refund().plus(second.refund()), lineNet(placed, 1), "both cartons: the line's net");
        assertEquals(OrderStatus.CONFIRMED, checkout.order(swap.replacement().key()).orElseThrow().status());

        // snippet: checkout-counter
        Channel till = Channel.of("store-pos", ChannelKind.STORE_POS);
        IdempotencyKey sale = IdempotencyKey.of("till-3-000815");
        PlacedOrder rung = checkout.place(OrderRequest.builder(sale, till, DeliveryMethod.pickup(STORE),
                        Money.zero(CNY))
                .atCounter()                                  // this store's shelf only: no transfer, no capacity
                .member(alice).line(MILK, 2)
                .build());                                    // priced for the store, the two cartons held
        PlacedOrder sold = checkout.confirm(sale);           // paid at the till: points earned, FULFILLED
        // end-snippet

        assertEquals(OrderStatus.PLACED, rung.status());
        assertEquals(OrderStatus.FULFILLED, sold.status());
        assertEquals(8, inventory.position(MILK, STORE).onHand());
        assertEquals(25, sold.pointsEarned());
    }

    @Test
    void presale() {
        Sku PHONE = Sku.of("PHONE-X");
        clock.set(Instant.parse("2026-10-24T02:00:00Z"));
        Instant nov10 = Instant.parse("2026-11-10T02:00:00Z");
        Instant nov11 = Instant.parse("2026-11-11T16:00:00Z");
        InventoryEngine inventory = InventoryEngine.builder().clock(clock).autoRegister(true).build();
        RoutingEngine routing = RoutingEngine.builder(inventory.stockView()).clock(clock).nodes(List.of(
                FulfillmentNode.builder(DC, NodeType.DISTRIBUTION_CENTER, GeoPoint.of(30.135, 120.285), HANGZHOU)
                        .capabilities(NodeCapability.SHIP).build())).build();
        PricingEngine pricing = PricingEngine.builder().clock(clock)
                .rules(PricingRules.builder("r1", CNY).sku(PHONE, Money.parse("5999.00", CNY), "phones").build())
                .promotions(PromotionSet.of("p1", CNY, List.of(Promotion.of("1111-phone", "定金100抵200", 5,
                        new Offer.Deposit(Money.parse("100.00", CNY), Money.parse("200.00", CNY),
                                Instant.parse("2026-11-01T16:00:00Z"))))))
                .build();
        PointsLedger ledger = PointsLedger.builder().clock(clock).build();
        MemberId alice = MemberId.of("M-42");
        ledger.enrol(alice);
        inventory.registerSku(PHONE);
        Checkout checkout = Checkout.builder(inventory, routing, pricing).ledger(ledger).clock(clock).zone(HANGZHOU)
                .build();
        // snippet: checkout-presale
        inventory.expectReceipt(IdempotencyKey.of("po-1111"),
                ExpectedReceipt.purchaseOrder("PO-1111", PHONE, DC, 500, nov10));     // on its way to the DC
        PlacedOrder placed = checkout.place(OrderRequest.builder(IdempotencyKey.of("presale-7"), APP,
                        DeliveryMethod.ship(GeoPoint.of(30.259, 120.130)), Money.zero(CNY))
                .presale(nov11)                                   // must be promised by 11 November
                .member(alice).line(PHONE, 1).build());           // quoted with 定金100抵200
        Instant ready = placed.readyBy().orElseThrow();           // the PO's ETA plus handling
        checkout.payDeposit(placed.key());                        // 100.00 now; the balance is due by the offer's date
        checkout.confirm(placed.key());                           // the balance, 5,799.00
        inventory.receiveExpected(IdempotencyKey.of("grn-1111"), PHONE, DC, "PO-1111", 500);
        checkout.fulfil(placed.key(), 0);                         // ships once the delivery served it
        // end-snippet
        assertEquals(nov10.plus(java.time.Duration.ofHours(1)), ready);
        assertEquals(Money.parse("100.00", CNY), placed.deposit().orElseThrow().deposit());
        assertEquals(Money.parse("5799.00", CNY), placed.deposit().orElseThrow().balance());
        assertEquals(OrderStatus.FULFILLED, checkout.order(placed.key()).orElseThrow().status());
        assertEquals(499, inventory.position(PHONE, DC).onHand());
    }
}

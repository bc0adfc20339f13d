package io.github.omniretail.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.checkout.Checkout;
import io.github.omniretail.checkout.OrderRequest;
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
import io.github.omniretail.core.Order;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.loyalty.Balance;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.pricing.Cart;
import io.github.omniretail.pricing.CartQuote;
import io.github.omniretail.pricing.Offer;
import io.github.omniretail.pricing.PricingContext;
import io.github.omniretail.pricing.PricingEngine;
import io.github.omniretail.pricing.PricingRules;
import io.github.omniretail.pricing.Promotion;
import io.github.omniretail.pricing.PromotionSet;
import io.github.omniretail.pricing.StackingMode;
import io.github.omniretail.routing.RoutingEngine;
import io.github.omniretail.routing.RoutingResult;
import io.github.omniretail.core.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The code shown in docs/getting-started.md, compiled and run. */
class GettingStartedTest {

    // snippet: getting-started-setup
    static final Currency CNY = Currency.getInstance("CNY");
    static final ZoneId HANGZHOU = ZoneId.of("Asia/Shanghai");
    static final Sku MILK = Sku.of("MILK-1L");
    static final Sku RICE = Sku.of("RICE-5KG");
    static final Channel APP = Channel.of("app", ChannelKind.APP);

    // Production code passes Clock.systemUTC(). These examples use core's settable MutableClock so that they can
    // move time on (clock.advance(Duration.ofDays(7))); it starts at 10:00 in Hangzhou.
    MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T02:00:00Z"));
    // end-snippet

    @Test
    void firstReservation() {
        Clock clock = this.clock;
        // snippet: getting-started-inventory
        InventoryEngine inventory = InventoryEngine.builder().clock(clock).build();
        NodeId store = NodeId.of("ST-01");
        inventory.registerNode(store);
        inventory.registerSku(MILK);
        inventory.receive(IdempotencyKey.of("grn-1"), MILK, store, 10);                 // idempotent under its key

        Hold hold = inventory.hold(HoldRequest.builder(IdempotencyKey.of("cart-1"), APP, Duration.ofMinutes(15))
                .line(HoldLine.atNode(MILK, store, 2))
                .build());                                            // held for 15 minutes, or until confirmed
        inventory.confirm(IdempotencyKey.of("order-1"), hold.id());
        int atp = inventory.atp(MILK, store, APP);                    // 8 left to promise
        // end-snippet
        assertEquals(8, atp);
        assertEquals(HoldStatus.CONFIRMED, inventory.hold(hold.id()).orElseThrow().status());
    }

    @Test
    void firstRoute() {
        // snippet: getting-started-routing
        // Stock first: routing reads it from the inventory engine, which must know every stock-holding node
        // (autoRegister(true) registers SKUs and nodes on first use).
        InventoryEngine inventory = InventoryEngine.builder().clock(clock).autoRegister(true).build();
        inventory.receive(IdempotencyKey.of("g1"), MILK, NodeId.of("DC-1"), 100);
        inventory.receive(IdempotencyKey.of("g2"), MILK, NodeId.of("DS-1"), 5);

        List<FulfillmentNode> network = List.of(
                FulfillmentNode.builder(NodeId.of("DC-1"), NodeType.DISTRIBUTION_CENTER, GeoPoint.of(30.135, 120.285),
                        HANGZHOU).capabilities(NodeCapability.SHIP).build(),
                FulfillmentNode.builder(NodeId.of("DS-1"), NodeType.DARK_STORE, GeoPoint.of(30.272, 120.123),
                        HANGZHOU).capabilities(NodeCapability.SHIP).sameDay(3_000).build());
        RoutingEngine routing = RoutingEngine.builder(inventory.stockView()).clock(clock).nodes(network).build();

        Order order = Order.builder(OrderId.of("O-1"), APP, clock.instant(),
                        DeliveryMethod.sameDay(GeoPoint.of(30.259, 120.130)))
                .line(MILK, 2, Money.parse("12.80", CNY))
                .build();
        RoutingResult result = routing.route(order);   // DS-1: 1.6 km away, inside its 3 km radius
        // result.explanation().candidates(): every node considered and why it was chosen or not.
        // Routing holds nothing: the checkout holds the plan's stock (see "Your first order" below).
        // end-snippet
        assertEquals(NodeId.of("DS-1"), result.plan().orElseThrow().shipments().get(0).node());
        assertEquals(0, inventory.position(MILK, NodeId.of("DS-1")).held());
    }

    @Test
    void firstQuote() {
        // snippet: getting-started-pricing
        PricingRules rules = PricingRules.builder("2026-11-22", CNY)
                .sku(RICE, Money.parse("64.00", CNY), "grocery")
                .sku(MILK, Money.parse("12.80", CNY), "dairy")
                .build();
        Promotion fullReduction = Promotion.of("full-200-50", "满200减50", 10,
                Offer.Threshold.spend(Money.parse("200.00", CNY), Money.parse("50.00", CNY)));
        PricingEngine pricing = PricingEngine.builder().clock(clock).rules(rules)
                .promotions(PromotionSet.of("promo-1", CNY, List.of(fullReduction)))
                .build();

        Cart cart = Cart.of(Money.parse("6.00", CNY), new Cart.Line(RICE, 3), new Cart.Line(MILK, 2)); // 217.60
        CartQuote quote = pricing.quote(cart, PricingContext.of(Channel.of("app", ChannelKind.APP), HANGZHOU,
                clock.instant()),
                StackingMode.BEST_DEAL);
        Money total = quote.total();     // 217.60 − 50.00 + 6.00 shipping = 173.60
        // quote.lines(): each line's share of the 50.00, to the fen; quote.applied() and rejected(): with reasons
        // end-snippet
        assertEquals(Money.parse("173.60", CNY), total);
        assertEquals(Money.parse("50.00", CNY), quote.discount());
    }

    @Test
    void firstPoints() {
        // snippet: getting-started-loyalty
        PointsLedger ledger = PointsLedger.builder().clock(clock).build();   // 1 point per yuan, 7 days pending
        MemberId alice = MemberId.of("M-42");
        ledger.enrol(alice);
        ledger.earn(IdempotencyKey.of("pos-9001"), alice, OrderId.of("O-9001"),
                Channel.of("store-pos", ChannelKind.STORE_POS), Money.parse("173.60", CNY));
        Balance now = ledger.balance(alice);                      // pending 173: refundable for 7 days
        clock.advance(Duration.ofDays(7));
        ledger.redeem(IdempotencyKey.of("redeem-1"), alice, 100);  // idempotent under its transaction id
        Balance later = ledger.balance(alice);                    // available 73
        // end-snippet
        assertEquals(new Balance(0, 173, 0), now);
        assertEquals(new Balance(73, 0, 0), later);
    }

    @Test
    void firstOrder() {
        InventoryEngine inventory = InventoryEngine.builder().clock(clock).autoRegister(true).build();
        inventory.receive(IdempotencyKey.of("g1"), RICE, NodeId.of("DC-1"), 20);
        inventory.receive(IdempotencyKey.of("g2"), MILK, NodeId.of("DC-1"), 20);
        RoutingEngine routing = RoutingEngine.builder(inventory.stockView()).clock(clock).nodes(List.of(
                FulfillmentNode.builder(NodeId.of("DC-1"), NodeType.DISTRIBUTION_CENTER, GeoPoint.of(30.135, 120.285),
                        HANGZHOU).capabilities(NodeCapability.SHIP).build())).build();
        PricingEngine pricing = PricingEngine.builder().clock(clock).rules(PricingRules.builder("2026-11-22", CNY)
                .sku(RICE, Money.parse("64.00", CNY), "grocery").sku(MILK, Money.parse("12.80", CNY), "dairy")
                .build()).promotions(PromotionSet.of("promo-1", CNY, List.of(Promotion.of("full-200-50", "满200减50",
                        10, Offer.Threshold.spend(Money.parse("200.00", CNY),
                                Money.parse("50.00", CNY)))))).build();
        PointsLedger ledger = PointsLedger.builder().clock(clock).build();
        MemberId alice = MemberId.of("M-42");
        ledger.enrol(alice);
        // snippet: getting-started-checkout
        Checkout checkout = Checkout.builder(inventory, routing, pricing).ledger(ledger).clock(clock).build();
        IdempotencyKey key = IdempotencyKey.of("O-1001");                  // one key per order; retries reuse it
        PlacedOrder placed = checkout.place(OrderRequest.builder(key, APP,
                        DeliveryMethod.ship(GeoPoint.of(30.259, 120.130)), Money.parse("6.00", CNY))
                .member(alice).line(RICE, 3).line(MILK, 2).build());
        // priced (满200减50), routed (DC-1), stock held, promotion budget reserved: payable CNY 173.60
        checkout.confirm(key);                          // paid: stock confirmed, 167 points earned on the net
        checkout.fulfil(key, 0);                        // shipped; returnLines(..), cancel(..) and expiry too
        // end-snippet
        assertEquals(Money.parse("173.60", CNY), placed.payable().orElseThrow());
        assertEquals(167, ledger.balance(alice).pending());
        assertEquals(17, inventory.position(RICE, NodeId.of("DC-1")).onHand(), "three bags of rice left");
    }
}

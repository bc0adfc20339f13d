package io.github.omniretail.checkout;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeCapability;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.core.Sku;
import io.github.omniretail.checkout.spi.CheckoutStore;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.loyalty.AccountKind;
import io.github.omniretail.loyalty.LoyaltyRules;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.pricing.Coupon;
import io.github.omniretail.pricing.Offer;
import io.github.omniretail.pricing.PricingEngine;
import io.github.omniretail.pricing.PricingRules;
import io.github.omniretail.pricing.Promotion;
import io.github.omniretail.pricing.PromotionSet;
import io.github.omniretail.pricing.spi.PromotionLedger;
import io.github.omniretail.routing.RoutingEngine;
import io.github.omniretail.core.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A small retailer for the checkout's tests (with a gift-box kit of one tea and two milks): a DC, a dark store (6 orders a day) and a store with a till (pickup
 * only, 1 pickup order a day) in Hangzhou, three SKUs, a 满200减50 with a
 * budget, a single-use coupon, a ledger paying 1 point per yuan with a TEA bonus, and two enrolled members. The
 * engines can be wrapped (to inject faults) before the checkout is built over them.
 */
final class Shop {

    static final Currency CNY = Currency.getInstance("CNY");
    static final ZoneId HANGZHOU = ZoneId.of("Asia/Shanghai");
    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final Channel POS = Channel.of("pos", ChannelKind.STORE_POS);
    static final Sku RICE = Sku.of("RICE-5KG");
    static final Sku TEA = Sku.of("TEA-250G");
    static final Sku MILK = Sku.of("MILK-1L");
    /** A virtual kit: one tea and two milks. */
    static final Sku GIFT = Sku.of("GIFT-BOX");
    static final NodeId DC = NodeId.of("DC-1");
    static final NodeId DARK = NodeId.of("DS-1");
    static final NodeId STORE = NodeId.of("ST-1");
    static final MemberId ALICE = MemberId.of("M-ALICE");
    static final MemberId BOB = MemberId.of("M-BOB");
    static final GeoPoint HOME = GeoPoint.of(30.259, 120.130);
    static final long BUDGET_MINOR = 100_00;
    static final int DARK_CAPACITY = 6;

    /** Where a shop keeps its state: in memory here; the integration suite passes PostgreSQL stores. */
    interface Stores {
        /** @return a fresh, empty inventory store */
        InventoryStore inventory();

        /** @return a fresh, empty ledger store */
        LedgerStore ledger();

        /** @return a fresh, empty promotion ledger */
        PromotionLedger promotions();

        /** @return a fresh, empty order store */
        CheckoutStore orders();
    }

    /** Every store in memory. */
    static final Stores MEMORY = new Stores() {
        @Override
        public InventoryStore inventory() {
            return InventoryEngine.inMemoryStore();
        }

        @Override
        public LedgerStore ledger() {
            return PointsLedger.inMemoryStore();
        }

        @Override
        public PromotionLedger promotions() {
            return PromotionLedger.inMemory();
        }

        @Override
        public CheckoutStore orders() {
            return CheckoutStore.inMemory();
        }
    };

    final MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T02:00:00Z"));
    final InventoryEngine inventory;
    final RoutingEngine routing;
    final PromotionLedger promotionLedger;
    final PricingEngine pricing;
    final PointsLedger ledger;
    final CheckoutStore orders;

    Shop() {
        this(MEMORY);
    }

    Shop(Stores stores) {
        promotionLedger = stores.promotions();
        orders = stores.orders();
        inventory = InventoryEngine.builder().clock(clock).autoRegister(true).store(stores.inventory()).build();
        routing = RoutingEngine.builder(inventory.stockView()).clock(clock).nodes(List.of(
                FulfillmentNode.builder(DC, NodeType.DISTRIBUTION_CENTER, GeoPoint.of(30.135, 120.285), HANGZHOU)
                        .capabilities(NodeCapability.SHIP).build(),
                FulfillmentNode.builder(DARK, NodeType.DARK_STORE, GeoPoint.of(30.272, 120.123), HANGZHOU)
                        .capabilities(NodeCapability.SHIP).sameDay(3_000).dailyOrderCapacity(DARK_CAPACITY).build(),
                FulfillmentNode.builder(STORE, NodeType.STORE, GeoPoint.of(30.262, 120.160), HANGZHOU)
                        .capabilities(NodeCapability.PICKUP).dailyOrderCapacity(1).build()))
                .build();
        PricingRules rules = PricingRules.builder("r1", CNY)
                .sku(RICE, yuan("64.00"), "grocery")
                .sku(TEA, yuan("45.00"), "drinks")
                .sku(MILK, yuan("12.80"), "dairy")
                .sku(GIFT, yuan("66.00"), "gifts")
                .build();
        Promotion full = Promotion.of("full-200-50", "满200减50", 10, Offer.Threshold.spend(yuan("200.00"),
                yuan("50.00"))).budget(Money.ofMinor(BUDGET_MINOR, CNY));
        Promotion coupon = Promotion.of("tea-5", "5 off tea", 5, new Offer.AmountOff(yuan("5.00")))
                .coupon(Coupon.singleUse("TEA5"));
        pricing = PricingEngine.builder().clock(clock).rules(rules).promotionLedger(promotionLedger)
                .promotions(PromotionSet.of("p1", CNY, List.of(full, coupon))).build();
        ledger = PointsLedger.builder().clock(clock).store(stores.ledger())
                .rules(LoyaltyRules.standard().withSkuBonus(TEA, 2).withPendingFor(Duration.ofDays(7))).build();
        ledger.enrol(ALICE);
        ledger.enrol(BOB);
        inventory.defineKit(io.github.omniretail.inventory.Kit.of(GIFT, java.util.Map.of(TEA, 1, MILK, 2)));
        receive("r-dc-rice", RICE, DC, 20);
        receive("r-dc-tea", TEA, DC, 20);
        receive("r-dc-milk", MILK, DC, 30);
        receive("r-ds-milk", MILK, DARK, 4);
        receive("r-ds-tea", TEA, DARK, 2);
        receive("r-st-milk", MILK, STORE, 5);
        receive("r-st-tea", TEA, STORE, 2);
    }

    private void receive(String key, Sku sku, NodeId node, int units) {
        inventory.receive(IdempotencyKey.of(key), sku, node, units);
    }

    /** Gives a member spendable points: an earn, then past the return window. */
    void givePoints(MemberId member, String id, String amount) {
        ledger.earn(IdempotencyKey.of(id), member, io.github.omniretail.core.OrderId.of("old-" + id), APP,
                yuan(amount));
        clock.advance(Duration.ofDays(8));
    }

    Checkout checkout() {
        return checkout(UnaryOperator.identity());
    }

    Checkout checkout(UnaryOperator<Checkout.Builder> config) {
        return config.apply(Checkout.builder(inventory, routing, pricing).ledger(ledger).store(orders).clock(clock)
                .zone(HANGZHOU)
                .pointsWorth(100, yuan("1.00"))).build();
    }

    /** A checkout whose every engine and store call goes through {@code faults}. */
    Checkout checkout(Faults faults) {
        return Checkout.builder(faults.wrap(InventoryEngine.class, inventory), faults.wrap(RoutingEngine.class, routing),
                faults.wrap(PricingEngine.class, pricing)).ledger(faults.wrap(PointsLedger.class, ledger))
                .store(faults.wrap(orders)).clock(clock)
                .zone(HANGZHOU).pointsWorth(100, yuan("1.00")).build();
    }

    /** Sum of every member's and program account's points: zero in a double-entry ledger. */
    long ledgerSum() {
        long sum = ledger.balance(ALICE).total() + ledger.balance(BOB).total();
        for (AccountKind k : AccountKind.values()) {
            if (!k.memberAccount()) {
                sum += ledger.programBalance(k);
            }
        }
        return sum;
    }

    static Money yuan(String amount) {
        return Money.parse(amount, CNY);
    }
}

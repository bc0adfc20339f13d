package io.github.omniretail.engagement;

import io.github.omniretail.checkout.Checkout;
import io.github.omniretail.checkout.PlacedOrder;
import io.github.omniretail.engagement.spi.GroupPayments;
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
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.loyalty.AccountKind;
import io.github.omniretail.loyalty.LoyaltyRules;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.pricing.PricingEngine;
import io.github.omniretail.pricing.PricingRules;
import io.github.omniretail.pricing.PromotionSet;
import io.github.omniretail.routing.RoutingEngine;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A shop for group buying: one warehouse with {@code stock} durians, a checkout over in-memory engines whose
 * pricing has the group offer's promotion, and a payment provider that records every call and declines the
 * members it is told to.
 */
final class GroupShop {
    static final Currency CNY = Currency.getInstance("CNY");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Channel APP = Channel.of("mini", ChannelKind.MINI_PROGRAM);
    static final Sku DURIAN = Sku.of("DURIAN-3KG");
    static final NodeId DC = NodeId.of("DC-1");
    static final GeoPoint HOME = GeoPoint.of(30.259, 120.130);
    static final GroupOffer OFFER = new GroupOffer("durian-3", DURIAN, Money.parse("99.00", CNY), 3,
            Duration.ofHours(24), 2, "PT-DURIAN");

    /** A payment provider that records authorisations, captures and releases per order. */
    static final class Payments implements GroupPayments {
        final Set<MemberId> declineAuthorisation = ConcurrentHashMap.newKeySet();
        final Set<MemberId> declineCapture = ConcurrentHashMap.newKeySet();
        final Map<OrderId, AtomicInteger> captures = new ConcurrentHashMap<>();
        final Map<OrderId, AtomicInteger> releases = new ConcurrentHashMap<>();
        final Map<OrderId, Money> authorised = new ConcurrentHashMap<>();

        @Override
        public boolean authorise(PlacedOrder order) {
            if (declineAuthorisation.contains(order.request().member().orElseThrow())) {
                return false;
            }
            authorised.put(order.orderId(), order.payable().orElseThrow());
            return true;
        }

        @Override
        public boolean capture(PlacedOrder order) {
            if (releases.containsKey(order.orderId())) {
                throw new AssertionError("capture after release of " + order.orderId());
            }
            if (declineCapture.contains(order.request().member().orElseThrow())) {
                return false;
            }
            captures.computeIfAbsent(order.orderId(), k -> new AtomicInteger()).incrementAndGet();
            return true;
        }

        @Override
        public void release(PlacedOrder order) {
            releases.computeIfAbsent(order.orderId(), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    final MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T02:00:00Z"));
    final InventoryEngine inventory = InventoryEngine.builder().clock(clock).autoRegister(true).build();
    final Payments payments = new Payments();
    final PointsLedger ledger = PointsLedger.builder().clock(clock)
            .rules(LoyaltyRules.standard().withPendingFor(Duration.ofDays(7))).build();
    final Checkout checkout;
    final GroupBuying groups;

    GroupShop(int stock) {
        RoutingEngine routing = RoutingEngine.builder(inventory.stockView()).clock(clock).nodes(List.of(
                FulfillmentNode.builder(DC, NodeType.DISTRIBUTION_CENTER, GeoPoint.of(30.135, 120.285), SHANGHAI)
                        .capabilities(NodeCapability.SHIP).build())).build();
        PricingEngine pricing = PricingEngine.builder().clock(clock)
                .rules(PricingRules.builder("r1", CNY).sku(DURIAN, Money.parse("159.00", CNY), "fruit").build())
                .promotions(PromotionSet.of("p1", CNY, List.of(OFFER.promotion(10)))).build();
        checkout = Checkout.builder(inventory, routing, pricing).ledger(ledger).clock(clock).zone(SHANGHAI)
                .paymentWindow(Duration.ofHours(48)).build();
        groups = GroupBuying.builder(checkout, payments, clock).offer(OFFER).build();
        for (int i = 0; i < 10; i++) {
            ledger.enrol(MemberId.of("M-" + i));
        }
        inventory.registerSku(DURIAN);
        inventory.registerNode(DC);
        if (stock > 0) {
            inventory.receive(IdempotencyKey.of("receipt"), DURIAN, DC, stock);
        }
    }

    static GroupJoin join(String key, String member, int units) {
        return new GroupJoin(IdempotencyKey.of(key), MemberId.of(member), APP, DeliveryMethod.ship(HOME),
                Money.parse("0.00", CNY), units);
    }

    /** Units held or confirmed at the warehouse (on hand minus what is still free). */
    int committed() {
        var p = inventory.position(DURIAN, DC);
        return p.held();
    }

    /** The points of these members and of every program account: zero in a double-entry ledger. */
    long ledgerSum(MemberId... members) {
        long sum = 0;
        for (MemberId m : members) {
            sum += ledger.balance(m).total();
        }
        for (AccountKind k : AccountKind.values()) {
            sum += k.memberAccount() ? 0 : ledger.programBalance(k);
        }
        return sum;
    }
}

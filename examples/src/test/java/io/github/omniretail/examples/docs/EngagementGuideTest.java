package io.github.omniretail.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.github.omniretail.engagement.Action;
import io.github.omniretail.engagement.Audience;
import io.github.omniretail.engagement.Decision;
import io.github.omniretail.engagement.GeoFence;
import io.github.omniretail.engagement.Group;
import io.github.omniretail.engagement.GroupBuying;
import io.github.omniretail.engagement.GroupJoin;
import io.github.omniretail.engagement.GroupOffer;
import io.github.omniretail.engagement.LocationOffers;
import io.github.omniretail.engagement.MemberFacts;
import io.github.omniretail.engagement.NodeOffer;
import io.github.omniretail.engagement.Referrals;
import io.github.omniretail.engagement.Treatment;
import io.github.omniretail.engagement.Treatments;
import io.github.omniretail.engagement.Uplift;
import io.github.omniretail.engagement.spi.GroupPayments;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.loyalty.ConsentRegistry;
import io.github.omniretail.loyalty.LoyaltyRules;
import io.github.omniretail.loyalty.MarketingChannel;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.spi.ConsentStore;
import io.github.omniretail.pricing.ExperimentLog;
import io.github.omniretail.pricing.PricingEngine;
import io.github.omniretail.pricing.PricingRules;
import io.github.omniretail.pricing.PromotionSet;
import io.github.omniretail.routing.RoutingEngine;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The code shown in docs/engagement.md, compiled and run. */
class EngagementGuideTest {
    static final Currency CNY = Currency.getInstance("CNY");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    final MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T02:00:00Z"));
    final Channel mini = Channel.of("wechat-mini", ChannelKind.MINI_PROGRAM);
    final Sku durian = Sku.of("DURIAN-3KG");
    final NodeId dc = NodeId.of("DC-1");
    final NodeId westLake = NodeId.of("ST-WL");
    final GeoPoint home = GeoPoint.of(30.259, 120.130);
    final InventoryEngine inventory = InventoryEngine.builder().clock(clock).autoRegister(true).build();
    final PointsLedger ledger = PointsLedger.builder().clock(clock).rules(LoyaltyRules.standard()).build();

    static Money yuan(String amount) {
        return Money.parse(amount, CNY);
    }

    @Test
    void treatments() {
        ConsentRegistry consents = ConsentRegistry.of(ConsentStore.inMemory(), clock);
        for (int i = 0; i < 2_000; i++) {
            consents.grant(MemberId.of("M-" + i), MarketingChannel.SMS, "app:settings");
        }
        List<MemberFacts> scored = new java.util.ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            scored.add(new MemberFacts(MemberId.of("M-" + i), Set.of(i % 2 == 0 ? "沉睡" : "高价值"),
                    Optional.of("silver"), OptionalLong.of(i % 2 == 0 ? 150 : 12)));
        }
        // snippet: engagement-treatments
        Treatment winback = Treatment.builder("winback-dormant")
                .audience(Audience.segments("沉睡").lastBoughtBetween(90, 365))   // RFM segment and recency
                .arm("coupon-20", new Action.Coupon("WB20", yuan("20.00")))       // two experiment arms…
                .arm("sms-only", new Action.Message("winback.v3", yuan("0.05")))
                .holdout(BasisPoints.of(1_000), "winback-2026-12")                  // …and 10 % who get nothing
                .reach(MarketingChannel.SMS, yuan("5000.00"))                       // consent needed; ¥5,000 budget
                .frequencyCap(1, Duration.ofDays(30))
                .quietHours(LocalTime.of(21, 0), LocalTime.of(9, 0), SHANGHAI)
                .build();
        ExperimentLog log = new ExperimentLog(CNY);
        Treatments treatments = Treatments.builder().treatment(winback).consents(consents).experimentLog(log)
                .clock(clock).build();

        List<Decision> tonight = treatments.evaluateAll(scored);        // after the nightly RFM scoring
        for (Decision d : tonight) {
            if (d.outcome() == Decision.Outcome.GRANTED) {
                // send d.action() to d.member() at d.deliverAt(): now, or when the quiet hours end
            }
        }
        // later, as members buy:
        treatments.converted(MemberId.of("M-42"), yuan("88.00"));
        List<Uplift> uplift = treatments.uplift("winback-dormant");     // each arm against the holdout
        // end-snippet
        assertEquals(1_000, tonight.size(), "the dormant half");
        long granted = tonight.stream().filter(d -> d.outcome() == Decision.Outcome.GRANTED).count();
        long overBudget = tonight.stream().filter(d -> d.outcome() == Decision.Outcome.BUDGET_EXHAUSTED).count();
        assertTrue(granted + overBudget > 800 && granted + overBudget < 960, "about 90 % treated: " + granted);
        assertTrue(overBudget > 0, "¥20 coupons for ~450 members exceed ¥5,000");
        assertTrue(treatments.spent("winback-dormant").compareTo(yuan("5000.00")) <= 0);
        assertEquals(2, uplift.size());
        assertTrue(uplift.get(0).holdoutMembers() > 60, uplift.toString());
    }

    @Test
    void locationOffers() {
        ConsentRegistry consents = ConsentRegistry.of(ConsentStore.inMemory(), clock);
        MemberId member = MemberId.of("M-7");
        consents.grant(member, MarketingChannel.LOCATION, "app:permission-dialog");
        inventory.receive(IdempotencyKey.of("r1"), durian, westLake, 5);
        // snippet: engagement-lbs
        NodeOffer coffee = new NodeOffer("wl-coffee-2nd-half", westLake,
                new GeoFence.Circle(GeoPoint.of(30.2590, 120.1300), 500),       // 500 m around the store
                SHANGHAI, Optional.empty(), Set.of(),                            // any member
                LocalTime.of(22, 0), LocalTime.of(8, 0), 2);                     // quiet 22–08, twice a day at most
        NodeOffer durianDeal = new NodeOffer("wl-durian-vip", westLake,
                new GeoFence.Polygon(List.of(GeoPoint.of(30.250, 120.120), GeoPoint.of(30.250, 120.140),
                        GeoPoint.of(30.268, 120.140), GeoPoint.of(30.268, 120.120))),   // the West Lake block
                SHANGHAI, Optional.of(durian), Set.of("高价值"),                 // only while in stock there
                LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, 1);
        LocationOffers offers = LocationOffers.builder()
                .offers(List.of(coffee, durianDeal))                             // 10,000 stores are fine
                .consents(consents)                                              // MarketingChannel.LOCATION
                .segments(m -> Set.of("高价值"))                                  // your segment lookup
                .stock(inventory.stockView(), mini)
                .expectedDeliveries(1_000_000)                                   // cap counters sized for a day
                .clock(clock)
                .build();

        List<NodeOffer> now = offers.eligible(member, GeoPoint.of(30.2601, 120.1312));   // a ping
        // daily, after midnight: offers.forgetPastDays();
        // end-snippet
        assertEquals(List.of(coffee, durianDeal), now);
        assertEquals(List.of(coffee), offers.eligible(member, GeoPoint.of(30.2601, 120.1312)), "caps");
        assertEquals(List.of(), offers.eligible(MemberId.of("M-8"), GeoPoint.of(30.2601, 120.1312)), "no consent");
    }

    Checkout checkout(GroupOffer offer) {
        RoutingEngine routing = RoutingEngine.builder(inventory.stockView()).clock(clock).nodes(List.of(
                FulfillmentNode.builder(dc, NodeType.DISTRIBUTION_CENTER, GeoPoint.of(30.135, 120.285), SHANGHAI)
                        .capabilities(NodeCapability.SHIP).build())).build();
        PricingEngine pricing = PricingEngine.builder().clock(clock)
                .rules(PricingRules.builder("r1", CNY).sku(durian, yuan("159.00"), "fruit").build())
                .promotions(PromotionSet.of("p1", CNY, List.of(offer.promotion(10)))).build();
        return Checkout.builder(inventory, routing, pricing).ledger(ledger).clock(clock).zone(SHANGHAI)
                .paymentWindow(Duration.ofHours(48)).build();
    }

    static final class Payments implements GroupPayments {
        int captured;

        @Override
        public boolean authorise(PlacedOrder order) {
            return true;
        }

        @Override
        public boolean capture(PlacedOrder order) {
            captured++;
            return true;
        }

        @Override
        public void release(PlacedOrder order) {
        }
    }

    @Test
    void groupBuying() {
        inventory.receive(IdempotencyKey.of("r1"), durian, dc, 30);
        for (String m : List.of("M-1", "M-2", "M-3")) {
            ledger.enrol(MemberId.of(m));
        }
        Payments payments = new Payments();
        // snippet: engagement-group
        GroupOffer offer = new GroupOffer("durian-3", durian, yuan("99.00"), 3, Duration.ofHours(24), 2,
                "PT-DURIAN");                                    // 3 people in 24 h pay ¥99 instead of ¥159
        // pricing gets the group price as a promotion behind the offer's coupon: offer.promotion(priority)
        Checkout checkout = checkout(offer);
        GroupBuying groups = GroupBuying.builder(checkout, payments, clock).offer(offer).build();

        GroupBuying.JoinResult opened = groups.open("durian-3", new GroupJoin(IdempotencyKey.of("join-1"),
                MemberId.of("M-1"), mini, DeliveryMethod.ship(home), yuan("0.00"), 1));  // stock held now
        String group = opened.group().id();
        groups.join(group, new GroupJoin(IdempotencyKey.of("join-2"), MemberId.of("M-2"), mini,
                DeliveryMethod.ship(home), yuan("0.00"), 2));
        GroupBuying.JoinResult third = groups.join(group, new GroupJoin(IdempotencyKey.of("join-3"),
                MemberId.of("M-3"), mini, DeliveryMethod.ship(home), yuan("0.00"), 1));
        // third.group().status() == SUCCEEDED: each payment captured once, each order confirmed
        // periodically: groups.expireDue() fails groups not full in time, releasing stock and payments
        // end-snippet
        assertEquals(Group.Status.SUCCEEDED, third.group().status());
        assertEquals(3, payments.captured);
        assertEquals(4, inventory.position(durian, dc).held());
    }

    @Test
    void referrals() {
        inventory.receive(IdempotencyKey.of("r1"), durian, dc, 30);
        GroupOffer offer = new GroupOffer("durian-3", durian, yuan("99.00"), 3, Duration.ofHours(24), 2, "PT");
        Checkout checkout = checkout(offer);
        MemberId ann = MemberId.of("M-ANN");
        MemberId ben = MemberId.of("M-BEN");
        ledger.enrol(ann);
        ledger.enrol(ben);
        checkout.place(OrderRequest.builder(IdempotencyKey.of("o-ben-1"), mini, DeliveryMethod.ship(home),
                yuan("0.00")).member(ben).line(durian, 1).build());
        // snippet: engagement-referral
        Referrals referrals = Referrals.builder(ledger, clock)
                .rewardRate(BasisPoints.of(1_000))          // points on 10 % of the referred first order
                .returnWindow(Duration.ofDays(7))           // = the ledger's pending period
                .maxRewardsPerReferrer(50)
                .boughtBefore(m -> false)                   // e.g. PurchaseHistory: only new members count
                .build();
        referrals.refer(ann, ben, "share-link:wechat");     // self-referrals and cycles are refused

        PlacedOrder first = checkout.confirm(IdempotencyKey.of("o-ben-1"));
        referrals.confirmed(first);                         // ann: pending points, not yet spendable
        // if ben returns it within 7 days: referrals.returned(order, order.returns().get(0)) claws them back
        // end-snippet
        assertEquals(15, ledger.balance(ann).pending(), "10 % of ¥159 → ¥15.90 → 15 points, pending");
    }
}

package io.github.omniretail.engagement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.checkout.OrderRequest;
import io.github.omniretail.checkout.PlacedOrder;
import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.loyalty.Balance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pending points for a referred member's first order, clawed back by a return inside the window; links refused. */
class ReferralsTest {
    static final MemberId ANN = MemberId.of("M-ANN");
    static final MemberId BEN = MemberId.of("M-BEN");
    static final MemberId CAI = MemberId.of("M-CAI");
    static final MemberId DOU = MemberId.of("M-DOU");

    final GroupShop shop = new GroupShop(20);

    ReferralsTest() {
        for (MemberId m : List.of(ANN, BEN, CAI, DOU)) {
            shop.ledger.enrol(m);
        }
    }

    PlacedOrder buy(String key, MemberId member, int units) {
        shop.checkout.place(OrderRequest.builder(IdempotencyKey.of(key), GroupShop.APP,
                DeliveryMethod.ship(GroupShop.HOME), Money.parse("0.00", GroupShop.CNY)).member(member)
                .line(GroupShop.DURIAN, units).build());
        return shop.checkout.confirm(IdempotencyKey.of(key));
    }

    PlacedOrder returnAll(String key, String returnKey, int units) {
        shop.checkout.fulfil(IdempotencyKey.of(key), 0);
        return shop.checkout.returnLines(IdempotencyKey.of(key), IdempotencyKey.of(returnKey), GroupShop.DC,
                Map.of(GroupShop.DURIAN, units));
    }

    @Test
    void aReturnInsideTheWindowClawsTheRewardBack() {
        Referrals referrals = Referrals.builder(shop.ledger, shop.clock).rewardRate(BasisPoints.of(1_000)).build();
        referrals.refer(ANN, BEN, "share-link:wechat");
        PlacedOrder first = buy("o-ben-1", BEN, 2); // ¥318 paid
        Referrals.Reward reward = referrals.confirmed(first).orElseThrow();
        assertEquals(Money.parse("31.80", GroupShop.CNY), reward.base());
        assertEquals(new Balance(0, 31, 0), shop.ledger.balance(ANN), "31 points pending on ¥31.80");
        assertEquals(Optional.of(reward), referrals.confirmed(first), "idempotent");
        assertEquals(new Balance(0, 31, 0), shop.ledger.balance(ANN));
        assertEquals(Optional.empty(), referrals.confirmed(buy("o-ben-2", BEN, 1)), "only the first order");

        shop.clock.advance(Duration.ofDays(3));
        PlacedOrder back = returnAll("o-ben-1", "r-ben-1", 2);
        assertTrue(referrals.returned(back, back.returns().get(0)).isPresent());
        assertEquals(0, shop.ledger.balance(ANN).total(), "clawed back");
        assertEquals(Optional.empty(), referrals.returned(back, back.returns().get(0)), "idempotent");
        assertEquals(Money.parse("31.80", GroupShop.CNY), referrals.rewards(ANN).get(0).clawedBack());
        assertEquals(0, shop.ledgerSum(ANN, BEN, CAI, DOU));
    }

    @Test
    void aReturnAfterTheWindowLeavesTheRewardAndItMatures() {
        Referrals referrals = Referrals.builder(shop.ledger, shop.clock).returnWindow(Duration.ofDays(7)).build();
        referrals.refer(ANN, CAI, "poster:ST-1");
        referrals.confirmed(buy("o-cai-1", CAI, 1)); // ¥159 → ¥15.90 → 15 points
        shop.clock.advance(Duration.ofDays(8));
        PlacedOrder back = returnAll("o-cai-1", "r-cai-1", 1);
        assertEquals(Optional.empty(), referrals.returned(back, back.returns().get(0)));
        assertEquals(new Balance(15, 0, 0), shop.ledger.balance(ANN), "kept, and available after 7 days");
        assertEquals(0, shop.ledgerSum(ANN, BEN, CAI, DOU));
    }

    @Test
    void selfReferralsCyclesSecondReferrersAndOldCustomersAreRefused() {
        Referrals referrals = Referrals.builder(shop.ledger, shop.clock).boughtBefore(Set.of(DOU)::contains).build();
        referrals.refer(ANN, BEN, "link");
        referrals.refer(BEN, CAI, "link");
        assertEquals(ReferralRefusedException.Reason.SELF_REFERRAL,
                assertThrows(ReferralRefusedException.class, () -> referrals.refer(ANN, ANN, "link")).reason());
        ReferralRefusedException cycle = assertThrows(ReferralRefusedException.class,
                () -> referrals.refer(CAI, ANN, "link"));
        assertEquals(ReferralRefusedException.Reason.CYCLE, cycle.reason());
        assertEquals("M-CAI cannot refer M-ANN: CYCLE (chain [M-CAI, M-BEN, M-ANN])", cycle.getMessage());
        assertEquals(ReferralRefusedException.Reason.ALREADY_REFERRED,
                assertThrows(ReferralRefusedException.class, () -> referrals.refer(CAI, BEN, "link")).reason());
        assertEquals(ANN, referrals.refer(ANN, BEN, "link").referrer(), "the same link again is fine");
        assertEquals(ReferralRefusedException.Reason.NOT_NEW,
                assertThrows(ReferralRefusedException.class, () -> referrals.refer(ANN, DOU, "link")).reason());
        assertEquals(Optional.empty(), referrals.referrerOf(DOU), "nothing recorded");
    }

    @Test
    void referrersAreCapped() {
        Referrals referrals = Referrals.builder(shop.ledger, shop.clock).maxRewardsPerReferrer(1).build();
        referrals.refer(ANN, BEN, "link");
        referrals.refer(ANN, CAI, "link");
        assertTrue(referrals.confirmed(buy("o-ben", BEN, 1)).isPresent());
        assertEquals(Optional.empty(), referrals.confirmed(buy("o-cai", CAI, 1)), "capped at one reward");
        assertEquals(1, referrals.rewards(ANN).size());
    }
}

package io.github.omniretail.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.pricing.spi.PromotionLedger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Eligibility and coupons explain their own refusals, naming the rule and what they saw. */
class EligibilityTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOON = Instant.parse("2026-12-01T04:00:00Z");
    private static final PricingContext APP = PricingContext.of(Channel.of("app", ChannelKind.APP), SHANGHAI, NOON);

    private static Optional<String> refusal(Eligibility e, PricingContext context, int units) {
        return e.refusal(context, Optional.empty(), Map.of(), units);
    }

    @Test
    void eachRuleRefusesWithWhatItSaw() {
        assertEquals(Optional.empty(), refusal(Eligibility.everyone(), APP, 1));
        assertEquals(Optional.of("not on channel app (runs on [tmall])"),
                refusal(Eligibility.everyone().channels(ChannelId.of("tmall")), APP, 1));
        assertEquals(Optional.of("not at an unknown node (runs at [S1])"),
                refusal(Eligibility.everyone().nodes(NodeId.of("S1")), APP, 1));
        assertEquals(Optional.of("for member tiers [gold] only (no member tier)"),
                refusal(Eligibility.everyone().tiers("gold"), APP, 1));
        assertEquals(Optional.of("for a customer's first order only"),
                refusal(Eligibility.everyone().forNewCustomersOnly(), APP, 1));
        assertEquals(Optional.of("runs 2026-12-01T18:00 to 2026-12-01T22:00 Asia/Shanghai (local now "
                + "2026-12-01T12:00)"),
                refusal(Eligibility.everyone().during(LocalDateTime.of(2026, 12, 1, 18, 0),
                        LocalDateTime.of(2026, 12, 1, 22, 0)), APP, 1));
        assertEquals(Optional.of("no target items in the cart"), refusal(Eligibility.everyone(), APP, 0));
        assertEquals(Optional.of("needs 3 target units, cart has 2"),
                refusal(Eligibility.everyone().minimumQuantity(3), APP, 2));
    }

    @Test
    void theChannelIsCheckedBeforeTheTimeWindow() {
        Eligibility both = Eligibility.everyone().channels(ChannelId.of("tmall")).during(
                LocalDateTime.of(2026, 12, 1, 18, 0), LocalDateTime.of(2026, 12, 1, 22, 0));
        assertEquals(Optional.of("not on channel app (runs on [tmall])"), refusal(both, APP, 1));
    }

    @Test
    void aCouponExplainsWhyItDoesNotApply() {
        Coupon coupon = Coupon.singleUse("TEA5");
        PromotionLedger ledger = PromotionLedger.inMemory();
        assertEquals(Optional.of("needs coupon TEA5"), coupon.refusal(Set.of(), APP, ledger));
        assertEquals(Optional.empty(), coupon.refusal(Set.of("TEA5"), APP, ledger));
        ledger.redeem(io.github.omniretail.core.IdempotencyKey.of("o-1"), List.of(new PromotionLedger.Redemption(
                "p", 100, Optional.empty(), Optional.of("TEA5"), Optional.of(1), Optional.empty())),
                Optional.of(MemberId.of("M-1")));
        assertEquals(Optional.of("coupon TEA5 is used up (1 uses)"), coupon.refusal(Set.of("TEA5"), APP, ledger));
    }
}

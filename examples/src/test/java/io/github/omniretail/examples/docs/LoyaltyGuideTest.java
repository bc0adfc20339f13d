package io.github.omniretail.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.loyalty.Balance;
import io.github.omniretail.loyalty.ExpiryPolicy;
import io.github.omniretail.loyalty.LedgerEntry;
import io.github.omniretail.loyalty.Lot;
import io.github.omniretail.loyalty.LoyaltyRules;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.core.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The code shown in docs/loyalty.md, compiled and run. */
class LoyaltyGuideTest {

    @Test
    void earnRedeemRefund() {
        MutableClock clock = MutableClock.at(Instant.parse("2026-11-22T02:00:00Z"));
        Currency cny = Currency.getInstance("CNY");
        MemberId alice = MemberId.of("M-000042");
        // snippet: loyalty-ledger
        PointsLedger ledger = PointsLedger.builder()
                .clock(clock)
                .rules(LoyaltyRules.standard())     // 1 point per yuan, 7 days pending, 365-day expiry
                .build();
        ledger.enrol(alice);
        LedgerEntry earned = ledger.earn(IdempotencyKey.of("pos-9001"), alice, OrderId.of("O-9001"),
                Channel.of("store-pos", ChannelKind.STORE_POS), Money.parse("128.50", cny));   // 128 pending
        clock.advance(Duration.ofDays(7));                                                   // 128 available
        LedgerEntry hold = ledger.hold(IdempotencyKey.of("cart-17"), alice, 100, Duration.ofMinutes(15));
        ledger.post(IdempotencyKey.of("order-17"), hold.id(), 80);         // 80 redeemed, 20 back in their lot
        ledger.refund(IdempotencyKey.of("rma-3"), earned.id(), Money.parse("64.25", cny)); // 64 reversed
        Balance balance = ledger.balance(alice);                          // available 48 − 64 = −16, clawed back
        // end-snippet
        assertEquals(new Balance(-16, 0, 0), balance);
        assertEquals(balance, ledger.rebuild(alice));
    }

    @Test
    void expiryPolicies() {
        MutableClock clock = MutableClock.at(Instant.parse("2026-05-20T04:00:00Z"));
        MemberId alice = MemberId.of("M-000042");
        // snippet: loyalty-expiry
        ExpiryPolicy expiry = ExpiryPolicy.perTier(
                Map.of("GOLD", ExpiryPolicy.endOfYear(2, ZoneId.of("Asia/Shanghai"))),  // gold: end of the year after next
                ExpiryPolicy.endOfYear(1, ZoneId.of("Asia/Shanghai")));                 // others: end of next year
        PointsLedger ledger = PointsLedger.builder()
                .clock(clock)
                .rules(LoyaltyRules.standard().withExpiry(expiry))
                .build();
        ledger.enrol(alice);
        ledger.earn(IdempotencyKey.of("app-1"), alice, OrderId.of("O-1"), Channel.of("app", ChannelKind.APP),
                Money.parse("88.00", Currency.getInstance("CNY")));
        Lot lot = ledger.lots(alice).get(0);     // 88 points, expire 2028-01-01T00:00+08:00
        // end-snippet
        assertEquals(88, lot.points());
        assertEquals(Instant.parse("2027-12-31T16:00:00Z"), lot.expiresAt());
    }
}

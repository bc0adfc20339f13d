package io.github.omniretail.testkit.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.loyalty.AccountKind;
import io.github.omniretail.loyalty.Balance;
import io.github.omniretail.loyalty.ExpiryPolicy;
import io.github.omniretail.loyalty.InsufficientPointsException;
import io.github.omniretail.loyalty.LedgerEntry;
import io.github.omniretail.loyalty.Lot;
import io.github.omniretail.loyalty.LoyaltyRules;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.Tier;
import io.github.omniretail.loyalty.TierPolicy;
import io.github.omniretail.core.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The expiry contract of a points ledger: end-of-period expiry in the program zone, longer terms per tier,
 * inactivity expiry pushed back by activity, and validation against the return window.
 */
public abstract class ExpiryContract extends LedgerStoreFixture {

    /** For subclasses. */
    protected ExpiryContract() {
    }

    static final Currency CNY = Currency.getInstance("CNY");
    static final MemberId ALICE = MemberId.of("M-ALICE");
    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Tier MEMBER = new Tier("MEMBER", 0, BasisPoints.HUNDRED_PERCENT, "member");
    static final Tier GOLD = new Tier("GOLD", 1_000, BasisPoints.HUNDRED_PERCENT, "gold");

    int ids;

    LedgerEntry earn(PointsLedger ledger, String yuan) {
        ids++;
        return ledger.earn(IdempotencyKey.of("t" + ids), ALICE, OrderId.of("O" + ids), APP, Money.parse(yuan, CNY));
    }

    @Test
    void endOfNextYearIsTheSameDateForEveryLotEarnedInAYearLocalToTheZone() {
        // 2026-12-31T17:00Z is already 2027-01-01 01:00 in Shanghai: that lot belongs to 2027
        MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T04:00:00Z"));
        PointsLedger ledger = builder().clock(clock)
                .rules(LoyaltyRules.standard().withExpiry(ExpiryPolicy.endOfYear(1, SHANGHAI))).build();
        ledger.enrol(ALICE);
        earn(ledger, "100.00");
        clock.set(Instant.parse("2026-12-31T15:00:00Z")); // 23:00 in Shanghai
        earn(ledger, "20.00");
        clock.set(Instant.parse("2026-12-31T17:00:00Z"));
        earn(ledger, "3.00");
        Instant end2027 = Instant.parse("2027-12-31T16:00:00Z"); // 2028-01-01T00:00+08:00
        Instant end2028 = Instant.parse("2028-12-31T16:00:00Z");
        List<Lot> lots = ledger.lots(ALICE);
        assertEquals(List.of(end2027, end2027, end2028), lots.stream().map(Lot::expiresAt).toList());

        clock.set(end2027.minusMillis(1));
        assertEquals(123, ledger.balance(ALICE).available());
        clock.set(end2027);
        assertEquals(3, ledger.balance(ALICE).available()); // expired before any sweep
        assertEquals(120, ledger.programBalance(AccountKind.BREAKAGE));
        assertEquals(123, ledger.balanceAsOf(ALICE, end2027.minusSeconds(1)).available());
    }

    @Test
    void tiersCanKeepPointsLonger() {
        MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
        ExpiryPolicy policy = ExpiryPolicy.perTier(Map.of("GOLD", ExpiryPolicy.rolling(Duration.ofDays(730))),
                ExpiryPolicy.rolling(Duration.ofDays(365)));
        PointsLedger ledger = builder().clock(clock)
                .rules(LoyaltyRules.standard().withPendingFor(Duration.ZERO).withExpiry(policy))
                .tiers(new TierPolicy(List.of(MEMBER, GOLD), Duration.ofDays(365), Duration.ofDays(30))).build();
        ledger.enrol(ALICE);
        earn(ledger, "1000.00"); // earned as MEMBER, upgrades to GOLD afterwards
        assertEquals(GOLD, ledger.tier(ALICE));
        earn(ledger, "10.00"); // earned as GOLD
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(List.of(t0.plus(Duration.ofDays(365)), t0.plus(Duration.ofDays(730))),
                ledger.lots(ALICE).stream().map(Lot::expiresAt).toList());
        clock.advance(Duration.ofDays(400));
        assertEquals(10, ledger.balance(ALICE).available());
        assertEquals(ledger.balance(ALICE), ledger.rebuild(ALICE));
    }

    @Test
    void policiesAreValidatedAgainstTheReturnWindow() {
        assertThrows(IllegalArgumentException.class, () -> ExpiryPolicy.rolling(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> ExpiryPolicy.endOfYear(0, SHANGHAI));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoyaltyRules.standard().withExpiry(ExpiryPolicy.perTier(
                        Map.of("GOLD", ExpiryPolicy.rolling(Duration.ofDays(3))), ExpiryPolicy.rolling(Duration.ofDays(365)))));
        assertTrue(e.getMessage().contains("PT72H"), e.getMessage());
        assertEquals(Duration.ofDays(365), ExpiryPolicy.endOfYear(1, SHANGHAI).shortestLifetime());
    }

    @Test
    void inactivityExpiresEveryPointAndActivityPushesTheDeadline() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        MutableClock clock = MutableClock.at(t0);
        ExpiryPolicy policy = ExpiryPolicy.afterInactivity(Duration.ofDays(180), ExpiryPolicy.rolling(Duration.ofDays(730)));
        PointsLedger ledger = builder().clock(clock).rules(LoyaltyRules.standard().withExpiry(policy)).build();
        ledger.enrol(ALICE);
        earn(ledger, "100.00");
        clock.advance(Duration.ofDays(150));
        ledger.redeem(IdempotencyKey.of("r1"), ALICE, 10); // activity at day 150: deadline moves to day 330
        Instant deadline = t0.plus(Duration.ofDays(330));
        assertEquals(List.of(deadline), ledger.lots(ALICE).stream().map(Lot::expiresAt).toList());
        clock.advance(Duration.ofDays(100));
        assertEquals(90, ledger.expiringWithin(ALICE, Duration.ofDays(80)));
        assertEquals(0, ledger.expiringWithin(ALICE, Duration.ofDays(79)));
        assertEquals(90, ledger.balance(ALICE).available());

        clock.set(deadline);
        assertEquals(new Balance(0, 0, 0), ledger.balance(ALICE)); // expired before any sweep
        assertEquals(90, ledger.programBalance(AccountKind.BREAKAGE));
        assertEquals(90, ledger.balanceAsOf(ALICE, deadline.minusMillis(1)).available());
        assertEquals(ledger.balance(ALICE), ledger.rebuild(ALICE));
        assertThrows(InsufficientPointsException.class, () -> ledger.redeem(IdempotencyKey.of("r2"), ALICE, 1));

        earn(ledger, "5.00"); // earning again starts a new deadline; old points stay expired
        clock.advance(Duration.ofDays(7));
        assertEquals(5, ledger.balance(ALICE).available());
        assertEquals(List.of(deadline.plus(Duration.ofDays(180))),
                ledger.lots(ALICE).stream().map(Lot::expiresAt).toList());
    }

    @Test
    void inactivityLimitShorterThanTheReturnWindowIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoyaltyRules.standard()
                .withExpiry(ExpiryPolicy.afterInactivity(Duration.ofDays(5), ExpiryPolicy.rolling(Duration.ofDays(365)))));
        assertTrue(e.getMessage().contains("PT120H"), e.getMessage());
    }
}

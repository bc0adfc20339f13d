package io.github.omniretail.testkit.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.loyalty.AccountKind;
import io.github.omniretail.loyalty.Balance;
import io.github.omniretail.loyalty.EntryType;
import io.github.omniretail.loyalty.LedgerEntry;
import io.github.omniretail.loyalty.LedgerStateException;
import io.github.omniretail.loyalty.LoyaltyRules;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.Tier;
import io.github.omniretail.loyalty.TierPolicy;
import io.github.omniretail.core.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The member-merge contract of a points ledger: lots keep their expiry and later refunds still work; a member with open
 * holds cannot be merged away.
 */
public abstract class MergeContract extends LedgerStoreFixture {

    /** For subclasses. */
    protected MergeContract() {
    }

    static final Currency CNY = Currency.getInstance("CNY");
    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final MemberId APP_ACCOUNT = MemberId.of("M-APP");
    static final MemberId STORE_CARD = MemberId.of("M-CARD");

    @Test
    void mergingKeepsLotsWithTheirExpiryAndRefundsStillWork() {
        MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
        PointsLedger ledger = builder().clock(clock)
                .tiers(new TierPolicy(List.of(new Tier("MEMBER", 0, BasisPoints.HUNDRED_PERCENT, "m"),
                        new Tier("SILVER", 500, BasisPoints.HUNDRED_PERCENT, "s")), Duration.ofDays(365), Duration.ZERO))
                .build();
        ledger.enrol(APP_ACCOUNT);
        ledger.enrol(STORE_CARD);
        ledger.earn(IdempotencyKey.of("e1"), APP_ACCOUNT, OrderId.of("O1"), APP, Money.parse("300.00", CNY));
        clock.advance(Duration.ofDays(100));
        LedgerEntry cardEarn = ledger.earn(IdempotencyKey.of("e2"), STORE_CARD, OrderId.of("O2"), APP,
                Money.parse("250.00", CNY));
        clock.advance(Duration.ofDays(3)); // the card's points are still pending
        LedgerEntry merge = ledger.merge(IdempotencyKey.of("m1"), STORE_CARD, APP_ACCOUNT);
        assertEquals(merge, ledger.merge(IdempotencyKey.of("m1"), STORE_CARD, APP_ACCOUNT));
        assertEquals(new Balance(300, 250, 0), ledger.balance(APP_ACCOUNT));
        assertEquals(Balance.ZERO, ledger.balance(STORE_CARD));
        assertEquals("SILVER", ledger.tier(APP_ACCOUNT).id(), "qualifying points were combined");
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), ledger.lots(APP_ACCOUNT).get(0).expiresAt());
        ledger.refund(IdempotencyKey.of("rma"), cardEarn.id(), Money.parse("250.00", CNY));
        assertEquals(new Balance(300, 0, 0), ledger.balance(APP_ACCOUNT));
        assertEquals(ledger.balance(APP_ACCOUNT), ledger.rebuild(APP_ACCOUNT));
        assertEquals(ledger.balance(STORE_CARD), ledger.rebuild(STORE_CARD));
        assertEquals(EntryType.MERGE, ledger.statement(STORE_CARD, 0, 10).get(1).type(), "history stays traceable");
        assertThrows(LedgerStateException.class, () -> ledger.earn(IdempotencyKey.of("e3"), STORE_CARD,
                OrderId.of("O3"), APP, Money.parse("1.00", CNY)));
        assertThrows(IllegalArgumentException.class, () -> ledger.merge(IdempotencyKey.of("m2"), APP_ACCOUNT,
                APP_ACCOUNT));
        long program = 0;
        for (AccountKind k : AccountKind.values()) {
            if (!k.memberAccount()) {
                program += ledger.programBalance(k);
            }
        }
        assertEquals(0, program + ledger.balance(APP_ACCOUNT).total() + ledger.balance(STORE_CARD).total());
    }

    @Test
    void movedLotsAreConsumedAfterTheTargetsOwnLotsWithTheSameExpiry() {
        PointsLedger ledger = builder().clock(MutableClock.at(Instant.parse("2026-01-01T00:00:00Z")))
                .rules(LoyaltyRules.standard().withPendingFor(Duration.ZERO)).build();
        ledger.enrol(APP_ACCOUNT);
        ledger.enrol(STORE_CARD);
        // three lots earned at the same instant: they expire together, so only the tie rule orders them
        ledger.earn(IdempotencyKey.of("a0"), APP_ACCOUNT, OrderId.of("O1"), APP, Money.parse("10.00", CNY));
        ledger.earn(IdempotencyKey.of("a1"), APP_ACCOUNT, OrderId.of("O2"), APP, Money.parse("10.00", CNY));
        ledger.earn(IdempotencyKey.of("c0"), STORE_CARD, OrderId.of("O3"), APP, Money.parse("10.00", CNY));
        ledger.merge(IdempotencyKey.of("m"), STORE_CARD, APP_ACCOUNT);
        assertEquals(List.of("a0=10", "a1=10", "c0=10"), ledger.lots(APP_ACCOUNT).stream()
                .map(l -> l.id().value() + "=" + l.remaining()).toList(), "consumption order");
        ledger.redeem(IdempotencyKey.of("r"), APP_ACCOUNT, 15);
        assertEquals(List.of("a1=5", "c0=10"), ledger.lots(APP_ACCOUNT).stream()
                .map(l -> l.id().value() + "=" + l.remaining()).toList(), "the target's lots go first");
        // so a refund of the moved earn is taken from its own lot, not from the target's
        ledger.refund(IdempotencyKey.of("rma"), IdempotencyKey.of("c0"), Money.parse("10.00", CNY));
        assertEquals(List.of("a1=5"), ledger.lots(APP_ACCOUNT).stream()
                .map(l -> l.id().value() + "=" + l.remaining()).toList());
        assertEquals(new Balance(5, 0, 0), ledger.balance(APP_ACCOUNT));
    }

    @Test
    void aMemberWithOpenHoldsCannotBeMergedAway() {
        PointsLedger ledger = builder().clock(MutableClock.at(Instant.parse("2026-01-01T00:00:00Z")))
                .rules(LoyaltyRules.standard().withPendingFor(Duration.ZERO)).build();
        ledger.enrol(APP_ACCOUNT);
        ledger.enrol(STORE_CARD);
        ledger.earn(IdempotencyKey.of("e1"), STORE_CARD, OrderId.of("O1"), APP, Money.parse("100.00", CNY));
        ledger.hold(IdempotencyKey.of("h1"), STORE_CARD, 10, Duration.ofMinutes(5));
        assertThrows(LedgerStateException.class, () -> ledger.merge(IdempotencyKey.of("m"), STORE_CARD, APP_ACCOUNT));
        assertEquals(new Balance(90, 0, 10), ledger.balance(STORE_CARD));
    }
}

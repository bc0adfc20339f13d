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
import io.github.omniretail.loyalty.LedgerEntry;
import io.github.omniretail.loyalty.LoyaltyRules;
import io.github.omniretail.loyalty.PointsEvent;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.Tier;
import io.github.omniretail.loyalty.TierPolicy;
import io.github.omniretail.core.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tier contract of a points ledger: immediate upgrades, spending never costs a tier, returns undo an
 * upgrade, downgrades only at review after grace, requalification, and tier events.
 */
public abstract class TierContract extends LedgerStoreFixture {

    /** For subclasses. */
    protected TierContract() {
    }

    static final Currency CNY = Currency.getInstance("CNY");
    static final MemberId ALICE = MemberId.of("M-ALICE");
    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final Tier MEMBER = new Tier("MEMBER", 0, BasisPoints.HUNDRED_PERCENT, "member");
    static final Tier SILVER = new Tier("SILVER", 1_000, BasisPoints.of(12_500), "silver");
    static final Tier GOLD = new Tier("GOLD", 5_000, BasisPoints.of(15_000), "gold");

    MutableClock clock;
    PointsLedger ledger;
    int ids;

    @BeforeEach
    void setUp() {
        clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
        ledger = builder().clock(clock).rules(LoyaltyRules.standard().withPendingFor(Duration.ZERO))
                .tiers(new TierPolicy(List.of(MEMBER, SILVER, GOLD), Duration.ofDays(365), Duration.ofDays(30)))
                .build();
        ledger.enrol(ALICE);
    }

    LedgerEntry earn(String yuan) {
        IdempotencyKey id = IdempotencyKey.of("t" + (++ids));
        return ledger.earn(id, ALICE, OrderId.of("O" + ids), APP, Money.parse(yuan, CNY));
    }

    @Test
    void upgradesAtOnceAndTheTierMultipliesLaterEarns() {
        earn("999.00");
        assertEquals(MEMBER, ledger.tier(ALICE));
        earn("1.00");
        assertEquals(SILVER, ledger.tier(ALICE));
        LedgerEntry e = earn("100.00");
        assertEquals(125, e.change(AccountKind.AVAILABLE)); // 1.25× as silver
        assertEquals("silver", ledger.tier(ALICE).pricingTier());
    }

    @Test
    void spendingPointsNeverCostsATier() {
        earn("1000.00");
        ledger.redeem(IdempotencyKey.of("r"), ALICE, 1_000);
        assertEquals(SILVER, ledger.tier(ALICE));
        assertEquals(1_000, ledger.qualifyingPoints(ALICE));
    }

    @Test
    void aReturnOfTheUpgradingPurchaseUndoesTheUpgrade() {
        earn("600.00");
        LedgerEntry big = earn("500.00"); // 1,100: silver
        assertEquals(SILVER, ledger.tier(ALICE));
        ledger.refund(IdempotencyKey.of("rma"), big.id(), Money.parse("500.00", CNY));
        assertEquals(MEMBER, ledger.tier(ALICE));
        assertEquals(600, ledger.qualifyingPoints(ALICE));
    }

    @Test
    void downgradeOnlyAtTheReviewDateAfterGrace() {
        earn("1000.00"); // silver on 2026-01-01, review 2027-01-01
        clock.advance(Duration.ofDays(364));
        assertEquals(SILVER, ledger.tier(ALICE));
        clock.advance(Duration.ofDays(2)); // review: nothing earned in the window; grace of 30 days
        assertEquals(SILVER, ledger.tier(ALICE));
        assertEquals(0, ledger.qualifyingPoints(ALICE));
        clock.advance(Duration.ofDays(30));
        assertEquals(MEMBER, ledger.tier(ALICE));
    }

    @Test
    void requalifyingBeforeTheReviewRenewsTheTier() {
        earn("1000.00");
        clock.advance(Duration.ofDays(200));
        earn("1000.00");
        clock.advance(Duration.ofDays(170)); // review at day 365: 1,000 still in the window
        assertEquals(SILVER, ledger.tier(ALICE));
    }

    @Test
    void entriesAndTierChangesArePublishedAsEvents() {
        List<io.github.omniretail.core.event.LoyaltyEvent> events = new java.util.ArrayList<>();
        PointsLedger withEvents = builder().clock(clock).eventSink(events::add)
                .rules(LoyaltyRules.standard().withPendingFor(Duration.ZERO))
                .tiers(new TierPolicy(List.of(MEMBER, SILVER, GOLD), Duration.ofDays(365), Duration.ofDays(30)))
                .build();
        withEvents.enrol(ALICE);
        withEvents.earn(IdempotencyKey.of("big"), ALICE, OrderId.of("B1"), APP, Money.parse("1200.00", CNY));
        assertEquals(List.of("loyalty.entry.earn", "loyalty.tier.changed"),
                events.stream().map(io.github.omniretail.core.event.DomainEvent::type).toList());
        PointsEvent.TierChanged changed = (PointsEvent.TierChanged) events.get(1);
        assertEquals("SILVER", changed.to());
    }

    @Test
    void tierPoliciesAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new TierPolicy(List.of(SILVER), Duration.ofDays(365),
                Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new TierPolicy(List.of(MEMBER, GOLD, SILVER),
                Duration.ofDays(365), Duration.ZERO));
    }
}

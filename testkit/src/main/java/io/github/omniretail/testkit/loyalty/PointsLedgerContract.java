package io.github.omniretail.testkit.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyConflictException;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.loyalty.AccountKind;
import io.github.omniretail.loyalty.Balance;
import io.github.omniretail.loyalty.Campaign;
import io.github.omniretail.loyalty.EntryType;
import io.github.omniretail.loyalty.InsufficientPointsException;
import io.github.omniretail.loyalty.LedgerEntry;
import io.github.omniretail.loyalty.LedgerStateException;
import io.github.omniretail.loyalty.Lot;
import io.github.omniretail.loyalty.LoyaltyRules;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.UnknownMemberException;
import io.github.omniretail.core.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The example-based {@link io.github.omniretail.loyalty.PointsLedger} contract: double entry, earn, holds, redeem,
 * refunds with reversal, cancellation, pending points, statements, as-of balances and idempotency. Extend it and
 * return stores on fresh storage from {@link #newStore()}.
 */
public abstract class PointsLedgerContract extends LedgerStoreFixture {

    /** For subclasses. */
    protected PointsLedgerContract() {
    }

    static final Currency CNY = Currency.getInstance("CNY");
    static final MemberId ALICE = MemberId.of("M-ALICE");
    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final Channel POS = Channel.of("pos", ChannelKind.STORE_POS);
    static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");

    MutableClock clock;
    PointsLedger ledger;
    int ids;

    @BeforeEach
    void setUp() {
        clock = MutableClock.at(T0);
        ledger = builder().clock(clock).build();
        ledger.enrol(ALICE);
    }

    IdempotencyKey id() {
        return IdempotencyKey.of("tx-" + (++ids));
    }

    Money cny(String amount) {
        return Money.parse(amount, CNY);
    }

    LedgerEntry earn(String order, String amount) {
        return ledger.earn(id(), ALICE, OrderId.of(order), APP, cny(amount));
    }

    void assertLedgerBalances() {
        Balance b = ledger.balance(ALICE);
        long program = 0;
        for (AccountKind k : AccountKind.values()) {
            if (!k.memberAccount()) {
                program += ledger.programBalance(k);
            }
        }
        assertEquals(0, b.total() + program, "the ledger sums to zero");
        assertEquals(b, ledger.rebuild(ALICE), "replaying the log gives the live balance");
    }

    @Test
    void onePointPerYuanOnlineAndInStorePendingForTheReturnWindow() {
        earn("O-1", "128.50");
        ledger.earn(id(), ALICE, OrderId.of("O-2"), POS, cny("99.99"));
        assertEquals(new Balance(0, 227, 0), ledger.balance(ALICE)); // 128 + 99, rounded down
        clock.advance(Duration.ofDays(7));
        assertEquals(new Balance(227, 0, 0), ledger.balance(ALICE));
        assertLedgerBalances();
    }

    @Test
    void redeemAnywhereAfterActivation() {
        earn("O-1", "300.00");
        assertThrows(InsufficientPointsException.class, () -> ledger.redeem(id(), ALICE, 100));
        clock.advance(Duration.ofDays(7));
        ledger.redeem(id(), ALICE, 120);
        assertEquals(new Balance(180, 0, 0), ledger.balance(ALICE));
        assertEquals(120, ledger.programBalance(AccountKind.REDEMPTION));
        assertLedgerBalances();
    }

    @Test
    void twoPhaseHoldPostsPartlyAndReturnsTheRest() {
        earn("O-1", "100.00");
        clock.advance(Duration.ofDays(8));
        LedgerEntry hold = ledger.hold(id(), ALICE, 60, Duration.ofMinutes(15));
        assertEquals(new Balance(40, 0, 60), ledger.balance(ALICE));
        ledger.post(id(), hold.id(), 50);
        assertEquals(new Balance(50, 0, 0), ledger.balance(ALICE));
        LedgerStateException twice = assertThrows(LedgerStateException.class, () -> ledger.post(id(), hold.id(), 1));
        assertTrue(twice.getMessage().contains(hold.id().value()));
        LedgerEntry second = ledger.hold(id(), ALICE, 30, Duration.ofMinutes(15));
        ledger.voidHold(id(), second.id());
        assertEquals(new Balance(50, 0, 0), ledger.balance(ALICE));
        LedgerEntry third = ledger.hold(id(), ALICE, 30, Duration.ofMinutes(15));
        clock.advance(Duration.ofMinutes(15));
        assertEquals(new Balance(50, 0, 0), ledger.balance(ALICE), "the hold timed out");
        assertThrows(LedgerStateException.class, () -> ledger.post(id(), third.id(), 30));
        assertThrows(LedgerStateException.class, () -> ledger.post(id(), second.id(), 1));
        assertLedgerBalances();
    }

    @Test
    void postingMoreThanHeldFails() {
        earn("O-1", "100.00");
        clock.advance(Duration.ofDays(8));
        LedgerEntry hold = ledger.hold(id(), ALICE, 10, Duration.ofMinutes(15));
        LedgerStateException e = assertThrows(LedgerStateException.class, () -> ledger.post(id(), hold.id(), 11));
        assertTrue(e.getMessage().contains("10"));
        assertEquals(new Balance(90, 0, 10), ledger.balance(ALICE));
    }

    @Test
    void expiredPointsGoToBreakageAndAreNeverSpendableEvenBeforeTheSweep() {
        earn("O-1", "100.00");
        clock.advance(Duration.ofDays(300));
        earn("O-2", "50.00");
        clock.advance(Duration.ofDays(70)); // the first lot (365 days) expired 5 days ago; no sweep ran
        InsufficientPointsException e = assertThrows(InsufficientPointsException.class,
                () -> ledger.redeem(id(), ALICE, 51));
        assertEquals(50, e.available());
        assertEquals(100, ledger.programBalance(AccountKind.BREAKAGE));
        assertEquals(new Balance(50, 0, 0), ledger.balanceAsOf(ALICE, T0.plus(Duration.ofDays(366))));
        assertEquals(new Balance(100, 50, 0), ledger.balanceAsOf(ALICE, T0.plus(Duration.ofDays(301))));
        assertEquals(Balance.ZERO, ledger.balanceAsOf(ALICE, T0.minusSeconds(1)));
        assertLedgerBalances();
    }

    @Test
    void debitsConsumeTheEarliestExpiringLotFirst() {
        earn("O-1", "10.00");
        clock.advance(Duration.ofDays(10));
        earn("O-2", "20.00");
        clock.advance(Duration.ofDays(10));
        ledger.redeem(id(), ALICE, 15);
        List<Lot> lots = ledger.lots(ALICE);
        assertEquals(1, lots.size());
        assertEquals(15, lots.get(0).remaining());
        assertEquals(15, ledger.expiringWithin(ALICE, Duration.ofDays(400)));
        assertEquals(0, ledger.expiringWithin(ALICE, Duration.ofDays(300)));
    }

    @Test
    void refundInsideTheReturnWindowReversesPendingPointsProportionally() {
        LedgerEntry e = earn("O-1", "200.00");
        ledger.refund(id(), e.id(), cny("50.00"));
        assertEquals(new Balance(0, 150, 0), ledger.balance(ALICE));
        LedgerStateException tooMuch = assertThrows(LedgerStateException.class,
                () -> ledger.refund(id(), e.id(), cny("0.50")));
        assertTrue(tooMuch.getMessage().contains(e.id().value()));
        assertLedgerBalances();
    }

    @Test
    void refundOfSpentPointsClawsBackOrGoesNegative() {
        LedgerEntry first = earn("O-1", "100.00");
        earn("O-2", "100.00");
        clock.advance(Duration.ofDays(8));
        ledger.redeem(id(), ALICE, 150); // O-1's lot expires first: fully spent; 50 spent from O-2's
        ledger.refund(id(), first.id(), cny("100.00"));
        assertEquals(new Balance(-50, 0, 0), ledger.balance(ALICE), "claw back took the 50 left, 50 owed");
        assertLedgerBalances();

        PointsLedger negative = builder().clock(clock)
                .rules(LoyaltyRules.standard().withRefundShortfall(LoyaltyRules.RefundShortfall.NEGATIVE_BALANCE)).build();
        negative.enrol(ALICE);
        LedgerEntry a = negative.earn(id(), ALICE, OrderId.of("N-1"), APP, cny("100.00"));
        clock.advance(Duration.ofDays(8));
        negative.redeem(id(), ALICE, 100);
        negative.refund(id(), a.id(), cny("40.00"));
        assertEquals(new Balance(-40, 0, 0), negative.balance(ALICE));
        negative.earn(id(), ALICE, OrderId.of("N-2"), APP, cny("100.00"));
        clock.advance(Duration.ofDays(8));
        assertEquals(new Balance(60, 0, 0), negative.balance(ALICE), "future earning repays");
        assertThrows(InsufficientPointsException.class, () -> negative.redeem(id(), ALICE, 61));
    }

    @Test
    void aRedemptionIsGivenBackInPartsLastConsumedLotFirstUntilNothingIsLeft() {
        earn("O-1", "100.00");
        clock.advance(Duration.ofDays(30));
        IdempotencyKey second = earn("O-2", "50.00").id();
        clock.advance(Duration.ofDays(8));
        LedgerEntry r = ledger.redeem(id(), ALICE, 120); // 100 from O-1's lot, 20 from O-2's
        assertEquals(new Balance(30, 0, 0), ledger.balance(ALICE));
        assertThrows(IllegalArgumentException.class, () -> ledger.cancelRedemption(id(), r.id(), 0));
        LedgerEntry part = ledger.cancelRedemption(id(), r.id(), 25);
        assertEquals(EntryType.CANCEL_REDEMPTION, part.type());
        assertEquals(25, part.change(AccountKind.AVAILABLE));
        assertEquals(new Balance(55, 0, 0), ledger.balance(ALICE));
        long o2 = ledger.lots(ALICE).stream().filter(l -> l.id().equals(second)).findFirst().orElseThrow()
                .remaining();
        assertEquals(50, o2, "O-2's 20 came back first, then 5 of O-1's");
        LedgerStateException tooMuch = assertThrows(LedgerStateException.class,
                () -> ledger.cancelRedemption(id(), r.id(), 96));
        assertTrue(tooMuch.getMessage().contains("95 points left"), tooMuch.getMessage());
        ledger.cancelRedemption(id(), r.id(), 95);
        assertEquals(new Balance(150, 0, 0), ledger.balance(ALICE));
        assertThrows(LedgerStateException.class, () -> ledger.cancelRedemption(id(), r.id()),
                "given back in full: nothing left to cancel");
        assertLedgerBalances();
    }

    @Test
    void cancellingARedemptionRestoresTheLotsWithTheirOriginalExpiry() {
        earn("O-1", "100.00");
        clock.advance(Duration.ofDays(8));
        LedgerEntry r = ledger.redeem(id(), ALICE, 100);
        clock.advance(Duration.ofDays(100));
        ledger.cancelRedemption(id(), r.id());
        assertEquals(new Balance(100, 0, 0), ledger.balance(ALICE));
        assertEquals(T0.plus(Duration.ofDays(365)), ledger.lots(ALICE).get(0).expiresAt());
        assertThrows(LedgerStateException.class, () -> ledger.cancelRedemption(id(), r.id()));
        clock.advance(Duration.ofDays(300));
        assertEquals(new Balance(0, 0, 0), ledger.balance(ALICE));
        assertLedgerBalances();
    }

    @Test
    void idempotentRetriesConflictsAndFailedIds() {
        IdempotencyKey tx = IdempotencyKey.of("pos-7781");
        LedgerEntry first = ledger.earn(tx, ALICE, OrderId.of("O-1"), APP, cny("10.00"));
        assertEquals(first, ledger.earn(tx, ALICE, OrderId.of("O-1"), APP, cny("10.00")));
        assertThrows(IdempotencyConflictException.class, () -> ledger.earn(tx, ALICE, OrderId.of("O-1"), APP,
                cny("11.00")));
        // The same order reported again by another channel earns nothing more.
        assertEquals(first, ledger.earn(id(), ALICE, OrderId.of("O-1"), POS, cny("10.00")));
        assertEquals(new Balance(0, 10, 0), ledger.balance(ALICE));
        IdempotencyKey redeem = IdempotencyKey.of("redeem-1");
        InsufficientPointsException failed = assertThrows(InsufficientPointsException.class,
                () -> ledger.redeem(redeem, ALICE, 5));
        clock.advance(Duration.ofDays(8));
        InsufficientPointsException again = assertThrows(InsufficientPointsException.class,
                () -> ledger.redeem(redeem, ALICE, 5), "a failed id stays failed");
        assertEquals(failed.getMessage(), again.getMessage());
        assertEquals(failed.available(), again.available());
        assertLedgerBalances();
    }

    @Test
    void channelMultipliersAndRoundingFollowTheRules() {
        PointsLedger doubled = builder().clock(clock).rules(LoyaltyRules.standard()
                .withChannelMultiplier(ChannelKind.LIVE_STREAM, BasisPoints.of(20_000)).withPendingFor(Duration.ZERO))
                .build();
        doubled.enrol(ALICE);
        doubled.earn(id(), ALICE, OrderId.of("L-1"), Channel.of("live", ChannelKind.LIVE_STREAM), cny("19.99"));
        assertEquals(new Balance(39, 0, 0), doubled.balance(ALICE)); // 39.98 rounded down
    }

    @Test
    void skuBonusesAndCampaignWindowsAddPoints() {
        io.github.omniretail.core.Sku tea = io.github.omniretail.core.Sku.of("TEA");
        PointsLedger ledger = builder().clock(clock).rules(LoyaltyRules.standard()
                .withPendingFor(Duration.ZERO).withSkuBonus(tea, 5)
                .withCampaign(new Campaign("double-11", T0, T0.plus(Duration.ofDays(1)), BasisPoints.of(20_000),
                        java.util.Optional.of(ChannelKind.APP)))).build();
        ledger.enrol(ALICE);
        io.github.omniretail.core.Order order = io.github.omniretail.core.Order.builder(OrderId.of("O-T"), APP, T0,
                io.github.omniretail.core.DeliveryMethod.pickup(io.github.omniretail.core.NodeId.of("S1")))
                .line(tea, 2, cny("18.00")).line(io.github.omniretail.core.Sku.of("CUP"), 1, cny("9.50")).build();
        LedgerEntry e = ledger.earn(id(), ALICE, order);
        assertEquals(101, e.change(AccountKind.AVAILABLE)); // 45.50 × 2 (campaign) = 91, plus 2 × 5 for TEA
        clock.advance(Duration.ofDays(1)); // the campaign ended
        LedgerEntry later = ledger.earn(id(), ALICE, OrderId.of("O-U"), APP, cny("45.50"));
        assertEquals(45, later.change(AccountKind.AVAILABLE));
    }

    @Test
    void badInputIsRejectedAndChangesNothing() {
        assertThrows(UnknownMemberException.class, () -> ledger.balance(MemberId.of("NOPE")));
        assertThrows(IllegalArgumentException.class, () -> earn("O-1", "0.00"));
        assertThrows(IllegalArgumentException.class, () -> earn("O-1", "-1.00"));
        assertThrows(IllegalArgumentException.class, () -> earn("O-1", "0.50")); // earns no points
        assertThrows(IllegalArgumentException.class, () -> ledger.redeem(id(), ALICE, 0));
        assertThrows(IllegalArgumentException.class, () -> ledger.hold(id(), ALICE, -5, Duration.ofMinutes(1)));
        assertThrows(LedgerStateException.class, () -> ledger.voidHold(id(), IdempotencyKey.of("nope")));
        LedgerEntry e = earn("O-2", "10.00");
        assertThrows(io.github.omniretail.core.CurrencyMismatchException.class,
                () -> ledger.refund(id(), e.id(), Money.parse("1.00", Currency.getInstance("USD"))));
        assertEquals(new Balance(0, 10, 0), ledger.balance(ALICE));
        assertLedgerBalances();
    }

    @Test
    void statementPagesThroughEntriesWithReasons() {
        earn("O-1", "10.00");
        earn("O-2", "20.00");
        clock.advance(Duration.ofDays(8));
        List<LedgerEntry> first = ledger.statement(ALICE, 0, 3);
        assertEquals(List.of(EntryType.EARN, EntryType.EARN, EntryType.ACTIVATE),
                first.stream().map(LedgerEntry::type).toList());
        assertEquals(1, ledger.statement(ALICE, 1, 3).size());
        assertEquals(java.util.Optional.of("O-1"), first.get(0).reference());
    }
}

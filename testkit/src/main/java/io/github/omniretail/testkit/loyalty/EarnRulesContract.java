package io.github.omniretail.testkit.loyalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.CurrencyMismatchException;
import io.github.omniretail.core.DeliveryMethod;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Order;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.loyalty.AccountKind;
import io.github.omniretail.loyalty.Balance;
import io.github.omniretail.loyalty.LedgerEntry;
import io.github.omniretail.loyalty.LoyaltyRules;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.spi.CategoryLookup;
import io.github.omniretail.core.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The earn-rule contract of a points ledger: category and SKU bonuses, currency checks and
 * validation of bad rules, with nothing changed on failure, the same whatever the store.
 */
public abstract class EarnRulesContract extends LedgerStoreFixture {

    /** For subclasses. */
    protected EarnRulesContract() {
    }

    static final Currency CNY = Currency.getInstance("CNY");
    static final Currency USD = Currency.getInstance("USD");
    static final MemberId ALICE = MemberId.of("M-ALICE");
    static final Channel APP = Channel.of("app", ChannelKind.APP);
    static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    static final Sku TEA = Sku.of("TEA");
    static final Sku MILK = Sku.of("MILK");
    static final Sku CUP = Sku.of("CUP");

    @Test
    void categoryBonusesCountOncePerCategoryAndAddToSkuBonuses() {
        CategoryLookup catalogue = CategoryLookup.of(Map.of(
                TEA, Set.of("drinks", "imported"),
                MILK, Set.of("drinks", "fresh")));
        PointsLedger ledger = builder().clock(MutableClock.at(T0)).categories(catalogue)
                .rules(LoyaltyRules.standard().withPendingFor(Duration.ZERO).withCurrency(CNY)
                        .withCategoryBonus("drinks", 2).withCategoryBonus("fresh", 3).withSkuBonus(TEA, 1))
                .build();
        ledger.enrol(ALICE);
        Order order = Order.builder(OrderId.of("O-1"), APP, T0, DeliveryMethod.pickup(NodeId.of("S1")))
                .line(TEA, 2, Money.parse("10.00", CNY))     // 2 × (drinks 2 + TEA 1) = 6
                .line(MILK, 3, Money.parse("5.00", CNY))     // 3 × (drinks 2 + fresh 3) = 15
                .line(CUP, 1, Money.parse("9.99", CNY))      // no category
                .build();
        LedgerEntry e = ledger.earn(IdempotencyKey.of("t1"), ALICE, order);
        assertEquals(44 + 6 + 15, e.change(AccountKind.AVAILABLE)); // 44.99 → 44 base points
    }

    @Test
    void anOrderEarnsOnItsNetAmountWithBonusesForEveryUnitAndRefundsInProportion() {
        PointsLedger ledger = builder().clock(MutableClock.at(T0))
                .rules(LoyaltyRules.standard().withPendingFor(Duration.ZERO).withCurrency(CNY).withSkuBonus(TEA, 1))
                .build();
        ledger.enrol(ALICE);
        Order order = Order.builder(OrderId.of("O-1"), APP, T0, DeliveryMethod.pickup(NodeId.of("S1")))
                .line(new io.github.omniretail.core.OrderLine(TEA, 2, Money.parse("50.00", CNY),
                        Money.parse("30.00", CNY)))                  // 100.00 − its share of a promotion = 70.00
                .line(MILK, 1, Money.parse("30.00", CNY))
                .build();
        LedgerEntry e = ledger.earn(IdempotencyKey.of("t1"), ALICE, order);
        assertEquals(100 + 2, e.change(AccountKind.AVAILABLE), "net 100.00 → 100 points, plus 2 × TEA bonus");
        // returning the milk refunds its net, 30.00 of the 100.00 earned on: 30 % of the 102 points, rounded down
        ledger.refund(IdempotencyKey.of("rma"), e.id(), Money.parse("30.00", CNY));
        assertEquals(102 - 30, ledger.balance(ALICE).available());
    }

    @Test
    void amountsInAnotherCurrencyThanTheProgramsAreRejectedAndChangeNothing() {
        PointsLedger ledger = builder().clock(MutableClock.at(T0))
                .rules(LoyaltyRules.standard().withCurrency(CNY)).build();
        ledger.enrol(ALICE);
        CurrencyMismatchException e = assertThrows(CurrencyMismatchException.class,
                () -> ledger.earn(IdempotencyKey.of("t1"), ALICE, OrderId.of("O-1"), APP, Money.parse("10.00", USD)));
        assertEquals(CNY, e.expected());
        assertEquals(USD, e.actual());
        assertEquals(new Balance(0, 0, 0), ledger.balance(ALICE));
        assertTrue(ledger.statement(ALICE, 0, 10).isEmpty());
        // the order did not earn: the same order in the right currency still earns
        LedgerEntry ok = ledger.earn(IdempotencyKey.of("t2"), ALICE, OrderId.of("O-1"), APP, Money.parse("10.00", CNY));
        assertEquals(10, ok.change(AccountKind.PENDING));
    }

    @Test
    void badCategoryBonusesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LoyaltyRules.standard().withCategoryBonus(" ", 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoyaltyRules.standard().withCategoryBonus("drinks", -1));
        assertTrue(e.getMessage().contains("drinks") && e.getMessage().contains("-1"), e.getMessage());
    }
}

package io.github.omniretail.pricing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.Sku;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Each offer's own discount arithmetic, on hand-made lines (no engine, no eligibility, no caps). */
class OfferTest {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Sku TEA = Sku.of("TEA");
    private static final Sku CAKE = Sku.of("CAKE");
    private static final Sku MILK = Sku.of("MILK");

    private static Money yuan(String amount) {
        return Money.parse(amount, CNY);
    }

    /** Lines TEA, CAKE, MILK with these quantities and amounts (minor units); {@code targets} as given. */
    private static OfferLines lines(int[] quantities, long[] amounts, boolean... targets) {
        return new OfferLines(new Sku[] {TEA, CAKE, MILK}, quantities, amounts, targets, CNY, RoundingMode.HALF_EVEN);
    }

    @Test
    void aThresholdGivesItsHighestReachedTierSpreadOverTheTargetedLines() {
        Offer.Threshold offer = Offer.Threshold.highestOf(List.of(new Offer.Threshold.Tier(yuan("200"), yuan("50")),
                new Offer.Threshold.Tier(yuan("300"), yuan("80"))));
        OfferLines l = lines(new int[] {1, 1, 1}, new long[] {200_00, 110_00, 99_00}, true, true, false);
        Offer.Result r = offer.apply(l);
        assertTrue(r.applied(), r.reason());
        assertEquals("spend 310.00 >= 300.00: 80.00 off", r.reason());
        assertEquals(80_00, Arrays.stream(l.discounts()).sum());
        assertEquals(0, l.discounts()[2], "the untargeted line keeps its price");
        OfferLines small = lines(new int[] {1, 1, 1}, new long[] {150_00, 0, 99_00}, true, true, false);
        Offer.Result refused = offer.apply(small);
        assertFalse(refused.applied());
        assertEquals("threshold 200.00 not reached: cart 150.00", refused.reason());
    }

    @Test
    void aDepositTakesWorthLessDepositOffEachPreSaleUnitButNeverBelowTheDeposit() {
        Offer.Deposit presale = new Offer.Deposit(yuan("50.00"), yuan("100.00"),
                java.time.Instant.parse("2026-11-11T16:00:00Z"));
        // 2 teas at 299.00 each (pre-sale), a cake at 80.00 (pre-sale: worth is capped at its price), milk not
        OfferLines l = lines(new int[] {2, 1, 1}, new long[] {598_00, 80_00, 12_00}, true, true, false);
        Offer.Result r = presale.apply(l);
        assertTrue(r.applied(), r.reason());
        assertArrayEquals(new long[] {100_00, 30_00, 0}, l.discounts());
        assertEquals("deposit 50.00 counts as 100.00 on each of 3 pre-sale units; balance due by 2026-11-11T16:00:00Z",
                r.reason());
        assertFalse(presale.apply(lines(new int[] {1, 1, 1}, new long[] {1, 1, 1}, false, false, false)).applied());
        assertThrows(IllegalArgumentException.class, () -> new Offer.Deposit(yuan("100.00"), yuan("100.00"),
                java.time.Instant.EPOCH), "a deposit must count as more than itself");
        assertThrows(IllegalArgumentException.class, () -> new Offer.Deposit(yuan("0.00"), yuan("100.00"),
                java.time.Instant.EPOCH));
        assertThrows(io.github.omniretail.core.CurrencyMismatchException.class, () -> new Offer.Deposit(yuan("1.00"),
                Money.parse("100.00", Currency.getInstance("USD")), java.time.Instant.EPOCH));
    }

    @Test
    void perEveryCountsEveryFullStep() {
        OfferLines l = lines(new int[] {1, 1, 1}, new long[] {250_00, 99_00, 0}, true, true, false);
        Offer.Result r = Offer.Threshold.every(yuan("100"), yuan("10")).apply(l);
        assertEquals("3 × 100.00 in 349.00: 30.00 off", r.reason());
        assertEquals(30_00, Arrays.stream(l.discounts()).sum());
    }

    @Test
    void buyOneGetOneHalfDiscountsTheCheaperUnitOfEachPair() {
        // 第二杯半价: 2 teas at 30.00 and 1 cake at 20.00; pairs dearest first: (30, 30) then (20 alone)
        OfferLines l = lines(new int[] {2, 1, 1}, new long[] {60_00, 20_00, 5_00}, true, true, false);
        Offer.Result r = new Offer.BuyXGetY(1, 1, BasisPoints.of(5_000)).apply(l);
        assertEquals("1 of 3 units at -50.00% (buy 1, get 1)", r.reason());
        assertArrayEquals(new long[] {15_00, 0, 0}, l.discounts());
        OfferLines one = lines(new int[] {1, 1, 1}, new long[] {30_00, 20_00, 5_00}, true, false, false);
        assertEquals("needs 2 target units, cart has 1", new Offer.BuyXGetY(1, 1, BasisPoints.of(5_000))
                .apply(one).reason());
    }

    @Test
    void aBundleSellsCompleteSetsAtItsPrice() {
        Offer.Bundle bundle = new Offer.Bundle(Map.of(TEA, 1, CAKE, 2), yuan("50.00"));
        OfferLines l = lines(new int[] {3, 5, 1}, new long[] {90_00, 100_00, 5_00}, true, true, false);
        Offer.Result r = bundle.apply(l);
        // 2 sets (cakes limit): regular 2 × 30 + 4 × 20 = 140.00, bundle 100.00
        assertTrue(r.applied(), r.reason());
        assertEquals(40_00, Arrays.stream(l.discounts()).sum());
        assertEquals("2 × bundle (2 × CAKE + 1 × TEA) for 50.00 instead of 70.00", r.reason());
        OfferLines noCake = lines(new int[] {3, 1, 1}, new long[] {90_00, 20_00, 5_00}, true, true, false);
        assertEquals("bundle incomplete: needs 2 × CAKE + 1 × TEA", bundle.apply(noCake).reason());
    }

    @Test
    void freeShippingTakesNothingOffTheLinesAndNeedsItsMinimum() {
        Offer.FreeShipping free = new Offer.FreeShipping(Optional.of(yuan("99.00")));
        OfferLines l = lines(new int[] {1, 1, 1}, new long[] {50_00, 60_00, 0}, true, true, true);
        assertTrue(free.apply(l).applied());
        assertEquals(0, Arrays.stream(l.discounts()).sum());
        assertFalse(free.apply(lines(new int[] {1, 1, 1}, new long[] {50_00, 40_00, 0}, true, true, true)).applied());
    }

    @Property(tries = 300)
    void everyOfferTakesNoMoreThanTheTargetedLinesAndSpreadsExactly(
            @ForAll @Size(3) List<@LongRange(min = 0, max = 50_000) Long> amounts,
            @ForAll @IntRange(min = 1, max = 9_999) int bp, @ForAll @LongRange(min = 1, max = 30_000) long off) {
        long[] a = amounts.stream().mapToLong(Long::longValue).toArray();
        int[] q = {1 + (int) (a[0] % 3), 1 + (int) (a[1] % 2), 1};
        List<Offer> offers = List.of(new Offer.PercentOff(BasisPoints.of(bp)), new Offer.OrderPercentOff(
                BasisPoints.of(bp)), Offer.Threshold.spend(Money.ofMinor(off, CNY), Money.ofMinor(off, CNY)),
                new Offer.AmountOff(Money.ofMinor(1 + off % 500, CNY)), new Offer.BuyXGetY(1, 1, BasisPoints.of(bp)));
        for (Offer offer : offers) {
            OfferLines l = lines(q, a, true, false, true);
            Offer.Result r = offer.apply(l);
            long[] d = l.discounts();
            assertEquals(0, d[1], offer + " touched an untargeted line");
            for (int i = 0; i < 3; i++) {
                assertTrue(d[i] >= 0 && d[i] <= a[i], offer + " took " + d[i] + " of " + a[i]);
            }
            if (offer instanceof Offer.Threshold && r.applied()) {
                assertEquals(off, d[0] + d[2], "the threshold's amount is spread exactly");
            }
        }
    }
}

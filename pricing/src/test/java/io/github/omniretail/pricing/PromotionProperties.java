package io.github.omniretail.pricing;

import io.github.omniretail.core.Channel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.MutableClock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PromotionProperties {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Instant AT = Instant.parse("2026-11-22T04:00:00Z");
    private static final List<Sku> SKUS = List.of(Sku.of("A"), Sku.of("B"), Sku.of("C"), Sku.of("D"));

    /** A promotion drawn at random; priorities are made unique afterwards. */
    record Spec(int kind, int amount, int sku, boolean stackable, boolean original, int group) {
    }

    @Provide
    Arbitrary<List<Spec>> promotions() {
        Arbitrary<Spec> one = Combinators.combine(Arbitraries.integers().between(0, 6),
                Arbitraries.integers().between(1, 9_000), Arbitraries.integers().between(-1, 3),
                Arbitraries.of(true, true, true, false), Arbitraries.of(true, false),
                Arbitraries.integers().between(-1, 2)).as(Spec::new);
        return one.list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Integer>> quantities() {
        return Arbitraries.integers().between(0, 4).list().ofSize(4).filter(q -> q.stream().anyMatch(x -> x > 0));
    }

    private static Promotion build(Spec s, int priority) {
        Money amount = Money.ofMinor(s.amount() * 10L, CNY);
        Offer offer = switch (s.kind()) {
            case 0 -> Offer.Threshold.spend(amount.plus(amount),
                    amount);
            case 1 -> new Offer.PercentOff(BasisPoints.of(s.amount()));
            case 2 -> new Offer.AmountOff(Money.ofMinor(s.amount(), CNY));
            case 3 -> new Offer.BuyXGetY(1 + s.amount() % 2, 1, BasisPoints.of(1 + s.amount()));
            case 4 -> new Offer.OrderPercentOff(BasisPoints.of(s.amount()));
            case 5 -> new Offer.Deposit(Money.ofMinor(s.amount(), CNY), Money.ofMinor(2L * s.amount(), CNY),
                    java.time.Instant.parse("2030-01-01T00:00:00Z"));
            default -> new Offer.FreeShipping(Optional.of(amount));
        };
        Promotion p = Promotion.of("P" + priority, "promo " + priority, priority, offer)
                .on(s.original() ? DiscountBase.ORIGINAL : DiscountBase.DISCOUNTED);
        if (s.sku() >= 0) {
            p = p.eligibility(Eligibility.everyone().skus(SKUS.get(s.sku())));
        }
        if (!s.stackable()) {
            p = p.exclusive();
        }
        if (s.group() >= 0) {
            p = p.inGroup("G" + s.group());
        }
        return p;
    }

    private static PricingEngine engine(List<Promotion> promotions) {
        PricingRules rules = PricingRules.builder("r", CNY)
                .sku(SKUS.get(0), Money.ofMinor(12_800, CNY), "x")
                .sku(SKUS.get(1), Money.ofMinor(3_990, CNY), "x")
                .sku(SKUS.get(2), Money.ofMinor(999, CNY), "y")
                .sku(SKUS.get(3), Money.ofMinor(25_000, CNY), "y")
                .guardrail(SKUS.get(3), Guardrail.costPlus(Money.ofMinor(20_000, CNY), BasisPoints.ZERO))
                .build();
        return PricingEngine.builder().clock(MutableClock.at(AT)).rules(rules)
                .promotions(PromotionSet.of("p", CNY, promotions)).build();
    }

    private static Cart cart(List<Integer> quantities) {
        List<Cart.Line> lines = new ArrayList<>();
        for (int i = 0; i < SKUS.size(); i++) {
            if (quantities.get(i) > 0) {
                lines.add(new Cart.Line(SKUS.get(i), quantities.get(i)));
            }
        }
        return new Cart(lines, Money.ofMinor(800, CNY), Set.of());
    }

    private static List<Promotion> build(List<Spec> specs) {
        List<Promotion> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            out.add(build(specs.get(i), (i + 1) * 10));
        }
        return out;
    }

    private static void assertConsistent(CartQuote quote) {
        assertTrue(!quote.total().isNegative());
        long lineDiscounts = 0;
        for (LineQuote line : quote.lines()) {
            assertTrue(!line.net().isNegative());
            long floor = line.item().floor().map(f -> f.minorUnits() * line.quantity()).orElse(0L);
            assertTrue(line.net().minorUnits() >= Math.min(floor, line.amount().minorUnits()),
                    line + " below floor " + floor);
            assertEquals(line.discount().minorUnits(),
                    line.discounts().values().stream().mapToLong(Money::minorUnits).sum());
            lineDiscounts += line.discount().minorUnits();
        }
        long applied = quote.applied().stream().mapToLong(a -> a.amount().minorUnits()).sum();
        assertEquals(applied, lineDiscounts + quote.shippingDiscount().minorUnits(), "allocation is exact");
        assertEquals(quote.subtotal().minorUnits() - lineDiscounts + quote.shipping().minorUnits()
                - quote.shippingDiscount().minorUnits(), quote.total().minorUnits());
        for (AppliedPromotion a : quote.applied()) {
            assertTrue(quote.rejected().stream().noneMatch(r -> r.promotionId().equals(a.promotionId())));
        }
    }

    @Property(tries = 300)
    void totalsNeverNegativeAllocationsExactFloorsHeld(@ForAll("promotions") List<Spec> specs,
            @ForAll("quantities") List<Integer> quantities) {
        PricingEngine engine = engine(build(specs));
        PricingContext context = PricingContext.of(Channel.of("app", ChannelKind.APP), ZoneOffset.UTC, AT);
        for (StackingMode mode : StackingMode.values()) {
            CartQuote quote = engine.quote(cart(quantities), context, mode);
            assertConsistent(quote);
            quote.deposit().ifPresent(d -> assertEquals(quote.total(), d.total(), "deposit + balance = total"));
            assertEquals(quote.total().isPositive() && quote.applied().stream().anyMatch(a -> specs.get(
                    Integer.parseInt(a.promotionId().substring(1)) / 10 - 1).kind() == 5), quote.deposit().isPresent(),
                    "terms exactly when a deposit applied to a cart with something to pay");
            assertEquals(quote, engine.quote(cart(quantities), context, mode), "quoting twice gives the same quote");
        }
    }

    @Property(tries = 300)
    void bestDealSavesAtLeastAsMuchAsAnySinglePromotionAndThePriorityStack(@ForAll("promotions") List<Spec> specs,
            @ForAll("quantities") List<Integer> quantities) {
        List<Promotion> promotions = build(specs);
        PricingContext context = PricingContext.of(Channel.of("app", ChannelKind.APP), ZoneOffset.UTC, AT);
        CartQuote best = engine(promotions).quote(cart(quantities), context, StackingMode.BEST_DEAL);
        CartQuote stacked = engine(promotions).quote(cart(quantities), context, StackingMode.PRIORITY);
        assertTrue(best.saving().minorUnits() >= stacked.saving().minorUnits(), best + " vs " + stacked);
        for (Promotion p : promotions) {
            CartQuote alone = engine(List.of(p)).quote(cart(quantities), context, StackingMode.PRIORITY);
            assertTrue(best.saving().minorUnits() >= alone.saving().minorUnits(), p + ": " + alone.saving()
                    + " > best " + best.saving());
        }
    }

    @Property(tries = 200)
    void theExactBestDealSearchBeatsEveryCombinationAndTheGreedyOneNeverBeatsIt(
            @ForAll("promotions") List<Spec> specs, @ForAll("quantities") List<Integer> quantities) {
        List<Promotion> promotions = build(specs);
        PricingEngine engine = engine(promotions);
        PricingContext context = PricingContext.of(Channel.of("app", ChannelKind.APP), ZoneOffset.UTC, AT);
        CartQuote quote = engine.quote(cart(quantities), context, StackingMode.PRIORITY);
        PromotionCalculator calc = new PromotionCalculator(quote.lines(), 800, promotions, context,
                Optional.empty(), engine.rules(), io.github.omniretail.pricing.spi.PromotionLedger.inMemory(),
                Set.of(), true, java.util.Map.of());
        long exact = new BestDealSearch(calc).run(14).saving();
        for (int mask = 0; mask < 1 << promotions.size(); mask++) {
            boolean[] include = new boolean[promotions.size()];
            for (int p = 0; p < include.length; p++) {
                include[p] = (mask & (1 << p)) != 0;
            }
            assertTrue(calc.apply(include, null).saving() <= exact, "subset " + Integer.toBinaryString(mask)
                    + " saves more than the exact search's " + exact);
        }
        assertTrue(new BestDealSearch(calc).run(0).saving() <= exact, "greedy beat exact");
    }
}

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
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class PricingProperties {

    private static final Currency CNY = Currency.getInstance("CNY");

    @Property
    void endingsNeverBreakTheFloorOrTheCeiling(@ForAll @LongRange(min = 0, max = 1_000_000) long price,
            @ForAll @LongRange(min = 0, max = 1_000_000) long floor, @ForAll @LongRange(min = 0, max = 200_000) long room,
            @ForAll PriceEnding ending) {
        Money p = Money.ofMinor(price, CNY);
        Optional<Money> low = Optional.of(Money.ofMinor(floor, CNY));
        Optional<Money> high = Optional.of(Money.ofMinor(floor + room, CNY));
        Money ended = PriceStages.Ending.ended(p, ending, low, high, Optional.empty());
        if (!ended.equals(p)) {
            assertTrue(ended.minorUnits() >= floor && ended.minorUnits() <= floor + room, p + " -> " + ended);
            assertEquals(ended.minorUnits(), ending.down(ended.minorUnits(), 2), ended + " has the ending " + ending);
            // the nearest acceptable neighbour: nothing with the ending lies strictly between the price and it
            long gap = Math.abs(ended.minorUnits() - price);
            assertTrue(gap < 100 || ending == PriceEnding.WHOLE && gap < 200 || ending == PriceEnding.NINE && gap < 200,
                    p + " -> " + ended);
        }
    }

    @Property
    void pipelinePricesAreNeverNegativeAndNeverBelowTheFloor(@ForAll @LongRange(min = 1, max = 500_000) long list,
            @ForAll @IntRange(min = 1, max = 10_000) int newCustomer, @ForAll @IntRange(min = 1, max = 10_000) int evening,
            @ForAll @LongRange(min = 0, max = 300_000) long cost, @ForAll @IntRange(min = 0, max = 5_000) int margin,
            @ForAll @IntRange(min = 0, max = 23) int hour, @ForAll PriceEnding ending) {
        Sku sku = Sku.of("S");
        PricingRules rules = PricingRules.builder("p", CNY).sku(sku, Money.ofMinor(list, CNY), "fresh")
                .newCustomerDiscount(BasisPoints.of(newCustomer))
                .schedule(new TimeOfDaySchedule("evening", Set.of("fresh"), Set.of(), LocalTime.of(20, 0),
                        LocalTime.of(23, 0), BasisPoints.of(evening)))
                .guardrail(sku, Guardrail.costPlus(Money.ofMinor(cost, CNY), BasisPoints.of(margin)))
                .ending(ending).build();
        Instant at = Instant.parse("2026-11-22T00:00:00Z").plusSeconds(hour * 3600L + 1800);
        PricingEngine engine = PricingEngine.builder().clock(MutableClock.at(at)).rules(rules).build();
        PricingContext context = PricingContext.of(Channel.of("app", ChannelKind.APP), ZoneOffset.UTC,
                at).firstOrder(true);
        ItemQuote quote = engine.quote(sku, context);
        Money floor = rules.guardrail(sku).effectiveFloor().orElseThrow();
        assertTrue(!quote.price().isNegative());
        assertTrue(!quote.price().isLessThan(floor), quote.price() + " < floor " + floor + " " + quote.steps());
        assertEquals(quote, engine.quote(sku, context), "quoting twice gives the same quote");
        // every step starts where the previous one ended
        for (int i = 1; i < quote.steps().size(); i++) {
            assertEquals(quote.steps().get(i - 1).after(), quote.steps().get(i).before());
        }
        assertEquals(quote.price(), quote.steps().get(quote.steps().size() - 1).after());
    }

    @Property
    void clampedChannelPricesStayInsideTheBand(@ForAll @LongRange(min = 100, max = 100_000) long a,
            @ForAll @LongRange(min = 100, max = 100_000) long b, @ForAll @LongRange(min = 100, max = 100_000) long c,
            @ForAll @IntRange(min = 0, max = 3_000) int tolerance) {
        Sku sku = Sku.of("S");
        List<Channel> channels = List.of(Channel.of("app", ChannelKind.APP),
                Channel.of("mini", ChannelKind.MINI_PROGRAM), Channel.of("live", ChannelKind.LIVE_STREAM));
        PricingRules rules = PricingRules.builder("p", CNY).sku(sku, Money.ofMinor(a, CNY))
                .channelPrice(sku, channels.get(1).id(), Money.ofMinor(b, CNY))
                .channelPrice(sku, channels.get(2).id(), Money.ofMinor(c, CNY))
                .channelConsistency(new ChannelConsistency(BasisPoints.of(tolerance), true, Set.of())).build();
        Instant at = Instant.parse("2026-11-22T00:00:00Z");
        PricingEngine engine = PricingEngine.builder().clock(MutableClock.at(at)).rules(rules).build();
        ChannelPrices prices = engine.channelPrices(sku, PricingContext.of(channels.get(0), ZoneOffset.UTC, at),
                channels);
        long low = prices.prices().values().stream().mapToLong(Money::minorUnits).min().orElseThrow();
        long high = prices.prices().values().stream().mapToLong(Money::minorUnits).max().orElseThrow();
        assertTrue(high * 10_000 <= low * (10_000L + tolerance), prices.toString());
        assertEquals(Math.min(a, Math.min(b, c)), low, "the lowest price is kept");
        assertEquals(!prices.conflicts().isEmpty(), prices.clamped());
    }
}

package io.github.omniretail.pricing;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.UnknownSkuException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.CurrencyMismatchException;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PricingPipelineTest {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId URUMQI = ZoneId.of("Asia/Urumqi"); // UTC+6: two hours behind Shanghai
    private static final Channel APP = Channel.of("app", ChannelKind.APP);
    private static final Channel STORE = Channel.of("store-pos", ChannelKind.STORE_POS);
    private static final Sku MILK = Sku.of("MILK-1L");
    private static final Sku STRAWBERRY = Sku.of("STRAWBERRY-500G");
    private static final Sku COFFEE = Sku.of("LATTE");
    private static final NodeId AIRPORT = NodeId.of("HZ-AIRPORT");
    private static final NodeId KASHGAR = NodeId.of("XJ-KASHGAR");
    private static final Instant NOON = Instant.parse("2026-11-22T04:00:00Z"); // 12:00 in Shanghai

    private static Money yuan(String amount) {
        return Money.parse(amount, CNY);
    }

    private static PricingRules.Builder rules() {
        return PricingRules.builder("v1", CNY)
                .sku(MILK, yuan("12.80"), "dairy")
                .sku(STRAWBERRY, yuan("39.90"), "fresh")
                .sku(COFFEE, yuan("28.00"), "coffee");
    }

    private static PricingEngine engine(PricingRules rules) {
        return PricingEngine.builder().clock(MutableClock.at(NOON)).rules(rules).build();
    }

    private static PricingContext app() {
        return PricingContext.of(APP, SHANGHAI, NOON);
    }

    @Test
    void listPriceChannelPriceAndSceneModifier() {
        PricingEngine engine = engine(rules().channelPrice(MILK, STORE.id(), yuan("12.50")).scene(AIRPORT, BasisPoints.of(500))
                .build());
        ItemQuote list = engine.quote(MILK, app());
        assertEquals(yuan("12.80"), list.price());
        assertEquals(1, list.steps().size());
        ItemQuote store = engine.quote(MILK, PricingContext.of(STORE, SHANGHAI, NOON));
        assertEquals(yuan("12.50"), store.price());
        ItemQuote airport = engine.quote(MILK, PricingContext.of(STORE, SHANGHAI, NOON).atNode(AIRPORT, SHANGHAI));
        assertEquals(yuan("13.12"), airport.price(), "12.50 + 5 % = 13.125, half-even to 13.12");
        assertEquals("node HZ-AIRPORT: +5.00%", airport.step(PriceStage.SCENE).orElseThrow().reason());
    }

    @Test
    void memberTierAndFirstOrderPricesTakeTheLowerPrice() {
        PricingRules rules = rules().tierPrice("gold", MILK, yuan("11.50")).tierDiscount("silver", BasisPoints.of(500))
                .newCustomerDiscount(BasisPoints.of(2000)).build();
        MemberId gold = MemberId.of("gold-member");
        MemberId silver = MemberId.of("silver-member");
        PricingEngine engine = PricingEngine.builder().clock(MutableClock.at(NOON)).rules(rules)
                .tierLookup(m -> m.equals(gold) ? Optional.of("gold") : m.equals(silver) ? Optional.of("silver")
                        : Optional.empty()).build();
        assertEquals(yuan("11.50"), engine.quote(MILK, app().forMember(gold)).price());
        assertEquals(yuan("12.16"), engine.quote(MILK, app().forMember(silver)).price());
        assertEquals(yuan("12.80"), engine.quote(MILK, app().forMember(MemberId.of("nobody"))).price());
        ItemQuote first = engine.quote(MILK, app().forMember(silver).firstOrder(true));
        assertEquals(yuan("9.73"), first.price(), "12.16 - 20 % = 9.728");
        assertEquals(PriceStage.NEW_CUSTOMER, first.steps().get(first.steps().size() - 1).stage());
    }

    @Test
    void eveningMarkdownFollowsTheStoresTimeZone() {
        PricingRules rules = rules().schedule(new TimeOfDaySchedule("fresh-evening", Set.of("fresh"), Set.of(),
                LocalTime.of(20, 0), LocalTime.of(2, 0), BasisPoints.of(3000))).build();
        PricingEngine engine = engine(rules);
        // 20:30 in Shanghai is 18:30 in Kashgar (Urumqi time): the markdown runs in Shanghai only
        Instant t = Instant.parse("2026-11-22T12:30:00Z");
        ItemQuote shanghai = engine.quote(STRAWBERRY, PricingContext.of(STORE, SHANGHAI, t));
        assertEquals(yuan("27.93"), shanghai.price());
        assertEquals("20:00-02:00 Asia/Shanghai: -30.00%", shanghai.step(PriceStage.TIME_OF_DAY).orElseThrow().reason());
        assertEquals(yuan("39.90"), engine.quote(STRAWBERRY, PricingContext.of(STORE, SHANGHAI, t)
                .atNode(KASHGAR, URUMQI)).price());
        // after midnight the wrapped window still applies; not to dairy
        Instant late = Instant.parse("2026-11-22T17:30:00Z"); // 01:30 Shanghai
        assertEquals(yuan("27.93"), engine.quote(STRAWBERRY, PricingContext.of(STORE, SHANGHAI, late)).price());
        assertEquals(yuan("12.80"), engine.quote(MILK, PricingContext.of(STORE, SHANGHAI, late)).price());
    }

    @Test
    void shelfLifeMarkdownByDaysToExpiry() {
        PricingRules rules = rules().shelfLife(ShelfLifeMarkdown.of("dairy-expiry", Set.of("dairy"),
                Map.of(0, BasisPoints.of(5000), 1, BasisPoints.of(3000), 3, BasisPoints.of(1000)))).build();
        PricingEngine engine = engine(rules);
        LocalDate today = LocalDate.of(2026, 11, 22);
        assertEquals(yuan("6.40"), engine.quote(MILK, today, app()).price());
        assertEquals(yuan("8.96"), engine.quote(MILK, today.plusDays(1), app()).price());
        assertEquals(yuan("11.52"), engine.quote(MILK, today.plusDays(3), app()).price());
        assertEquals(yuan("12.80"), engine.quote(MILK, today.plusDays(4), app()).price());
        assertThrows(IllegalArgumentException.class, () -> engine.quote(MILK, today.minusDays(1), app()));
    }

    @Test
    void theLotViewTellsTheShelfLifeStageWhichBatchAQuoteAtANodeSells() {
        PricingRules rules = rules().shelfLife(ShelfLifeMarkdown.of("dairy-expiry", Set.of("dairy"),
                Map.of(0, BasisPoints.of(5000), 1, BasisPoints.of(3000), 3, BasisPoints.of(1000)))).build();
        // the next lot at the airport is best before tomorrow (it expires at the start of the day after)
        Instant tomorrowsEnd = LocalDate.of(2026, 11, 24).atStartOfDay(SHANGHAI).toInstant();
        Map<NodeId, Instant> nextLot = new java.util.concurrent.ConcurrentHashMap<>(Map.of(AIRPORT, tomorrowsEnd));
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        PricingEngine engine = PricingEngine.builder().clock(MutableClock.at(NOON)).rules(rules)
                .lotView((sku, node, channel) -> {
                    asked.incrementAndGet();
                    return Optional.ofNullable(nextLot.get(node));
                }).build();
        PricingContext airport = app().atNode(AIRPORT, SHANGHAI);
        ItemQuote quote = engine.quote(MILK, airport);
        assertEquals(yuan("8.96"), quote.price(), "one day left: -30 %");
        assertEquals(engine.quote(MILK, LocalDate.of(2026, 11, 23), airport), quote,
                "the same quote as naming the batch by hand");
        assertTrue(engine.verify(quote, airport));
        nextLot.put(AIRPORT, tomorrowsEnd.plus(Duration.ofDays(5)));
        assertFalse(engine.verify(quote, airport), "the short-dated lot sold out: the quote no longer stands");
        assertEquals(yuan("12.80"), engine.quote(MILK, airport).price());
        assertEquals(yuan("12.80"), engine.quote(MILK, app()).price(), "no node: no lot to ask about");
        int before = asked.get();
        engine.updateRules(rules().build());
        engine.quote(MILK, airport);
        assertEquals(before, asked.get(), "rules without shelf-life markdowns never ask");
    }

    @Test
    void stockCoverMovesThePriceWithinBounds() {
        PricingRules rules = rules().stockCover(new StockCoverPolicy(3, 14, BasisPoints.of(1000),
                BasisPoints.of(2000))).build();
        Map<Sku, Double> cover = Map.of(MILK, 0.0, STRAWBERRY, 40.0, COFFEE, 7.0);
        PricingEngine engine = PricingEngine.builder().clock(MutableClock.at(NOON)).rules(rules)
                .stockCover((sku, node) -> OptionalDouble.of(cover.get(sku))).build();
        assertEquals(yuan("14.08"), engine.quote(MILK, app()).price(), "no cover: +10 %");
        assertEquals(yuan("31.92"), engine.quote(STRAWBERRY, app()).price(), "far above target: -20 %");
        assertEquals(yuan("28.00"), engine.quote(COFFEE, app()).price(), "inside the band");
    }

    @Test
    void optimiserPicksTheRevenueMaximisingGridPrice() {
        // elasticity -2 with margin: optimum at cost × e/(1+e) = 2 × cost
        PricingRules rules = rules().optimiser(COFFEE, new PriceOptimiser("latte-opt", yuan("28.00"), 100, -2,
                PriceOptimiser.Objective.MARGIN, yuan("10.00"), yuan("40.00"), yuan("0.50"),
                Optional.of(yuan("9.00")))).build();
        assertEquals(yuan("18.00"), engine(rules).quote(COFFEE, app()).price());
    }

    @Test
    void guardrailsClampAndEndingsNeverBreakTheFloor() {
        PricingRules rules = rules().newCustomerDiscount(BasisPoints.of(9000))
                .guardrail(MILK, Guardrail.costPlus(yuan("10.00"), BasisPoints.of(1000)).withCeiling(yuan("13.00")))
                .ending(PriceEnding.NINETY_NINE).build();
        PricingEngine engine = engine(rules);
        ItemQuote first = engine.quote(MILK, app().firstOrder(true));
        // 90 % off would give 1.28; the floor is cost 10.00 + 10 % = 11.00, and .99 must not go below it: 11.99
        assertEquals(yuan("11.99"), first.price());
        assertEquals(Optional.of(yuan("11.00")), first.floor());
        assertTrue(first.step(PriceStage.GUARDRAIL).orElseThrow().reason().contains("floor CNY 11.00"));
        assertEquals(yuan("12.99"), engine.quote(MILK, app()).price(), "12.80: the nearest .99 is 12.99");
        PricingRules tight = rules().guardrail(MILK, Guardrail.none().withCeiling(yuan("12.90")))
                .ending(PriceEnding.NINETY_NINE).build();
        assertEquals(yuan("11.99"), engine(tight).quote(MILK, app()).price(), "12.99 passes the ceiling: 11.99");
    }

    @Test
    void maxChangePerPeriodIsMeasuredAgainstThePublishedPrice() {
        MutableClock clock = MutableClock.at(NOON.minus(Duration.ofDays(2)));
        PricingRules before = rules().build();
        PricingEngine engine = PricingEngine.builder().clock(clock).rules(before).build();
        engine.publish(engine.quote(STRAWBERRY, app().at(clock.instant())));
        clock.set(NOON);
        PricingRules cut = PricingRules.builder("v2", CNY).sku(STRAWBERRY, yuan("19.90"), "fresh")
                .guardrail(STRAWBERRY, Guardrail.none().withMaxChange(BasisPoints.of(2000), Duration.ofDays(1)))
                .build();
        engine.updateRules(cut);
        ItemQuote quote = engine.quote(STRAWBERRY, app());
        assertEquals(yuan("31.92"), quote.price(), "at most -20 % within a day of the 39.90 in effect");
        assertEquals(Optional.of(yuan("39.90")), quote.lowestPrice30Days(), "Omnibus: lowest of the last 30 days");
        assertEquals(Optional.empty(), engine.quote(STRAWBERRY, app().at(NOON.minus(Duration.ofDays(40))))
                .lowestPrice30Days());
    }

    @Test
    void minimumAdvertisedPriceHolds() {
        PricingRules rules = rules().newCustomerDiscount(BasisPoints.of(5000))
                .guardrail(COFFEE, Guardrail.none().withMinimumAdvertised(yuan("20.00"))).build();
        assertEquals(yuan("20.00"), engine(rules).quote(COFFEE, app().firstOrder(true)).price());
    }

    @Test
    void quotesCarryTheVersionAndAHashThatReVerifies() {
        PricingEngine engine = engine(rules().build());
        ItemQuote quote = engine.quote(MILK, app());
        assertEquals("v1", quote.rulesVersion());
        assertEquals(quote, engine.quote(MILK, app()), "quoting twice gives the same quote");
        assertTrue(engine.verify(quote, app()));
        engine.updateRules(PricingRules.builder("v2", CNY).sku(MILK, yuan("13.80"), "dairy").build());
        assertFalse(engine.verify(quote, app()));
        ItemQuote fresh = engine.quote(MILK, app());
        assertEquals(yuan("13.80"), fresh.price(), "the cache was dropped with the old rules");
        assertNotEquals(quote.hash(), fresh.hash());
    }

    @Test
    void badInputIsRejectedClearly() {
        PricingEngine engine = engine(rules().build());
        UnknownSkuException unknown = assertThrows(UnknownSkuException.class,
                () -> engine.quote(Sku.of("NOPE"), app()));
        assertEquals(Sku.of("NOPE"), unknown.sku());
        assertThrows(CurrencyMismatchException.class, () -> PricingRules.builder("x", CNY)
                .sku(MILK, Money.parse("1.00", Currency.getInstance("USD"))));
        assertThrows(IllegalArgumentException.class, () -> PricingRules.builder("x", CNY).sku(MILK, yuan("-1.00")));
        assertThrows(IllegalArgumentException.class, () -> Guardrail.costPlus(yuan("10.00"), BasisPoints.of(1000))
                .withCeiling(yuan("10.50")));
        assertThrows(IllegalArgumentException.class, () -> new TimeOfDaySchedule("t", Set.of(), Set.of(),
                LocalTime.NOON, LocalTime.NOON, BasisPoints.of(100)));
        assertThrows(CurrencyMismatchException.class, () -> engine.updateRules(PricingRules.builder("usd",
                Currency.getInstance("USD")).build()));
    }

    @Test
    void pluggedAdjustersRunInTheirStageAndGuardrailsStillApply() {
        PricingRules rules = rules().guardrail(MILK, Guardrail.none().withFloor(yuan("10.00"))).build();
        PricingEngine engine = PricingEngine.builder().clock(MutableClock.at(NOON)).rules(rules)
                .adjuster(PriceStage.STOCK_COVER, (sku, price, context) -> Optional.of(
                        new io.github.omniretail.pricing.spi.PriceAdjuster.Adjustment(yuan("9.00"), "my-clearance",
                                "warehouse clearance")))
                .build();
        ItemQuote quote = engine.quote(MILK, app());
        assertEquals(yuan("10.00"), quote.price(), "the floor still wins");
        PriceStep plugged = quote.step(PriceStage.STOCK_COVER).orElseThrow();
        assertEquals("my-clearance", plugged.rule());
        assertEquals(yuan("9.00"), plugged.after());
        assertThrows(IllegalArgumentException.class, () -> PricingEngine.builder().adjuster(PriceStage.GUARDRAIL,
                (sku, price, context) -> Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> PricingEngine.builder().adjuster(PriceStage.BASE,
                (sku, price, context) -> Optional.empty()));
    }
}

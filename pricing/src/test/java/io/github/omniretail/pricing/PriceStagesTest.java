package io.github.omniretail.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.Sku;
import io.github.omniretail.pricing.spi.PriceHistory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each per-quote price stage on its own: what it sees, the one step it takes, and when it takes none. */
class PriceStagesTest {

    private static final Currency CNY = Currency.getInstance("CNY");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Channel APP = Channel.of("app", ChannelKind.APP);
    private static final Sku BREAD = Sku.of("BREAD");
    private static final Instant EVENING = Instant.parse("2026-12-01T12:30:00Z"); // 20:30 in Shanghai

    private static Money yuan(String amount) {
        return Money.parse(amount, CNY);
    }

    private static PriceStages.Input input(PricingRules rules, Optional<LocalDate> expires, Instant at) {
        PricingContext context = PricingContext.of(APP, SHANGHAI, at);
        return new PriceStages.Input(BREAD, context, LocalDateTime.ofInstant(at, SHANGHAI), expires, rules);
    }

    private static PricingRules.Builder rules() {
        return PricingRules.builder("r1", CNY).sku(BREAD, yuan("20.00"), "bakery");
    }

    @Test
    void timeOfDayTakesTheLargestCoveringDiscountAndNothingOutsideItsWindow() {
        PricingRules rules = rules()
                .schedule(new TimeOfDaySchedule("evening", Set.of("bakery"), Set.of(), LocalTime.of(20, 0),
                        LocalTime.of(22, 0), BasisPoints.of(3_000)))
                .schedule(new TimeOfDaySchedule("late", Set.of(), Set.of(BREAD), LocalTime.of(19, 0),
                        LocalTime.of(23, 0), BasisPoints.of(2_000))).build();
        PriceStages.TimeOfDay stage = new PriceStages.TimeOfDay();
        PriceStep step = stage.apply(input(rules, Optional.empty(), EVENING), yuan("20.00")).orElseThrow();
        assertEquals("evening", step.rule());
        assertEquals(yuan("14.00"), step.after());
        assertTrue(stage.apply(input(rules, Optional.empty(), EVENING.minus(Duration.ofHours(3))), yuan("20.00"))
                .isEmpty(), "17:30 is outside both windows");
    }

    @Test
    void shelfLifeMarksDownByDaysLeftAndRefusesAnExpiredBatch() {
        PricingRules rules = rules().shelfLife(ShelfLifeMarkdown.of("fresh", Set.of("bakery"),
                Map.of(0, BasisPoints.of(5_000), 2, BasisPoints.of(2_000)))).build();
        PriceStages.ShelfLife stage = new PriceStages.ShelfLife();
        LocalDate today = LocalDate.of(2026, 12, 1);
        assertEquals(yuan("10.00"), stage.apply(input(rules, Optional.of(today), EVENING), yuan("20.00"))
                .orElseThrow().after(), "expires today: -50%");
        assertEquals(yuan("16.00"), stage.apply(input(rules, Optional.of(today.plusDays(2)), EVENING),
                yuan("20.00")).orElseThrow().after(), "two days left: -20%");
        assertTrue(stage.apply(input(rules, Optional.of(today.plusDays(5)), EVENING), yuan("20.00")).isEmpty());
        assertTrue(stage.apply(input(rules, Optional.empty(), EVENING), yuan("20.00")).isEmpty(), "no batch");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> stage.apply(input(rules, Optional.of(today.minusDays(1)), EVENING), yuan("20.00")));
        assertTrue(e.getMessage().contains("expired on 2026-11-30"), e.getMessage());
    }

    @Test
    void guardrailsNameEveryBoundTheyApplyInOrder() {
        PriceHistory history = PriceHistory.inMemory();
        history.record(BREAD, APP.id(), EVENING.minus(Duration.ofDays(10)), yuan("20.00"));
        Guardrail guardrail = new Guardrail(Optional.of(yuan("9.00")), BasisPoints.of(1_000), Optional.empty(),
                Optional.empty(), Optional.of(BasisPoints.of(3_000)), Duration.ofDays(7), Optional.empty());
        PricingRules rules = rules().guardrail(BREAD, guardrail).build();
        PriceStages.Guardrails stage = new PriceStages.Guardrails(history);
        PriceStep step = stage.apply(input(rules, Optional.empty(), EVENING), yuan("5.00")).orElseThrow();
        assertEquals(yuan("14.00"), step.after(), "at most -30% a week from 20.00");
        assertEquals("at most -30.00% per PT168H from CNY 20.00", step.reason());
        assertTrue(stage.apply(input(rules, Optional.empty(), EVENING), yuan("18.00")).isEmpty());
    }

    @Test
    void theEndingStaysInsideTheFloor() {
        PricingRules rules = rules().ending(PriceEnding.NINETY_NINE)
                .guardrail(BREAD, Guardrail.costPlus(yuan("12.00"), BasisPoints.of(0))).build();
        PriceStages.Ending stage = new PriceStages.Ending();
        assertEquals(yuan("12.99"), stage.apply(input(rules, Optional.empty(), EVENING), yuan("12.10"))
                .orElseThrow().after(), "11.99 is nearer but below the 12.00 floor");
        assertEquals(yuan("14.99"), stage.apply(input(rules, Optional.empty(), EVENING), yuan("15.20"))
                .orElseThrow().after());
        assertTrue(stage.apply(input(rules, Optional.empty(), EVENING), yuan("13.99")).isEmpty());
    }

    @Test
    void newCustomerNeverRaisesThePrice() {
        PricingRules rules = rules().newCustomerPrice(BREAD, yuan("25.00")).build();
        PricingContext first = PricingContext.of(APP, SHANGHAI, EVENING).firstOrder(true);
        PriceStages.Input in = new PriceStages.Input(BREAD, first, LocalDateTime.ofInstant(EVENING, SHANGHAI),
                Optional.empty(), rules);
        assertEquals(yuan("20.00"), new PriceStages.NewCustomer().apply(in, yuan("20.00")).orElseThrow().after());
        assertTrue(new PriceStages.NewCustomer().apply(input(rules, Optional.empty(), EVENING), yuan("20.00"))
                .isEmpty(), "not a first order");
    }
}

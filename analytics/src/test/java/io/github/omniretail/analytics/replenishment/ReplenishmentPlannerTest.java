package io.github.omniretail.analytics.replenishment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.omniretail.analytics.forecast.DemandForecast;
import io.github.omniretail.analytics.forecast.DemandForecaster;
import io.github.omniretail.analytics.forecast.ForecastMethod;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.ExpectedReceipt;
import io.github.omniretail.inventory.InventoryEngine;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplenishmentPlannerTest {
    static final Sku MILK = Sku.of("MILK");
    static final NodeId DC = NodeId.of("DC");
    static final NodeId A = NodeId.of("A");
    static final NodeId B = NodeId.of("B");
    static final Instant NOW = Instant.parse("2026-11-22T20:00:00Z");
    static final DemandForecaster SES = DemandForecaster.builder().horizon(10)
            .methods(EnumSet.of(ForecastMethod.SES)).build();

    static int[] constant(int units, int days) {
        int[] h = new int[days];
        Arrays.fill(h, units);
        return h;
    }

    @Test
    void daysOfCoverOrdersUpToItsLevelWhenAtOrBelowTheReorderPoint() {
        ReplenishmentPlanner planner = ReplenishmentPlanner.builder().safetyRule(SafetyRule.daysOfCover(3))
                .defaultSource(Source.supplier("dairy-co", Duration.ofDays(2))).build();
        // Average 4 a day: safety 12; reorder point 4 × 2 + 12 = 20; order-up-to 4 × 3 + 12 = 24; position 15 − 2 + 3.
        ReplenishmentPlan plan = planner.plan(List.of(new Stock(MILK, A, constant(4, 60), 15, 2, 3)), NOW);
        PositionPlan p = plan.positions().get(0);
        assertEquals(new PositionPlan(MILK, A, p.method(), 4.0, 12, 20, 24, 16, 8, 8), p);
        assertEquals(List.of(new Suggestion.PurchaseOrder(MILK, "dairy-co", A, 8, NOW.plus(Duration.ofDays(2)))),
                plan.suggestions());
        // Above the reorder point nothing is ordered.
        assertEquals(List.of(), planner.plan(List.of(new Stock(MILK, A, constant(4, 60), 21, 0, 0)), NOW).suggestions());
    }

    static ReplenishmentPlanner twoEchelons() {
        return ReplenishmentPlanner.builder().forecaster(SES).safetyRule(new SafetyRule.Fixed(3))
                .defaultSource(Source.transferFrom(DC, Duration.ofDays(1)))
                .source(DC, Source.supplier("dairy-co", Duration.ofDays(3))).build();
    }

    static List<Stock> network() {
        return List.of(new Stock(MILK, DC, constant(0, 60), 10, 0, 0), new Stock(MILK, A, constant(5, 60), 2, 0, 0),
                new Stock(MILK, B, constant(5, 60), 6, 0, 0));
    }

    @Test
    void theDcGrantsTheMostUrgentStoreFirstAndOrdersOnEchelonDemand() {
        ReplenishmentPlan plan = twoEchelons().plan(network(), NOW);
        // Stores: reorder point 5 + 3 = 8, order-up-to 10 + 3 = 13. A (2 on hand) asks 11, B (6) asks 7.
        // The DC spares 10: A first (0.4 days of cover against B's 1.2) gets 10, B nothing: shortfall 1 + 7.
        // DC: echelon demand 10 a day; position 10 − 10 granted = 0; reorder point 30 + 3; order-up-to 40 + 3.
        assertEquals(List.of(new Suggestion.TransferOrder(MILK, DC, A, 10, NOW.plus(Duration.ofDays(1))),
                new Suggestion.PurchaseOrder(MILK, "dairy-co", DC, 43, NOW.plus(Duration.ofDays(3)))), plan.suggestions());
        assertEquals(8, plan.shortfall());
        assertEquals(List.of(A, B, DC), plan.positions().stream().map(PositionPlan::node).toList());
        assertEquals(new PositionPlan(MILK, B, ForecastMethod.SES, 5.0, 3, 8, 13, 6, 7, 0), plan.positions().get(1));
        assertEquals(new PositionPlan(MILK, DC, ForecastMethod.SES, 10.0, 3, 33, 43, 0, 43, 43), plan.positions().get(2));
    }

    @Test
    void applyingThePlanDispatchesTransfersExpectsPurchaseOrdersAndIsIdempotent() {
        InventoryEngine engine = InventoryEngine.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).autoRegister(true)
                .build();
        engine.receive(IdempotencyKey.of("r1"), MILK, DC, 10);
        engine.receive(IdempotencyKey.of("r2"), MILK, A, 2);
        engine.receive(IdempotencyKey.of("r3"), MILK, B, 6);
        ReplenishmentPlan plan = twoEchelons().plan(network(), NOW);
        assertEquals(2, plan.apply(engine, "2026-11-22"));
        assertEquals(0, engine.position(MILK, DC).onHand());
        assertEquals(List.of(ExpectedReceipt.Kind.TRANSFER), engine.inbound(MILK, A).stream().map(ExpectedReceipt::kind).toList());
        assertEquals(10, engine.inbound(MILK, A).get(0).quantity());
        assertEquals(43, engine.inbound(MILK, DC).get(0).quantity());
        assertEquals(ExpectedReceipt.Kind.PURCHASE_ORDER, engine.inbound(MILK, DC).get(0).kind());
        plan.apply(engine, "2026-11-22");
        assertEquals(1, engine.inbound(MILK, A).size());
        assertEquals(1, engine.inbound(MILK, DC).size());
        assertEquals(0, engine.position(MILK, DC).onHand());
        plan.applySafetyStock(engine);
        assertEquals(3, engine.position(MILK, A).safetyStock());
    }

    @Test
    void aServiceLevelSetsSafetyStockFromTheForecastError() {
        int[] history = new int[120];
        for (int i = 0; i < history.length; i++) {
            history[i] = i % 2 == 0 ? 6 : 14;
        }
        ReplenishmentPlanner planner = ReplenishmentPlanner.builder().forecaster(SES)
                .safetyRule(SafetyRule.serviceLevel(new BigDecimal("95")))
                .defaultSource(Source.supplier("s", Duration.ofDays(4))).build();
        DemandForecast f = SES.forecast(history);
        PositionPlan p = planner.plan(List.of(new Stock(MILK, A, history, 0, 0, 0)), NOW).positions().get(0);
        assertEquals((int) Math.ceil(1.6448536 * f.sigma() * 2), p.safetyStock());
        assertEquals((int) Math.ceil(f.unitsOver(1, 4) + p.safetyStock()), p.reorderPoint());
    }

    @Test
    void misconfigurationsAreRefusedPrecisely() {
        assertEquals("defaultSource is required",
                assertThrows(IllegalStateException.class, () -> ReplenishmentPlanner.builder().build()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReplenishmentPlanner.builder()
                .defaultSource(Source.transferFrom(DC, Duration.ofDays(1)))
                .source(DC, Source.transferFrom(B, Duration.ofDays(1))).build());
        assertThrows(IllegalArgumentException.class, () -> ReplenishmentPlanner.builder().source(A,
                Source.transferFrom(A, Duration.ofDays(1))));
        ReplenishmentPlanner planner = twoEchelons();
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> planner.plan(
                List.of(new Stock(MILK, A, new int[] {1}, 0, 0, 0), new Stock(MILK, A, new int[] {1}, 0, 0, 0)), NOW));
        assertEquals("position MILK at A appears twice", dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SafetyRule.ServiceLevel(io.github.omniretail.core.BasisPoints.of(10_000)));
    }
}

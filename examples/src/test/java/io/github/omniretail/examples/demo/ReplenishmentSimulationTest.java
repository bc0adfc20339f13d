package io.github.omniretail.examples.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.analytics.replenishment.PositionPlan;
import io.github.omniretail.analytics.replenishment.ReplenishmentPlan;
import io.github.omniretail.analytics.replenishment.ReplenishmentPlanner;
import io.github.omniretail.analytics.replenishment.SafetyRule;
import io.github.omniretail.analytics.replenishment.Source;
import io.github.omniretail.analytics.replenishment.Stock;
import io.github.omniretail.core.FulfillmentNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A simulated 30-day run on the demo's demand process: every evening each position is planned and what it orders
 * arrives two days later; the next day's demand is served from stock on hand. The fixed rule (safety stock of 3 days
 * of cover over a 28-day average) against the forecast-driven one (95 % cycle service level), both through the same planner.
 * Stock-out rate: position-days whose demand was not fully served ÷ position-days with demand; average stock: units on
 * hand at each day's close, over positions and days.
 */
class ReplenishmentSimulationTest {
    static final int HISTORY = 364;
    static final int DAYS = 30;
    static final Duration LEAD = Duration.ofDays(2);

    record Outcome(long stockOutDays, long demandedDays, double averageStock) {
        double stockOutRate() {
            return (double) stockOutDays / demandedDays;
        }
    }

    @Test
    void forecastDrivenSafetyStockRunsOutLessWithNoMoreStock() {
        RetailWorld world = RetailWorld.generate(20261122, 0.05);
        DemandHistory history = new DemandHistory(world);
        List<RetailWorld.Product> products = world.products().subList(0, 50);
        List<FulfillmentNode> nodes = world.stores().subList(0, 4);
        List<DemandHistory.Series> series = new ArrayList<>();
        for (RetailWorld.Product p : products) {
            for (FulfillmentNode n : nodes) {
                series.add(history.series(p, n, RetailWorld.DAY.plusDays(DAYS - 1), HISTORY + DAYS));
            }
        }
        Outcome fixed = run(world, products, nodes, series, SafetyRule.daysOfCover(3));
        Outcome forecast = run(world, products, nodes, series, SafetyRule.serviceLevel(new BigDecimal("95")));
        System.out.printf(Locale.ROOT, "30 days, %d positions: days of cover 3 → stock-out %.2f%% (%d of %d demanded days),"
                + " average stock %.1f units; service level 95%% → stock-out %.2f%% (%d of %d), average stock %.1f units%n",
                series.size(), 100 * fixed.stockOutRate(), fixed.stockOutDays(), fixed.demandedDays(), fixed.averageStock(),
                100 * forecast.stockOutRate(), forecast.stockOutDays(), forecast.demandedDays(), forecast.averageStock());
        assertTrue(forecast.stockOutRate() < fixed.stockOutRate(), forecast + " vs " + fixed);
        assertTrue(forecast.averageStock() <= fixed.averageStock(), forecast + " vs " + fixed);
    }

    static Outcome run(RetailWorld world, List<RetailWorld.Product> products, List<FulfillmentNode> nodes,
            List<DemandHistory.Series> series, SafetyRule rule) {
        ReplenishmentPlanner planner = ReplenishmentPlanner.builder().safetyRule(rule)
                .defaultSource(Source.supplier("supplier", LEAD)).build();
        int n = series.size();
        int[] onHand = new int[n];
        int[][] arriving = new int[n][DAYS + 3];
        long stockOut = 0;
        long demanded = 0;
        long stockSum = 0;
        for (int day = 0; day <= DAYS; day++) {
            Instant evening = RetailWorld.DAY.plusDays(day).atStartOfDay(RetailWorld.ZONE).toInstant();
            if (day > 0) {
                for (int i = 0; i < n; i++) {
                    onHand[i] += arriving[i][day];
                    int y = series.get(i).units()[HISTORY + day - 1];
                    if (y > 0) {
                        demanded++;
                        if (y > onHand[i]) {
                            stockOut++;
                        }
                    }
                    onHand[i] -= Math.min(y, onHand[i]);
                    stockSum += onHand[i];
                }
            }
            if (day == DAYS) {
                break;
            }
            List<Stock> stocks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int inbound = 0;
                for (int d = day + 1; d < arriving[i].length; d++) {
                    inbound += arriving[i][d];
                }
                stocks.add(new Stock(products.get(i / nodes.size()).sku(), nodes.get(i % nodes.size()).id(),
                        Arrays.copyOf(series.get(i).units(), HISTORY + day), onHand[i], 0, inbound));
            }
            ReplenishmentPlan plan = planner.plan(stocks, evening);
            for (int i = 0; i < n; i++) {
                PositionPlan p = plan.positions().get(index(plan, stocks.get(i)));
                if (day == 0) {
                    onHand[i] = p.orderUpTo(); // each rule starts at its own target
                } else {
                    arriving[i][day + 2] += p.granted();
                }
            }
        }
        return new Outcome(stockOut, demanded, (double) stockSum / (n * (long) DAYS));
    }

    static int index(ReplenishmentPlan plan, Stock s) {
        List<PositionPlan> ps = plan.positions();
        for (int i = 0; i < ps.size(); i++) {
            if (ps.get(i).sku().equals(s.sku()) && ps.get(i).node().equals(s.node())) {
                return i;
            }
        }
        throw new AssertionError(s.toString());
    }
}

package io.github.omniretail.examples.demo;

import io.github.omniretail.analytics.KpiEvent;
import io.github.omniretail.analytics.Kpis;
import io.github.omniretail.analytics.forecast.DemandForecast;
import io.github.omniretail.analytics.forecast.DemandForecaster;
import io.github.omniretail.analytics.forecast.ForecastMethod;
import io.github.omniretail.analytics.replenishment.ReplenishmentPlan;
import io.github.omniretail.analytics.replenishment.ReplenishmentPlanner;
import io.github.omniretail.analytics.replenishment.SafetyRule;
import io.github.omniretail.analytics.replenishment.Source;
import io.github.omniretail.analytics.replenishment.Stock;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.ExpectedReceipt;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.Position;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the day means for tomorrow: for the day's ten best-selling SKUs, the forecast made from two years of history
 * up to yesterday against what sold; and tomorrow's replenishment plan for every stocked position, made at 23:00 —
 * forecasts from that history plus today, a 95 % service level, the DC's overnight transfers reaching stores and dark
 * stores in 8 hours, a supplier the DC in two days. Immutable.
 *
 * @param top the top SKUs, best-selling first
 * @param plan tomorrow's plan
 */
public record Outlook(List<SkuForecast> top, ReplenishmentPlan plan) {
    /** Days of history behind every forecast. */
    public static final int HISTORY_DAYS = 728;

    /** Copies. */
    public Outlook {
        top = List.copyOf(top);
    }

    /**
     * One SKU's forecast for the day against what sold, over the nodes that stock it.
     *
     * @param sku the SKU
     * @param category its category
     * @param method the method chosen for most of its nodes
     * @param forecast expected units (sum over nodes)
     * @param low80 lower bound of the 80 % interval (normal approximation over nodes)
     * @param high80 upper bound
     * @param actual units sold
     */
    public record SkuForecast(Sku sku, String category, ForecastMethod method, double forecast, double low80,
            double high80, long actual) {
    }

    static Outlook of(RetailWorld world, InventoryEngine inventory, Set<Kpis.Position> ranged, List<KpiEvent> events) {
        Instant close = RetailWorld.DAY.atTime(23, 0).atZone(RetailWorld.ZONE).toInstant();
        DemandHistory history = new DemandHistory(world);
        Map<Kpis.Position, Integer> sold = new HashMap<>();
        Map<Sku, Long> soldBySku = new HashMap<>();
        for (KpiEvent e : events) {
            if (e instanceof KpiEvent.OrderPlaced o) {
                for (KpiEvent.Line l : o.lines()) {
                    sold.merge(new Kpis.Position(l.sku(), o.store()), l.units(), Integer::sum);
                    soldBySku.merge(l.sku(), (long) l.units(), Long::sum);
                }
            }
        }
        Map<Sku, RetailWorld.Product> products = new HashMap<>();
        world.products().forEach(p -> products.put(p.sku(), p));
        Map<NodeId, FulfillmentNode> nodes = new HashMap<>();
        world.stockingNodes().forEach(n -> nodes.put(n.id(), n));

        DemandForecaster forecaster = DemandForecaster.builder().horizon(4).levels(80).build();
        List<Stock> stocks = new ArrayList<>(ranged.size());
        Map<Sku, List<int[]>> yesterdays = new HashMap<>();
        List<Sku> top = soldBySku.entrySet().stream()
                .sorted(Map.Entry.<Sku, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10).map(Map.Entry::getKey).toList();
        for (Kpis.Position p : ranged) {
            DemandHistory.Series s = history.series(products.get(p.sku()), nodes.get(p.node()),
                    RetailWorld.DAY.minusDays(1), HISTORY_DAYS);
            if (top.contains(p.sku())) {
                yesterdays.computeIfAbsent(p.sku(), k -> new ArrayList<>()).add(s.units());
            }
            int[] withToday = Arrays.copyOf(s.units(), HISTORY_DAYS + 1);
            withToday[HISTORY_DAYS] = sold.getOrDefault(p, 0);
            Position pos = inventory.position(p.sku(), p.node());
            int inbound = inventory.inbound(p.sku(), p.node()).stream().mapToInt(ExpectedReceipt::quantity).sum();
            stocks.add(new Stock(p.sku(), p.node(), withToday, pos.onHand(), Math.min(pos.held(), pos.onHand()), inbound));
        }
        List<SkuForecast> forecasts = new ArrayList<>();
        for (Sku sku : top) {
            double mean = 0;
            double variance = 0;
            Map<ForecastMethod, Integer> methods = new EnumMap<>(ForecastMethod.class);
            for (DemandForecast f : forecaster.forecastAll(yesterdays.getOrDefault(sku, List.of()))) {
                mean += f.mean(1);
                variance += f.sigma() * f.sigma();
                methods.merge(f.method(), 1, Integer::sum);
            }
            double half = 1.2816 * Math.sqrt(variance);
            ForecastMethod method = methods.entrySet().stream().max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey).orElse(ForecastMethod.SES);
            forecasts.add(new SkuForecast(sku, products.get(sku).category(), method, mean, Math.max(0, mean - half),
                    mean + half, soldBySku.get(sku)));
        }
        ReplenishmentPlanner planner = ReplenishmentPlanner.builder()
                .safetyRule(SafetyRule.serviceLevel(new BigDecimal("95")))
                .defaultSource(Source.transferFrom(world.dc().id(), Duration.ofHours(8)))
                .source(world.dc().id(), Source.supplier("supplier", Duration.ofDays(2))).build();
        return new Outlook(forecasts, planner.plan(stocks, close));
    }
}

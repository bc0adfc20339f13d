package io.github.omniretail.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.analytics.KpiCsv;
import io.github.omniretail.analytics.KpiEvent;
import io.github.omniretail.analytics.KpiTracker;
import io.github.omniretail.analytics.Kpis;
import io.github.omniretail.analytics.forecast.DemandForecast;
import io.github.omniretail.analytics.forecast.DemandForecaster;
import io.github.omniretail.analytics.replenishment.ReplenishmentPlan;
import io.github.omniretail.analytics.replenishment.ReplenishmentPlanner;
import io.github.omniretail.analytics.replenishment.SafetyRule;
import io.github.omniretail.analytics.replenishment.Source;
import io.github.omniretail.analytics.replenishment.Stock;
import io.github.omniretail.checkout.Checkout;
import io.github.omniretail.checkout.CheckoutKpis;
import io.github.omniretail.checkout.OrderRequest;
import io.github.omniretail.checkout.PlacedOrder;
import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.InventoryEngine;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code shown in docs/operations.md, compiled and run. */
class OperationsGuideTest {
    static final Currency CNY = Currency.getInstance("CNY");
    static final NodeId STORE = NodeId.of("ST-01");
    static final NodeId DC = NodeId.of("DC-1");
    static final Sku MILK = Sku.of("MILK-1L");

    @Test
    void trackKpis(@TempDir Path exportDir) {
        Instant placedAt = Instant.parse("2026-11-22T02:00:00Z");
        Instant endOfDay = Instant.parse("2026-11-22T16:00:00Z");
        // snippet: kpi-track
        KpiTracker kpis = KpiTracker.builder()
                .currency(CNY)
                .zone(ZoneId.of("Asia/Shanghai"))        // days and cohort months are local
                .repurchaseWindow(Duration.ofDays(90))
                .build();
        // from any thread, as orders, returns and stock change:
        kpis.accept(new KpiEvent.OrderPlaced(placedAt, OrderId.of("A-1001"), Optional.of(MemberId.of("M-7")),
                ChannelKind.MINI_PROGRAM, STORE,
                List.of(new KpiEvent.Line(MILK, 2, Money.parse("25.80", CNY), Optional.of(Money.parse("16.00", CNY)))),
                Optional.of("quote-88"), Optional.of(placedAt.plus(Duration.ofHours(2)))));
        kpis.accept(new KpiEvent.OrderFulfilled(placedAt.plus(Duration.ofMinutes(47)), OrderId.of("A-1001")));

        Kpis today = kpis.kpis(endOfDay);
        Optional<Money> aov = today.total().aov();                       // 客单价
        Optional<BasisPoints> margin = today.total().grossMargin();
        Optional<BasisPoints> own = today.ownChannelOrderShare();        // 私域占比
        Optional<BasisPoints> onTime = today.fulfilment().sameDayOnTimeRate();
        // end-snippet
        assertEquals(Optional.of(Money.parse("25.80", CNY)), aov);
        assertEquals(Optional.of(BasisPoints.of(3798)), margin);
        assertEquals(Optional.of(BasisPoints.of(10_000)), own);
        assertEquals(Optional.of(BasisPoints.of(10_000)), onTime);

        KpiCsv.write(List.of(new KpiEvent.OrderPlaced(placedAt, OrderId.of("A-1001"), Optional.empty(),
                ChannelKind.APP, STORE, List.of(new KpiEvent.Line(MILK, 1, Money.parse("12.90", CNY), Optional.empty())),
                Optional.empty(), Optional.empty())), exportDir);
        // snippet: kpi-csv
        KpiTracker batch = KpiTracker.builder().currency(CNY).zone(ZoneId.of("Asia/Shanghai")).build();
        batch.acceptAll(KpiCsv.read(exportDir, CNY));   // orders.csv, order_lines.csv, returns.csv, …
        Kpis fromExport = batch.kpis(endOfDay);
        // end-snippet
        assertEquals(1, fromExport.total().orders());
    }

    @Test
    void kpisFromTheCheckout() {
        io.github.omniretail.core.MutableClock clock = io.github.omniretail.core.MutableClock.at(
                Instant.parse("2026-12-01T02:00:00Z"));
        ZoneId hangzhou = ZoneId.of("Asia/Shanghai");
        InventoryEngine inventory = InventoryEngine.builder().clock(clock).autoRegister(true).build();
        inventory.receive(IdempotencyKey.of("g1"), MILK, DC, 50);
        io.github.omniretail.routing.RoutingEngine routing = io.github.omniretail.routing.RoutingEngine
                .builder(inventory.stockView()).clock(clock).nodes(List.of(io.github.omniretail.core.FulfillmentNode
                        .builder(DC, io.github.omniretail.core.NodeType.DISTRIBUTION_CENTER,
                                io.github.omniretail.core.GeoPoint.of(30.135, 120.285), hangzhou)
                        .capabilities(io.github.omniretail.core.NodeCapability.SHIP).build())).build();
        io.github.omniretail.pricing.PricingEngine pricing = io.github.omniretail.pricing.PricingEngine.builder()
                .clock(clock).rules(io.github.omniretail.pricing.PricingRules.builder("r1", CNY)
                        .sku(MILK, Money.parse("12.80", CNY), "dairy").build()).build();
        KpiTracker tracker = KpiTracker.builder().currency(CNY).zone(hangzhou).build();
        java.util.Map<Sku, Money> unitCosts = java.util.Map.of(MILK, Money.parse("8.00", CNY));
        // snippet: kpi-checkout
        CheckoutKpis feed = CheckoutKpis.into(tracker, sku -> Optional.ofNullable(unitCosts.get(sku)), NodeId.of("ONLINE"));
        Checkout checkout = Checkout.builder(inventory, routing, pricing).clock(clock).events(feed).build();
        feed.reading(checkout);     // it reads each order's lines through the checkout
        // end-snippet
        PlacedOrder placed = checkout.place(OrderRequest.builder(IdempotencyKey.of("o-1"),
                io.github.omniretail.core.Channel.of("app", ChannelKind.APP),
                io.github.omniretail.core.DeliveryMethod.ship(io.github.omniretail.core.GeoPoint.of(30.26, 120.16)),
                Money.parse("6.00", CNY)).line(MILK, 2).build());
        checkout.confirm(placed.key());
        Kpis k = tracker.kpis(clock.instant().plus(Duration.ofDays(1)));
        assertEquals(1, k.total().orders());
        assertEquals(Optional.of(BasisPoints.of(3750)), k.total().grossMargin(), "(25.60 − 16.00) ÷ 25.60");
    }

    @Test
    void forecastAndReplenish() {
        int[] storeHistory = new int[728];
        int[] dcHistory = new int[728];
        for (int d = 0; d < storeHistory.length; d++) {
            storeHistory[d] = 8 + (d % 7 >= 5 ? 6 : 0) + (d * 7919 % 5);
        }
        Instant tonight = Instant.parse("2026-11-22T15:00:00Z");
        InventoryEngine inventory = InventoryEngine.builder().clock(Clock.fixed(tonight, ZoneOffset.UTC))
                .autoRegister(true).build();
        inventory.receive(IdempotencyKey.of("grn-1"), MILK, DC, 400);
        inventory.receive(IdempotencyKey.of("grn-2"), MILK, STORE, 4);
        // snippet: forecast
        DemandForecaster forecaster = DemandForecaster.builder()
                .horizon(14)            // days
                .levels(80, 95)         // prediction intervals, percent
                .build();
        DemandForecast milk = forecaster.forecast(storeHistory);   // units a day, oldest first
        milk.method();          // chosen by backtest: ETS_SEASONAL, SES, CROSTON, TSB or SEASONAL_NAIVE
        milk.mean(1);           // tomorrow's expected units
        milk.upper(95, 1);      // and the 95 % interval's top
        milk.mase();            // the backtest score against a seasonal-naive forecast
        // end-snippet
        assertTrue(milk.mean(1) > 5 && milk.upper(95, 1) > milk.mean(1));
        // snippet: replenish
        ReplenishmentPlanner planner = ReplenishmentPlanner.builder()
                .safetyRule(SafetyRule.serviceLevel(new BigDecimal("95")))      // z × σ × √lead time
                .safetyRule(NodeId.of("ST-09"), SafetyRule.daysOfCover(3))       // where the fixed rule stays
                .defaultSource(Source.transferFrom(DC, Duration.ofHours(8)))     // stores from the DC overnight
                .source(DC, Source.supplier("dairy-co", Duration.ofDays(2)))
                .build();
        ReplenishmentPlan plan = planner.plan(List.of(
                new Stock(MILK, STORE, storeHistory, inventory.position(MILK, STORE).onHand(), 0, 0),
                new Stock(MILK, DC, dcHistory, inventory.position(MILK, DC).onHand(), 0, 0)), tonight);
        plan.apply(inventory, "2026-11-22");   // transfers dispatched, purchase orders expected, reorder points set
        // end-snippet
        assertTrue(inventory.position(MILK, DC).onHand() < 400, "a transfer left the DC");
        assertEquals(1, inventory.inbound(MILK, STORE).size());
    }
}

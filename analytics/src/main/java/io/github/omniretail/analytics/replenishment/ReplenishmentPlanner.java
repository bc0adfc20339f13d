package io.github.omniretail.analytics.replenishment;

import io.github.omniretail.analytics.forecast.DemandForecast;
import io.github.omniretail.analytics.forecast.DemandForecaster;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plans replenishment from forecasts: per position a safety stock, a reorder point and an order-up-to level; when
 * the inventory position (on hand − held + inbound) is at or below the reorder point, an order up to the order-up-to
 * level — a transfer from the node's shipping node or a purchase order to its supplier.
 *
 * <p><b>Levels.</b> With lead time L and review period R (days): reorder point = expected demand over L + safety
 * stock; order-up-to = expected demand over L + R + safety stock. Under {@link SafetyRule.ServiceLevel} the safety
 * stock is {@code ceil(z × σ × √L)} with σ the position's one-day forecast error; under
 * {@link SafetyRule.DaysOfCover} it is days × the trailing average, which also stands in for the forecast.
 *
 * <p><b>Two echelons.</b> Stores and dark stores that are supplied by transfer are planned first; each shipping node
 * grants requests from its spare units (on hand − held) most urgent first (lowest cover), and the rest is reported as
 * shortfall. A shipping node then plans its own purchase order on its echelon demand: its own forecast plus the
 * forecasts of the nodes it ships to (σ combined as independent), with the units it just granted taken off its
 * position. A node's shipping node must itself be supplied by a supplier (one tier of transfers).
 *
 * <p><b>Thread-safety.</b> Immutable and thread-safe; forecasts run on the common fork-join pool.
 */
public final class ReplenishmentPlanner {
    private final DemandForecaster forecaster;
    private final SafetyRule defaultRule;
    private final Map<NodeId, SafetyRule> rules;
    private final Source defaultSource;
    private final Map<NodeId, Source> sources;
    private final Duration review;
    private final int packSize;

    private ReplenishmentPlanner(Builder b) {
        this.defaultRule = b.defaultRule;
        this.rules = Map.copyOf(b.rules);
        this.defaultSource = b.defaultSource;
        this.sources = Map.copyOf(b.sources);
        this.review = b.review;
        this.packSize = b.packSize;
        double longest = Math.max(defaultSource.leadTimeDays(),
                sources.values().stream().mapToDouble(Source::leadTimeDays).max().orElse(0));
        int horizon = (int) Math.ceil(2 * longest + review.toMinutes() / 1440.0) + 1;
        this.forecaster = b.forecaster != null ? b.forecaster
                : DemandForecaster.builder().horizon(Math.min(366, horizon)).build();
        if (forecaster.horizon() < Math.ceil(longest + review.toMinutes() / 1440.0)) {
            throw new IllegalArgumentException("the forecaster's horizon " + forecaster.horizon()
                    + " days is shorter than the longest lead time plus review period");
        }
    }

    /**
     * A builder: service level 95 %, review period 1 day, pack size 1; a default source is required.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The source of a node.
     *
     * @param node the node
     * @return its source
     */
    public Source source(NodeId node) {
        return sources.getOrDefault(node, defaultSource);
    }

    /**
     * Forecasts every position and plans.
     *
     * @param stocks the positions, each (SKU, node) at most once
     * @param now the planning instant (ETAs count from it)
     * @return the plan
     * @throws IllegalArgumentException if a position repeats
     */
    public ReplenishmentPlan plan(List<Stock> stocks, Instant now) {
        Objects.requireNonNull(now, "now");
        List<DemandForecast> forecasts = forecaster.forecastAll(stocks.stream().map(Stock::history).toList());
        Map<Sku, Map<NodeId, Integer>> index = new HashMap<>();
        for (int i = 0; i < stocks.size(); i++) {
            Stock s = stocks.get(i);
            if (index.computeIfAbsent(s.sku(), k -> new HashMap<>()).put(s.node(), i) != null) {
                throw new IllegalArgumentException("position " + s.sku() + " at " + s.node() + " appears twice");
            }
        }
        Level[] levels = new Level[stocks.size()];
        List<Suggestion> transfers = new ArrayList<>();
        List<Suggestion> purchases = new ArrayList<>();
        long shortfall = 0;
        // Echelon demand of shipping nodes, gathered from the nodes they supply: [mean over L+R..., variance].
        Map<Integer, double[]> echelon = new HashMap<>();
        Map<Integer, List<Integer>> requestsByShipper = new HashMap<>();
        Map<Integer, Long> grantedOut = new HashMap<>();
        for (int i = 0; i < stocks.size(); i++) {
            if (source(stocks.get(i).node()) instanceof Source.Transfer t) {
                levels[i] = level(stocks.get(i), forecasts.get(i), t, 0, 0, 0);
                Integer shipper = index.get(stocks.get(i).sku()).get(t.from());
                if (shipper == null) {
                    shortfall += levels[i].requested;
                    continue;
                }
                requestsByShipper.computeIfAbsent(shipper, k -> new ArrayList<>()).add(i);
                double[] e = echelon.computeIfAbsent(shipper, k -> new double[2]);
                e[0] += forecasts.get(i).mean(1);
                e[1] += forecasts.get(i).sigma() * forecasts.get(i).sigma();
            }
        }
        for (Map.Entry<Integer, List<Integer>> e : requestsByShipper.entrySet()) {
            Stock dc = stocks.get(e.getKey());
            long spare = Math.max(0, (long) dc.onHand() - dc.held());
            List<Integer> asks = e.getValue();
            asks.sort(Comparator.comparingDouble((Integer i) -> levels[i].cover).thenComparing(i -> stocks.get(i).node()));
            long granted = 0;
            for (int i : asks) {
                int grant = (int) Math.min(levels[i].requested, spare - granted);
                levels[i].granted = grant;
                granted += grant;
                shortfall += levels[i].requested - grant;
                if (grant > 0) {
                    Source.Transfer t = (Source.Transfer) source(stocks.get(i).node());
                    transfers.add(new Suggestion.TransferOrder(stocks.get(i).sku(), t.from(), stocks.get(i).node(), grant,
                            now.plus(t.leadTime())));
                }
            }
            grantedOut.put(e.getKey(), granted);
        }
        for (int i = 0; i < stocks.size(); i++) {
            Source src = source(stocks.get(i).node());
            if (src instanceof Source.Supplier sup) {
                double[] ech = echelon.getOrDefault(i, new double[2]);
                levels[i] = level(stocks.get(i), forecasts.get(i), sup, ech[0], ech[1], grantedOut.getOrDefault(i, 0L));
                levels[i].granted = levels[i].requested;
                if (levels[i].requested > 0) {
                    purchases.add(new Suggestion.PurchaseOrder(stocks.get(i).sku(), sup.supplier(), stocks.get(i).node(),
                            levels[i].requested, now.plus(sup.leadTime())));
                }
            }
        }
        List<PositionPlan> plans = new ArrayList<>(stocks.size());
        for (int i = 0; i < stocks.size(); i++) {
            Stock s = stocks.get(i);
            Level l = levels[i];
            plans.add(new PositionPlan(s.sku(), s.node(), forecasts.get(i).method(), l.daily, l.safety, l.reorderPoint,
                    l.orderUpTo, l.position, l.requested, l.granted));
        }
        plans.sort(Comparator.comparing(PositionPlan::sku).thenComparing(PositionPlan::node));
        List<Suggestion> all = new ArrayList<>(transfers);
        all.addAll(purchases);
        return new ReplenishmentPlan(now, plans, all, shortfall);
    }

    /** A position's computed levels. */
    private static final class Level {
        double daily;
        int safety;
        int reorderPoint;
        int orderUpTo;
        long position;
        int requested;
        int granted;
        double cover;
    }

    private Level level(Stock s, DemandForecast f, Source src, double echelonDaily, double echelonVariance,
            long grantedOut) {
        double lead = src.leadTimeDays();
        double cycle = lead + review.toMinutes() / 1440.0;
        SafetyRule rule = rules.getOrDefault(s.node(), defaultRule);
        double overLead;
        double overCycle;
        double safety;
        double daily;
        if (rule instanceof SafetyRule.DaysOfCover d) {
            double avg = trailing(s.history(), d.windowDays()) + echelonDaily;
            daily = avg;
            overLead = avg * lead;
            overCycle = avg * cycle;
            safety = Math.ceil(d.days().doubleValue() * avg - 1e-9);
        } else {
            daily = f.mean(1) + echelonDaily;
            overLead = sum(f, lead) + echelonDaily * lead;
            overCycle = sum(f, cycle) + echelonDaily * cycle;
            if (rule instanceof SafetyRule.ServiceLevel sl) {
                double sigma = Math.sqrt(f.sigma() * f.sigma() + echelonVariance);
                safety = Math.ceil(Normal.quantile(sl.level().value() / 10_000.0) * sigma * Math.sqrt(lead) - 1e-9);
            } else {
                safety = ((SafetyRule.Fixed) rule).units();
            }
        }
        Level l = new Level();
        l.daily = daily;
        l.safety = (int) Math.max(0, safety);
        l.reorderPoint = (int) Math.ceil(overLead + l.safety - 1e-9);
        l.orderUpTo = Math.max(l.reorderPoint, (int) Math.ceil(overCycle + l.safety - 1e-9));
        l.position = s.position() - grantedOut;
        if (l.position <= l.reorderPoint) {
            long want = l.orderUpTo - l.position;
            long packs = (want + packSize - 1) / packSize;
            l.requested = (int) Math.min(Integer.MAX_VALUE, Math.max(0, packs * packSize));
        }
        l.cover = daily <= 0 ? Double.MAX_VALUE : l.position / daily;
        return l;
    }

    private static double trailing(int[] history, int window) {
        int from = Math.max(0, history.length - window);
        long sum = 0;
        for (int i = from; i < history.length; i++) {
            sum += history[i];
        }
        return history.length == from ? 0 : (double) sum / (history.length - from);
    }

    /** Expected demand over {@code days} (fractional: the last day pro rata). */
    private static double sum(DemandForecast f, double days) {
        int whole = (int) Math.floor(days);
        double s = whole == 0 ? 0 : f.unitsOver(1, whole);
        double part = days - whole;
        return part > 0 ? s + part * f.mean(whole + 1) : s;
    }

    /** Builds a planner; each setting may be set once. */
    public static final class Builder {
        private final Map<String, Boolean> set = new HashMap<>();
        private DemandForecaster forecaster;
        private SafetyRule defaultRule = SafetyRule.serviceLevel(new BigDecimal("95"));
        private final Map<NodeId, SafetyRule> rules = new HashMap<>();
        private Source defaultSource;
        private final Map<NodeId, Source> sources = new HashMap<>();
        private Duration review = Duration.ofDays(1);
        private int packSize = 1;

        private Builder() {
        }

        private void once(String setting) {
            if (set.putIfAbsent(setting, Boolean.TRUE) != null) {
                throw new IllegalStateException(setting + " is already set");
            }
        }

        /**
         * The forecaster (default: {@link DemandForecaster}'s defaults with a horizon covering lead times).
         *
         * @param forecaster the forecaster
         * @return this builder
         */
        public Builder forecaster(DemandForecaster forecaster) {
            once("forecaster");
            this.forecaster = Objects.requireNonNull(forecaster, "forecaster");
            return this;
        }

        /**
         * The safety rule of every node without its own.
         *
         * @param rule the rule
         * @return this builder
         */
        public Builder safetyRule(SafetyRule rule) {
            once("safetyRule");
            this.defaultRule = Objects.requireNonNull(rule, "rule");
            return this;
        }

        /**
         * A node's own safety rule (e.g. days of cover where the fixed rule stays).
         *
         * @param node the node
         * @param rule its rule
         * @return this builder
         */
        public Builder safetyRule(NodeId node, SafetyRule rule) {
            if (rules.putIfAbsent(Objects.requireNonNull(node, "node"), Objects.requireNonNull(rule, "rule")) != null) {
                throw new IllegalStateException("the safety rule of " + node + " is already set");
            }
            return this;
        }

        /**
         * The source of every node without its own (required).
         *
         * @param source the source
         * @return this builder
         */
        public Builder defaultSource(Source source) {
            once("defaultSource");
            this.defaultSource = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * A node's source, with its lead time.
         *
         * @param node the node
         * @param source its source; a transfer source must be another node
         * @return this builder
         */
        public Builder source(NodeId node, Source source) {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(source, "source");
            if (source instanceof Source.Transfer t && t.from().equals(node)) {
                throw new IllegalArgumentException("node " + node + " cannot be supplied by itself");
            }
            if (sources.putIfAbsent(node, source) != null) {
                throw new IllegalStateException("the source of " + node + " is already set");
            }
            return this;
        }

        /**
         * How often positions are reviewed (default 1 day).
         *
         * @param period positive
         * @return this builder
         */
        public Builder reviewPeriod(Duration period) {
            once("reviewPeriod");
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("review period must be positive, was " + period);
            }
            this.review = period;
            return this;
        }

        /**
         * Orders are whole multiples of this (default 1).
         *
         * @param units {@code > 0}
         * @return this builder
         */
        public Builder packSize(int units) {
            once("packSize");
            if (units <= 0) {
                throw new IllegalArgumentException("pack size must be > 0, was " + units);
            }
            this.packSize = units;
            return this;
        }

        /**
         * Builds.
         *
         * @return the planner
         * @throws IllegalStateException without a default source
         * @throws IllegalArgumentException if a transfer's shipping node is itself supplied by transfer
         */
        public ReplenishmentPlanner build() {
            if (defaultSource == null) {
                throw new IllegalStateException("defaultSource is required");
            }
            for (Map.Entry<NodeId, Source> e : sources.entrySet()) {
                if (e.getValue() instanceof Source.Transfer t
                        && sources.getOrDefault(t.from(), defaultSource) instanceof Source.Transfer) {
                    throw new IllegalArgumentException("node " + e.getKey() + " ships from " + t.from()
                            + ", which is itself supplied by transfer; one tier of transfers is supported");
                }
            }
            if (defaultSource instanceof Source.Transfer t && sources.getOrDefault(t.from(), defaultSource) instanceof Source.Transfer) {
                throw new IllegalArgumentException("the default source ships from " + t.from()
                        + ", which must be supplied by a supplier");
            }
            return new ReplenishmentPlanner(this);
        }
    }
}

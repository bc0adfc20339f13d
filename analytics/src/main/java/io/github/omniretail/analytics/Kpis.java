package io.github.omniretail.analytics;

import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every KPI as of one instant, from what a {@link KpiTracker} has seen. Formulas are in {@code docs/analytics.md}
 * and on each accessor. Maps iterate in key order. Immutable.
 *
 * @param asOf the instant the KPIs describe; open stock-outs and stock on hand run to it
 * @param currency the currency of every amount
 * @param total sales of all orders
 * @param byChannel sales by channel kind
 * @param byStore sales by the node orders are attributed to
 * @param byDay sales by local day of placement (refunds on the day of the return)
 * @param ownChannels which channel kinds are the retailer's own (私域)
 * @param members orders by new, returning and guest buyers; repurchase
 * @param cohorts retention by cohort month of a member's first order
 * @param conversion quotes and the orders that named them, by channel kind
 * @param sellThrough units sold and received, by SKU
 * @param turnover stock held and units sold, all positions
 * @param stockOuts stock-out and demanded hours by position
 * @param fulfilment fulfilment time and same-day promises
 * @param wasteBySku expired units and cost by SKU
 * @param wasteByStore expired units and cost by node
 * @param rejections rejected orders by reason
 */
public record Kpis(Instant asOf, Currency currency, Sales total, Map<ChannelKind, Sales> byChannel,
        Map<NodeId, Sales> byStore, SortedMap<LocalDate, Sales> byDay, Set<ChannelKind> ownChannels, Members members,
        List<Cohort> cohorts, Map<ChannelKind, Conversion> conversion, Map<Sku, SellThrough> sellThrough,
        Turnover turnover, Map<Position, StockOut> stockOuts, Fulfilment fulfilment, Map<Sku, Waste> wasteBySku,
        Map<NodeId, Waste> wasteByStore, Map<String, Long> rejections) {

    /** Copies every collection (sorted by key). */
    public Kpis {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(members, "members");
        Objects.requireNonNull(turnover, "turnover");
        Objects.requireNonNull(fulfilment, "fulfilment");
        byChannel = sorted(byChannel);
        byStore = sorted(byStore);
        byDay = Collections.unmodifiableSortedMap(new TreeMap<>(byDay));
        ownChannels = Set.copyOf(ownChannels);
        cohorts = List.copyOf(cohorts);
        conversion = sorted(conversion);
        sellThrough = sorted(sellThrough);
        stockOuts = sorted(stockOuts);
        wasteBySku = sorted(wasteBySku);
        wasteByStore = sorted(wasteByStore);
        rejections = sorted(rejections);
    }

    private static <K extends Comparable<? super K>, V> Map<K, V> sorted(Map<K, V> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    /**
     * A share as the KPIs compute every share: {@code part ÷ whole} in basis points, rounded half-even.
     *
     * @param part the part
     * @param whole the whole
     * @return the share, empty when {@code whole <= 0}
     */
    public static Optional<BasisPoints> share(long part, long whole) {
        return Ratios.share(part, whole);
    }

    /**
     * Share of orders placed in the retailer's own channels (私域占比): own-channel orders ÷ all orders.
     *
     * @return the share, empty without orders
     */
    public Optional<BasisPoints> ownChannelOrderShare() {
        long own = byChannel.entrySet().stream().filter(e -> ownChannels.contains(e.getKey()))
                .mapToLong(e -> e.getValue().orders()).sum();
        return Ratios.share(own, total.orders());
    }

    /**
     * Share of gross revenue from the retailer's own channels.
     *
     * @return the share, empty without revenue
     */
    public Optional<BasisPoints> ownChannelRevenueShare() {
        long own = byChannel.entrySet().stream().filter(e -> ownChannels.contains(e.getKey()))
                .mapToLong(e -> e.getValue().grossRevenue()).sum();
        return Ratios.share(own, total.grossRevenue());
    }

    /**
     * Share of one slice in the whole, by orders.
     *
     * @param slice the slice
     * @return its share of all orders, empty without orders
     */
    public Optional<BasisPoints> orderShare(Sales slice) {
        return Ratios.share(slice.orders(), total.orders());
    }

    /**
     * Retention at {@code days} over all cohorts.
     *
     * @param days 30, 60 or 90 (the tracked horizons)
     * @return matured and retained members summed over cohorts
     * @throws IllegalArgumentException for another horizon
     */
    public Retention retention(int days) {
        long matured = 0;
        long retained = 0;
        for (Cohort c : cohorts) {
            Retention r = c.at(days);
            matured += r.matured();
            retained += r.retained();
        }
        return new Retention(days, matured, retained);
    }

    /**
     * Stock-out hours and demanded hours summed over all positions.
     *
     * @return the total
     */
    public StockOut stockOutTotal() {
        return StockOut.sum(stockOuts.values());
    }

    /**
     * Stock-outs summed by SKU.
     *
     * @return by SKU, in SKU order
     */
    public Map<Sku, StockOut> stockOutsBySku() {
        Map<Sku, StockOut> out = new TreeMap<>();
        stockOuts.forEach((p, s) -> out.merge(p.sku(), s, StockOut::plus));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Stock-outs summed by node.
     *
     * @return by node, in node order
     */
    public Map<NodeId, StockOut> stockOutsByStore() {
        Map<NodeId, StockOut> out = new TreeMap<>();
        stockOuts.forEach((p, s) -> out.merge(p.node(), s, StockOut::plus));
        return Collections.unmodifiableMap(out);
    }

    /**
     * All waste.
     *
     * @return units and cost written off
     */
    public Waste wasteTotal() {
        return wasteBySku.values().stream().reduce(Waste.none(currency), Waste::plus);
    }

    /**
     * Quote-to-order conversion over all channels.
     *
     * @return quotes and conversions summed
     */
    public Conversion conversionTotal() {
        return conversion.values().stream().reduce(new Conversion(0, 0), Conversion::plus);
    }

    /**
     * Sell-through over all SKUs.
     *
     * @return units sold and received summed
     */
    public SellThrough sellThroughTotal() {
        return sellThrough.values().stream().reduce(new SellThrough(0, 0), SellThrough::plus);
    }

    /**
     * A SKU at a node.
     *
     * @param sku the SKU
     * @param node the node
     */
    public record Position(Sku sku, NodeId node) implements Comparable<Position> {
        /** Validates. */
        public Position {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(node, "node");
        }

        @Override
        public int compareTo(Position o) {
            int c = sku.compareTo(o.sku);
            return c != 0 ? c : node.compareTo(o.node);
        }
    }

    /**
     * Buyers. A member's order is <em>new</em> when it is the member's first order the tracker has seen, otherwise
     * <em>returning</em>; orders without a member are guests'.
     *
     * @param members distinct members with an order
     * @param newMemberOrders first orders
     * @param returningMemberOrders later orders
     * @param guestOrders orders without a member
     * @param byDay the same split by local day
     * @param window the repurchase window, ending at {@code asOf}
     * @param activeInWindow members with at least one order in the window
     * @param repeatInWindow members with at least two orders in the window
     */
    public record Members(long members, long newMemberOrders, long returningMemberOrders, long guestOrders,
            SortedMap<LocalDate, Buyers> byDay, Duration window, long activeInWindow, long repeatInWindow) {
        /** Copies the map. */
        public Members {
            byDay = Collections.unmodifiableSortedMap(new TreeMap<>(byDay));
            Objects.requireNonNull(window, "window");
        }

        /**
         * Repurchase rate (复购率): members with two or more orders in the window ÷ members with at least one.
         *
         * @return the rate, empty when nobody ordered in the window
         */
        public Optional<BasisPoints> repurchaseRate() {
            return Ratios.share(repeatInWindow, activeInWindow);
        }
    }

    /**
     * Orders of one day by kind of buyer.
     *
     * @param newMemberOrders members' first orders
     * @param returningMemberOrders members' later orders
     * @param guestOrders guests' orders
     */
    public record Buyers(long newMemberOrders, long returningMemberOrders, long guestOrders) {
    }

    /**
     * One cohort: members whose first order fell in {@code month}.
     *
     * @param month the cohort month (local)
     * @param members its size
     * @param retention at 30, 60 and 90 days
     */
    public record Cohort(YearMonth month, long members, List<Retention> retention) {
        /** Copies. */
        public Cohort {
            Objects.requireNonNull(month, "month");
            retention = List.copyOf(retention);
        }

        /**
         * Retention at a horizon.
         *
         * @param days 30, 60 or 90
         * @return the retention
         * @throws IllegalArgumentException for another horizon
         */
        public Retention at(int days) {
            return retention.stream().filter(r -> r.days() == days).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("retention is tracked at 30, 60 and 90 days, not "
                            + days));
        }
    }

    /**
     * Retention at a horizon: of the members whose first order is at least {@code days} before {@code asOf}
     * (matured), those who ordered again within {@code days} after it.
     *
     * @param days the horizon
     * @param matured members old enough to be judged
     * @param retained of those, members with another order within the horizon
     */
    public record Retention(int days, long matured, long retained) {
        /**
         * retained ÷ matured.
         *
         * @return the rate, empty when no member has matured
         */
        public Optional<BasisPoints> rate() {
            return Ratios.share(retained, matured);
        }
    }

    /**
     * Quote-to-order conversion.
     *
     * @param quotes distinct quotes issued
     * @param converted of those, quotes an order named
     */
    public record Conversion(long quotes, long converted) {
        /**
         * converted ÷ quotes.
         *
         * @return the rate, empty without quotes
         */
        public Optional<BasisPoints> rate() {
            return Ratios.share(converted, quotes);
        }

        Conversion plus(Conversion o) {
            return new Conversion(quotes + o.quotes, converted + o.converted);
        }
    }

    /**
     * Sell-through: units sold (net of returns) ÷ units received.
     *
     * @param sold units sold net of returns
     * @param received units received
     */
    public record SellThrough(long sold, long received) {
        /**
         * sold ÷ received.
         *
         * @return the rate, empty when nothing was received
         */
        public Optional<BasisPoints> rate() {
            return Ratios.share(sold, received);
        }

        SellThrough plus(SellThrough o) {
            return new SellThrough(sold + o.sold, received + o.received);
        }
    }

    /**
     * Inventory turnover: unit-days of stock on hand ÷ units sold (net of returns) = how many days of sales the
     * average unit waited.
     *
     * @param unitSecondsOnHand on-hand units integrated over time, from each position's first level to {@code asOf}
     * @param unitsSold units sold net of returns at positions with levels
     */
    public record Turnover(long unitSecondsOnHand, long unitsSold) {
        /**
         * Turnover days, rounded half-even to 0.1 day.
         *
         * @return days, empty when nothing sold
         */
        public Optional<BigDecimal> days() {
            return unitsSold <= 0 ? Optional.empty()
                    : Optional.of(BigDecimal.valueOf(unitSecondsOnHand)
                            .divide(BigDecimal.valueOf(unitsSold * 86_400L), 1, RoundingMode.HALF_EVEN));
        }
    }

    /**
     * Stock-outs: clock hours with ATP 0 at some moment, while the position was demanded (from the hour of its first
     * sale or stock rejection there, and its first level, to {@code asOf}).
     *
     * @param stockOutHours hours with ATP 0 while demanded
     * @param demandedHours hours the position was demanded
     */
    public record StockOut(long stockOutHours, long demandedHours) {
        /**
         * stock-out hours ÷ demanded hours.
         *
         * @return the rate, empty when never demanded
         */
        public Optional<BasisPoints> rate() {
            return Ratios.share(stockOutHours, demandedHours);
        }

        StockOut plus(StockOut o) {
            return new StockOut(stockOutHours + o.stockOutHours, demandedHours + o.demandedHours);
        }

        static StockOut sum(Iterable<StockOut> all) {
            StockOut s = new StockOut(0, 0);
            for (StockOut o : all) {
                s = s.plus(o);
            }
            return s;
        }
    }

    /**
     * Fulfilment: time from placement to hand-over, and same-day promises kept.
     *
     * @param fulfilled orders fulfilled
     * @param meanMinutes mean minutes from placement to fulfilment (0 when none)
     * @param p50Minutes median minutes
     * @param p90Minutes 90th percentile minutes (nearest rank)
     * @param sameDayDue orders promised for their placement day whose promise has passed or that were fulfilled
     * @param sameDayOnTime of those, fulfilled by the promise
     */
    public record Fulfilment(long fulfilled, long meanMinutes, long p50Minutes, long p90Minutes, long sameDayDue,
            long sameDayOnTime) {
        /**
         * Same-day on-time rate: same-day orders fulfilled by their promise ÷ same-day orders due.
         *
         * @return the rate, empty when none are due
         */
        public Optional<BasisPoints> sameDayOnTimeRate() {
            return Ratios.share(sameDayOnTime, sameDayDue);
        }
    }

    /**
     * Waste: units of expired lots written off and their cost.
     *
     * @param units units
     * @param value cost, minor units
     * @param currency the currency
     */
    public record Waste(long units, long value, Currency currency) {
        /** Validates. */
        public Waste {
            Objects.requireNonNull(currency, "currency");
        }

        static Waste none(Currency currency) {
            return new Waste(0, 0, currency);
        }

        /**
         * The cost as money.
         *
         * @return the cost
         */
        public Money cost() {
            return Money.ofMinor(value, currency);
        }

        Waste plus(Waste o) {
            return new Waste(units + o.units, value + o.value, currency);
        }
    }
}

package io.github.omniretail.analytics;

import io.github.omniretail.analytics.KpiEvent.Line;
import io.github.omniretail.analytics.KpiEvent.LotExpired;
import io.github.omniretail.analytics.KpiEvent.OrderFulfilled;
import io.github.omniretail.analytics.KpiEvent.OrderPlaced;
import io.github.omniretail.analytics.KpiEvent.OrderRejected;
import io.github.omniretail.analytics.KpiEvent.OrderReturned;
import io.github.omniretail.analytics.KpiEvent.QuoteIssued;
import io.github.omniretail.analytics.KpiEvent.StockLevel;
import io.github.omniretail.analytics.KpiEvent.StockReceived;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.Sku;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The {@link KpiTracker}: running sums plus the facts member, fulfilment and stock KPIs are derived from. */
final class MemoryKpiTracker implements KpiTracker {

    /** What the tracker keeps of an order. */
    record OrderFacts(long placedAt, ChannelKind channel, NodeId store, Optional<MemberId> member,
            Optional<Instant> promisedBy) {
    }

    private final Currency currency;
    private final ZoneId zone;
    private final Set<ChannelKind> ownChannels;
    private final Duration repurchaseWindow;

    private final Object lock = new Object();
    private long events;
    private final SalesTally total = new SalesTally();
    private final Map<ChannelKind, SalesTally> byChannel = new EnumMap<>(ChannelKind.class);
    private final Map<NodeId, SalesTally> byStore = new HashMap<>();
    private final Map<LocalDate, SalesTally> byDay = new HashMap<>();
    private final Map<OrderId, OrderFacts> orders = new HashMap<>();
    private final Map<OrderId, List<OrderReturned>> returnsAwaitingOrder = new HashMap<>();
    private final Set<String> returns = new HashSet<>();
    private final Map<OrderId, Long> fulfilled = new HashMap<>();
    private final Map<LocalDate, long[]> guestsByDay = new HashMap<>();
    private final Map<MemberId, MemberOrders> members = new HashMap<>();
    private final Map<String, ChannelKind> quotes = new HashMap<>();
    private final Set<String> convertedQuotes = new HashSet<>();
    private final Map<Sku, long[]> sellThrough = new HashMap<>();
    private final Map<Kpis.Position, StockTimeline> positions = new HashMap<>();
    private final Set<String> expiredLots = new HashSet<>();
    private final Map<Sku, long[]> wasteBySku = new HashMap<>();
    private final Map<NodeId, long[]> wasteByStore = new HashMap<>();
    private final Map<String, Long> rejections = new HashMap<>();

    MemoryKpiTracker(Currency currency, ZoneId zone, Set<ChannelKind> ownChannels, Duration repurchaseWindow) {
        this.currency = currency;
        this.zone = zone;
        this.ownChannels = Set.copyOf(ownChannels);
        this.repurchaseWindow = repurchaseWindow;
    }

    @Override
    public void accept(KpiEvent event) {
        java.util.Objects.requireNonNull(event, "event");
        checkCurrency(event);
        synchronized (lock) {
            boolean counted;
            if (event instanceof OrderPlaced e) {
                counted = placed(e);
            } else if (event instanceof OrderReturned e) {
                counted = returned(e);
            } else if (event instanceof OrderFulfilled e) {
                Long before = fulfilled.get(e.order());
                fulfilled.put(e.order(), before == null ? e.at().toEpochMilli() : Math.min(before, e.at().toEpochMilli()));
                counted = before == null;
            } else if (event instanceof OrderRejected e) {
                counted = rejected(e);
            } else if (event instanceof QuoteIssued e) {
                counted = quotes.putIfAbsent(e.quote(), e.channel()) == null;
            } else if (event instanceof StockLevel e) {
                counted = level(e);
            } else if (event instanceof StockReceived e) {
                counted = received(e);
            } else {
                counted = expired((LotExpired) event);
            }
            if (counted) {
                events++;
            }
        }
    }

    private void checkCurrency(KpiEvent event) {
        if (event instanceof OrderPlaced e) {
            for (Line l : e.lines()) {
                same(l.revenue());
                l.cost().ifPresent(this::same);
            }
        } else if (event instanceof OrderReturned e) {
            same(e.refund());
            e.cost().ifPresent(this::same);
        } else if (event instanceof LotExpired e) {
            same(e.value());
        }
    }

    private void same(Money m) {
        if (!m.currency().equals(currency)) {
            throw new IllegalArgumentException("amount " + m + " is not in the tracker's currency " + currency);
        }
    }

    private boolean placed(OrderPlaced e) {
        if (orders.containsKey(e.order())) {
            return false;
        }
        long at = e.at().toEpochMilli();
        long revenue = 0;
        long costed = 0;
        long cost = 0;
        long units = 0;
        for (Line l : e.lines()) {
            revenue = Math.addExact(revenue, l.revenue().minorUnits());
            units += l.units();
            if (l.cost().isPresent()) {
                costed = Math.addExact(costed, l.revenue().minorUnits());
                cost = Math.addExact(cost, l.cost().get().minorUnits());
            }
            sellThrough.computeIfAbsent(l.sku(), k -> new long[2])[0] += l.units();
            StockTimeline p = position(l.sku(), e.store());
            p.demand(at);
            p.unitsSold += l.units();
        }
        OrderFacts facts = new OrderFacts(at, e.channel(), e.store(), e.member(), e.promisedBy());
        orders.put(e.order(), facts);
        LocalDate day = LocalDate.ofInstant(e.at(), zone);
        for (SalesTally t : tallies(facts, day)) {
            t.order(revenue, costed, cost, units);
        }
        if (e.member().isPresent()) {
            members.computeIfAbsent(e.member().get(), k -> new MemberOrders()).add(at);
        } else {
            guestsByDay.computeIfAbsent(day, k -> new long[1])[0]++;
        }
        e.quote().ifPresent(convertedQuotes::add);
        List<OrderReturned> waiting = returnsAwaitingOrder.remove(e.order());
        if (waiting != null) {
            for (OrderReturned r : waiting) {
                attribute(r, facts);
            }
        }
        return true;
    }

    private List<SalesTally> tallies(OrderFacts facts, LocalDate day) {
        return List.of(total, byChannel.computeIfAbsent(facts.channel(), k -> new SalesTally()),
                byStore.computeIfAbsent(facts.store(), k -> new SalesTally()),
                byDay.computeIfAbsent(day, k -> new SalesTally()));
    }

    private boolean returned(OrderReturned e) {
        if (!returns.add(e.returnId())) {
            return false;
        }
        long costedRefund = e.cost().isPresent() ? e.refund().minorUnits() : 0;
        long cost = e.cost().map(Money::minorUnits).orElse(0L);
        total.refund(e.refund().minorUnits(), costedRefund, cost, e.units());
        byDay.computeIfAbsent(LocalDate.ofInstant(e.at(), zone), k -> new SalesTally())
                .refund(e.refund().minorUnits(), costedRefund, cost, e.units());
        sellThrough.computeIfAbsent(e.sku(), k -> new long[2])[0] -= e.units();
        OrderFacts facts = orders.get(e.order());
        if (facts == null) {
            returnsAwaitingOrder.computeIfAbsent(e.order(), k -> new ArrayList<>()).add(e);
        } else {
            attribute(e, facts);
        }
        return true;
    }

    private void attribute(OrderReturned e, OrderFacts facts) {
        long costedRefund = e.cost().isPresent() ? e.refund().minorUnits() : 0;
        long cost = e.cost().map(Money::minorUnits).orElse(0L);
        byChannel.computeIfAbsent(facts.channel(), k -> new SalesTally()).refund(e.refund().minorUnits(), costedRefund,
                cost, e.units());
        byStore.computeIfAbsent(facts.store(), k -> new SalesTally()).refund(e.refund().minorUnits(), costedRefund,
                cost, e.units());
    }

    private boolean rejected(OrderRejected e) {
        rejections.merge(e.reason(), 1L, Long::sum);
        e.sku().ifPresent(sku -> position(sku, e.store()).demand(e.at().toEpochMilli()));
        return true;
    }

    private boolean level(StockLevel e) {
        StockTimeline p = position(e.sku(), e.node());
        long at = e.at().toEpochMilli();
        if (p.outOfOrder(at)) {
            throw new IllegalArgumentException("stock levels of " + e.sku() + " at " + e.node()
                    + " must arrive in time order; " + e.at() + " came after a later level");
        }
        p.level(at, e.onHand(), e.atp());
        return true;
    }

    private boolean received(StockReceived e) {
        sellThrough.computeIfAbsent(e.sku(), k -> new long[2])[1] += e.units();
        return true;
    }

    private boolean expired(LotExpired e) {
        if (!expiredLots.add(e.sku().value() + '\u0000' + e.node().value() + '\u0000' + e.lot())) {
            return false;
        }
        long[] s = wasteBySku.computeIfAbsent(e.sku(), k -> new long[2]);
        s[0] += e.units();
        s[1] = Math.addExact(s[1], e.value().minorUnits());
        long[] n = wasteByStore.computeIfAbsent(e.node(), k -> new long[2]);
        n[0] += e.units();
        n[1] = Math.addExact(n[1], e.value().minorUnits());
        return true;
    }

    private StockTimeline position(Sku sku, NodeId node) {
        return positions.computeIfAbsent(new Kpis.Position(sku, node), k -> new StockTimeline());
    }

    @Override
    public long events() {
        synchronized (lock) {
            return events;
        }
    }

    @Override
    public Kpis kpis(Instant asOf) {
        java.util.Objects.requireNonNull(asOf, "asOf");
        long now = asOf.toEpochMilli();
        synchronized (lock) {
            Map<ChannelKind, Sales> channels = new EnumMap<>(ChannelKind.class);
            byChannel.forEach((k, v) -> channels.put(k, v.toSales(currency)));
            Map<NodeId, Sales> stores = new TreeMap<>();
            byStore.forEach((k, v) -> stores.put(k, v.toSales(currency)));
            TreeMap<LocalDate, Sales> days = new TreeMap<>();
            byDay.forEach((k, v) -> days.put(k, v.toSales(currency)));

            Map<ChannelKind, long[]> conv = new EnumMap<>(ChannelKind.class);
            quotes.forEach((q, channel) -> {
                long[] c = conv.computeIfAbsent(channel, k -> new long[2]);
                c[0]++;
                if (convertedQuotes.contains(q)) {
                    c[1]++;
                }
            });
            Map<ChannelKind, Kpis.Conversion> conversion = new EnumMap<>(ChannelKind.class);
            conv.forEach((k, v) -> conversion.put(k, new Kpis.Conversion(v[0], v[1])));

            Map<Sku, Kpis.SellThrough> st = new TreeMap<>();
            sellThrough.forEach((k, v) -> st.put(k, new Kpis.SellThrough(v[0], v[1])));

            Map<Kpis.Position, Kpis.StockOut> outs = new TreeMap<>();
            long unitSeconds = 0;
            long soldAtStocked = 0;
            for (Map.Entry<Kpis.Position, StockTimeline> e : positions.entrySet()) {
                StockTimeline p = e.getValue();
                long[] h = p.stockOutHours(now);
                if (h[1] > 0) {
                    outs.put(e.getKey(), new Kpis.StockOut(h[0], h[1]));
                }
                if (p.hasLevels()) {
                    unitSeconds = Math.addExact(unitSeconds, p.unitSeconds(now));
                    soldAtStocked += p.unitsSold;
                }
            }
            Map<Sku, Kpis.Waste> wSku = new TreeMap<>();
            wasteBySku.forEach((k, v) -> wSku.put(k, new Kpis.Waste(v[0], v[1], currency)));
            Map<NodeId, Kpis.Waste> wStore = new TreeMap<>();
            wasteByStore.forEach((k, v) -> wStore.put(k, new Kpis.Waste(v[0], v[1], currency)));

            return new Kpis(asOf, currency, total.toSales(currency), channels, stores, days, ownChannels,
                    MemberOrders.members(members, guestsByDay, zone, repurchaseWindow, now),
                    MemberOrders.cohorts(members, zone, now), conversion, st,
                    new Kpis.Turnover(unitSeconds, soldAtStocked), outs, fulfilment(now), wSku, wStore, rejections);
        }
    }

    private Kpis.Fulfilment fulfilment(long now) {
        long[] minutes = new long[fulfilled.size()];
        int n = 0;
        long sum = 0;
        long due = 0;
        long onTime = 0;
        for (Map.Entry<OrderId, OrderFacts> e : orders.entrySet()) {
            OrderFacts o = e.getValue();
            Long done = fulfilled.get(e.getKey());
            if (done != null) {
                long m = Math.max(0, (done - o.placedAt()) / 60_000);
                minutes[n++] = m;
                sum += m;
            }
            if (o.promisedBy().isPresent()) {
                Instant promise = o.promisedBy().get();
                if (LocalDate.ofInstant(promise, zone).equals(LocalDate.ofInstant(Instant.ofEpochMilli(o.placedAt()), zone))
                        && (done != null || promise.toEpochMilli() <= now)) {
                    due++;
                    if (done != null && done <= promise.toEpochMilli()) {
                        onTime++;
                    }
                }
            }
        }
        long[] sorted = java.util.Arrays.copyOf(minutes, n);
        java.util.Arrays.sort(sorted);
        return new Kpis.Fulfilment(n, n == 0 ? 0 : sum / n, rank(sorted, 50), rank(sorted, 90), due, onTime);
    }

    private static long rank(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int r = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, r - 1)];
    }
}

package io.github.omniretail.examples.report;

import io.github.omniretail.analytics.Kpis;
import io.github.omniretail.analytics.Sales;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.NodeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The KPI part of a report, for an operations manager: headline numbers, then sales by channel, store and day with
 * shares, AOV and margin; stock-outs and waste by SKU and store; why orders were refused; fulfilment; members;
 * conversion, sell-through and turnover. Shared by the demo's report and the {@code kpi} command. Stateless.
 */
public final class KpiSections {
    private static final int TOP = 20;

    private final Kpis k;
    private final Lang lang;
    private final Function<NodeId, String> storeName;

    /**
     * Sections of these KPIs.
     *
     * @param kpis the KPIs
     * @param lang the language
     * @param storeName a node's display name (its id when unknown)
     */
    public KpiSections(Kpis kpis, Lang lang, Function<NodeId, String> storeName) {
        this.k = kpis;
        this.lang = lang;
        this.storeName = storeName;
    }

    private String money(long minor) {
        return lang.money(Money.ofMinor(minor, k.currency()));
    }

    private String aov(Sales s) {
        return s.aov().map(lang::money).orElse(lang.t("none"));
    }

    /**
     * The headline numbers.
     *
     * @return cards
     */
    public List<Page.Card> cards() {
        List<Page.Card> c = new ArrayList<>();
        c.add(new Page.Card(lang.t("net revenue"), lang.money(k.total().netRevenue())));
        c.add(new Page.Card(lang.t("orders"), lang.count(k.total().orders())));
        c.add(new Page.Card(lang.t("aov"), aov(k.total())));
        c.add(new Page.Card(lang.t("margin"), lang.percent(k.total().grossMargin())));
        c.add(new Page.Card(lang.t("own share"), lang.percent(k.ownChannelOrderShare())));
        c.add(new Page.Card(lang.t("same-day on-time"), lang.percent(k.fulfilment().sameDayOnTimeRate())));
        c.add(new Page.Card(lang.t("stock-out rate"), lang.percent(k.stockOutTotal().rate())));
        c.add(new Page.Card(lang.t("waste"), lang.money(k.wasteTotal().cost())));
        return c;
    }

    /**
     * Every KPI section, in page order.
     *
     * @return the sections
     */
    public List<Page.Section> sections() {
        List<Page.Section> out = new ArrayList<>();
        out.add(byChannel());
        out.add(byStore());
        if (k.byDay().size() > 1) {
            out.add(byDay());
        }
        out.add(stockOuts());
        out.add(waste());
        out.add(rejections());
        out.add(fulfilment());
        out.add(members());
        out.add(conversionAndStock());
        return out;
    }

    private Page.Section byChannel() {
        List<List<String>> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        double[][] revenue = new double[1][k.byChannel().size()];
        int i = 0;
        for (Map.Entry<ChannelKind, Sales> e : k.byChannel().entrySet()) {
            Sales s = e.getValue();
            names.add(lang.t(e.getKey().name()));
            revenue[0][i++] = s.revenue().toBigDecimal().doubleValue();
            rows.add(List.of(lang.t(e.getKey().name()), lang.count(s.orders()), lang.percent(k.orderShare(s)),
                    lang.money(s.revenue()), lang.percent(Kpis.share(s.grossRevenue(), k.total().grossRevenue())),
                    aov(s),
                    lang.percent(s.grossMargin()), money(s.refunds())));
        }
        Sales t = k.total();
        rows.add(List.of(lang.t("total"), lang.count(t.orders()), lang.percent(Kpis.share(t.orders(), t.orders())),
                lang.money(t.revenue()), lang.percent(Kpis.share(t.grossRevenue(), t.grossRevenue())), aov(t),
                lang.percent(t.grossMargin()), money(t.refunds())));
        String chart = Svg.bars(lang.t("by channel"), names, List.of(lang.t("revenue")), revenue, null, false,
                v -> (lang == Lang.ZH && k.currency().getCurrencyCode().equals("CNY") ? "¥"
                        : k.currency().getCurrencyCode() + " ") + lang.decimal(v, 0), 1060, 300);
        return new Page.Section("sales-by-channel", lang.t("by channel"), lang.t("own share") + ": "
                + lang.percent(k.ownChannelOrderShare()) + " · " + lang.t("own revenue share") + ": "
                + lang.percent(k.ownChannelRevenueShare()), chart,
                List.of(new Table("sales-by-channel", lang.t("by channel"), List.of(lang.t("channel"), lang.t("orders"),
                        lang.t("order share"), lang.t("revenue"), lang.t("revenue share"), lang.t("aov"), lang.t("margin"),
                        lang.t("refunds")), rows)));
    }

    private Page.Section byStore() {
        List<Map.Entry<NodeId, Sales>> stores = new ArrayList<>(k.byStore().entrySet());
        stores.sort(Comparator.comparingLong((Map.Entry<NodeId, Sales> e) -> -e.getValue().grossRevenue())
                .thenComparing(Map.Entry::getKey));
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<NodeId, Sales> e : stores) {
            Sales s = e.getValue();
            rows.add(List.of(e.getKey().value(), storeName.apply(e.getKey()), lang.count(s.orders()),
                    lang.percent(k.orderShare(s)), lang.money(s.revenue()), aov(s), lang.percent(s.grossMargin())));
        }
        return new Page.Section("sales-by-store", lang.t("by store"), "", "", List.of(new Table("sales-by-store",
                lang.t("by store"), List.of(lang.t("store"), lang.t("name"), lang.t("orders"), lang.t("order share"),
                        lang.t("revenue"), lang.t("aov"), lang.t("margin")), rows)));
    }

    private Page.Section byDay() {
        List<List<String>> rows = new ArrayList<>();
        k.byDay().forEach((day, s) -> {
            Kpis.Buyers b = k.members().byDay().getOrDefault(day, new Kpis.Buyers(0, 0, 0));
            rows.add(List.of(day.toString(), lang.count(s.orders()), lang.money(s.revenue()), aov(s), money(s.refunds()),
                    lang.count(b.newMemberOrders()), lang.count(b.returningMemberOrders()), lang.count(b.guestOrders())));
        });
        return new Page.Section("sales-by-day", lang.t("by day"), "", "", List.of(new Table("sales-by-day",
                lang.t("by day"), List.of(lang.t("day"), lang.t("orders"), lang.t("revenue"), lang.t("aov"),
                        lang.t("refunds"), lang.t("new orders"), lang.t("returning orders"), lang.t("guest orders")), rows)));
    }

    private Page.Section stockOuts() {
        List<List<String>> bySku = new ArrayList<>();
        top(k.stockOutsBySku(), o -> o.stockOutHours()).forEach(e -> bySku.add(List.of(e.getKey().value(),
                lang.count(e.getValue().stockOutHours()), lang.count(e.getValue().demandedHours()),
                lang.percent(e.getValue().rate()))));
        List<List<String>> byStore = new ArrayList<>();
        top(k.stockOutsByStore(), o -> o.stockOutHours()).forEach(e -> byStore.add(List.of(e.getKey().value(),
                storeName.apply(e.getKey()), lang.count(e.getValue().stockOutHours()),
                lang.count(e.getValue().demandedHours()), lang.percent(e.getValue().rate()))));
        Kpis.StockOut t = k.stockOutTotal();
        String intro = lang.t("stock-out rate") + ": " + lang.percent(t.rate()) + " (" + lang.count(t.stockOutHours())
                + " / " + lang.count(t.demandedHours()) + ")";
        return new Page.Section("stock-outs", lang.t("stock-outs"), intro, "", List.of(
                new Table("stock-outs-by-sku", lang.t("stock-outs by sku"), List.of(lang.t("sku"),
                        lang.t("stock-out hours"), lang.t("demanded hours"), lang.t("stock-out rate")), bySku),
                new Table("stock-outs-by-store", lang.t("stock-outs by store"), List.of(lang.t("store"), lang.t("name"),
                        lang.t("stock-out hours"), lang.t("demanded hours"), lang.t("stock-out rate")), byStore)));
    }

    private Page.Section waste() {
        List<List<String>> bySku = new ArrayList<>();
        top(k.wasteBySku(), Kpis.Waste::value).forEach(e -> bySku.add(List.of(e.getKey().value(),
                lang.count(e.getValue().units()), lang.money(e.getValue().cost()))));
        List<List<String>> byStore = new ArrayList<>();
        top(k.wasteByStore(), Kpis.Waste::value).forEach(e -> byStore.add(List.of(e.getKey().value(),
                storeName.apply(e.getKey()), lang.count(e.getValue().units()), lang.money(e.getValue().cost()))));
        Kpis.Waste t = k.wasteTotal();
        return new Page.Section("waste", lang.t("waste"), lang.t("waste units") + ": " + lang.count(t.units()) + " · "
                + lang.t("waste cost") + ": " + lang.money(t.cost()), "", List.of(
                new Table("waste-by-sku", lang.t("waste by sku"), List.of(lang.t("sku"), lang.t("waste units"),
                        lang.t("waste cost")), bySku),
                new Table("waste-by-store", lang.t("waste by store"), List.of(lang.t("store"), lang.t("name"),
                        lang.t("waste units"), lang.t("waste cost")), byStore)));
    }

    private Page.Section rejections() {
        long all = k.rejections().values().stream().mapToLong(Long::longValue).sum();
        List<List<String>> rows = new ArrayList<>();
        k.rejections().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> rows.add(List.of(lang.t(e.getKey()), lang.count(e.getValue()),
                        lang.percent(Kpis.share(e.getValue(), all)))));
        return new Page.Section("rejections", lang.t("rejections"), "", "", List.of(new Table("rejections",
                lang.t("rejections"), List.of(lang.t("reason"), lang.t("count"), lang.t("share")), rows)));
    }

    private Page.Section fulfilment() {
        Kpis.Fulfilment f = k.fulfilment();
        return new Page.Section("fulfilment", lang.t("fulfilment"), "", "", List.of(new Table("fulfilment",
                lang.t("fulfilment"), List.of(lang.t("fulfilled"), lang.t("mean minutes"), lang.t("p50 minutes"),
                        lang.t("p90 minutes"), lang.t("same-day due"), lang.t("same-day kept"), lang.t("same-day on-time")),
                List.of(List.of(lang.count(f.fulfilled()), lang.count(f.meanMinutes()), lang.count(f.p50Minutes()),
                        lang.count(f.p90Minutes()), lang.count(f.sameDayDue()), lang.count(f.sameDayOnTime()),
                        lang.percent(f.sameDayOnTimeRate()))))));
    }

    private Page.Section members() {
        Kpis.Members m = k.members();
        List<List<String>> cohorts = new ArrayList<>();
        for (Kpis.Cohort c : k.cohorts()) {
            cohorts.add(List.of(c.month().toString(), lang.count(c.members()), retained(c.at(30)), retained(c.at(60)),
                    retained(c.at(90))));
        }
        cohorts.add(List.of(lang.t("total"), lang.count(m.members()), retained(k.retention(30)), retained(k.retention(60)),
                retained(k.retention(90))));
        return new Page.Section("members", lang.t("members"), lang.t("repurchase") + " (" + m.window().toDays() + "d): "
                + lang.percent(m.repurchaseRate()) + " (" + lang.count(m.repeatInWindow()) + " / "
                + lang.count(m.activeInWindow()) + ")", "", List.of(
                new Table("buyers", lang.t("members"), List.of(lang.t("new orders"), lang.t("returning orders"),
                        lang.t("guest orders"), lang.t("repurchase")), List.of(List.of(lang.count(m.newMemberOrders()),
                        lang.count(m.returningMemberOrders()), lang.count(m.guestOrders()),
                        lang.percent(m.repurchaseRate())))),
                new Table("retention", lang.t("retention"), List.of(lang.t("cohort"), lang.t("cohort size"),
                        lang.t("retained 30"), lang.t("retained 60"), lang.t("retained 90")), cohorts)));
    }

    private String retained(Kpis.Retention r) {
        return r.matured() == 0 ? lang.t("none") : lang.percent(r.rate()) + " (" + lang.count(r.retained()) + " / "
                + lang.count(r.matured()) + ")";
    }

    private Page.Section conversionAndStock() {
        List<List<String>> conv = new ArrayList<>();
        k.conversion().forEach((c, v) -> conv.add(List.of(lang.t(c.name()), lang.count(v.quotes()),
                lang.count(v.converted()), lang.percent(v.rate()))));
        Kpis.Conversion ct = k.conversionTotal();
        conv.add(List.of(lang.t("total"), lang.count(ct.quotes()), lang.count(ct.converted()), lang.percent(ct.rate())));
        List<List<String>> st = new ArrayList<>();
        top(k.sellThrough(), Kpis.SellThrough::sold).stream().filter(e -> e.getValue().received() > 0)
                .forEach(e -> st.add(List.of(e.getKey().value(), lang.count(e.getValue().sold()),
                        lang.count(e.getValue().received()), lang.percent(e.getValue().rate()))));
        String turnover = k.turnover().days().map(d -> lang.decimal(d.doubleValue(), 1)).orElse(lang.t("none"));
        return new Page.Section("conversion", lang.t("conversion"), lang.t("turnover") + ": " + turnover + " · "
                + lang.t("sell-through") + ": " + lang.percent(k.sellThroughTotal().rate()), "", List.of(
                new Table("conversion", lang.t("conversion"), List.of(lang.t("channel"), lang.t("quotes"),
                        lang.t("converted"), lang.t("conversion")), conv),
                new Table("sell-through", lang.t("sell-through"), List.of(lang.t("sku"), lang.t("sold"),
                        lang.t("received"), lang.t("sell-through")), st)));
    }

    private static <K, V> List<Map.Entry<K, V>> top(Map<K, V> map, java.util.function.ToLongFunction<V> by) {
        List<Map.Entry<K, V>> all = new ArrayList<>(map.entrySet());
        all.sort(Comparator.comparingLong((Map.Entry<K, V> e) -> -by.applyAsLong(e.getValue())));
        return all.subList(0, Math.min(TOP, all.size()));
    }
}

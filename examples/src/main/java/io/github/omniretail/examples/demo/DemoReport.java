package io.github.omniretail.examples.demo;

import io.github.omniretail.analytics.KpiCsv;
import io.github.omniretail.analytics.KpiTracker;
import io.github.omniretail.analytics.Kpis;
import io.github.omniretail.analytics.replenishment.PositionPlan;
import io.github.omniretail.analytics.replenishment.Suggestion;
import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.examples.Html;
import io.github.omniretail.examples.report.KpiSections;
import io.github.omniretail.examples.report.Lang;
import io.github.omniretail.examples.report.Page;
import io.github.omniretail.examples.report.Svg;
import io.github.omniretail.examples.report.Table;
import io.github.omniretail.pricing.ExperimentLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The day's report for an operations manager, {@code index.html} with every table also as CSV under {@code tables/}
 * and the day's KPI export under {@code export/} (the input of the {@code kpi} command). First the numbers that run the
 * business — revenue, AOV and margin by channel and store, shares, stock-outs and waste by SKU and store, why orders
 * were refused, same-day promises kept, members — then forecast against actual for the top SKUs, tomorrow's
 * replenishment plan, the network map, the channels' hours, promotions and the A/B test; the developers' checks sit in
 * a collapsed appendix. English or Chinese. Self-contained (no scripts, fonts or files from elsewhere) and well-formed
 * XHTML. Stateless; thread-safe.
 */
public final class DemoReport {

    /** The ids of the sections that hold one chart each, in page order. */
    public static final List<String> CHARTS = List.of("orders-per-hour", "sales-by-channel", "forecast-vs-actual",
            "network-map", "fulfilment-mix", "markdown-revenue", "segment-sizes");

    private static final Map<String, String> DISTRICTS_ZH = Map.of("Shangcheng", "上城", "Gongshu", "拱墅", "Xihu", "西湖",
            "Binjiang", "滨江", "Xiaoshan", "萧山", "Yuhang", "余杭", "Linping", "临平", "Qiantang", "钱塘");

    private DemoReport() {
    }

    /**
     * Writes {@code dir/index.html}, {@code dir/tables/*.csv} and {@code dir/export/*.csv}, creating directories.
     *
     * @param summary the day
     * @param world its world
     * @param dir the directory
     * @param lang the language
     * @return the page written
     * @throws IOException if it cannot be written
     */
    public static Path write(DaySummary summary, RetailWorld world, Path dir, Lang lang) throws IOException {
        Path page = page(summary, world, lang).write(dir);
        KpiCsv.write(summary.events(), dir.resolve("export"));
        return page;
    }

    /**
     * The page in English.
     *
     * @param s the day
     * @param world its world
     * @return XHTML
     */
    public static String html(DaySummary s, RetailWorld world) {
        return page(s, world, Lang.EN).html();
    }

    /**
     * The day's KPIs: sales, stock and fulfilment from the day's events; member KPIs (repurchase, retention, new and
     * returning) over the world's 13 months of purchases plus the day.
     *
     * @param s the day
     * @param world its world
     * @return the KPIs at midnight after the day
     */
    public static Kpis kpis(DaySummary s, RetailWorld world) {
        Instant end = RetailWorld.DAY.plusDays(1).atStartOfDay(RetailWorld.ZONE).toInstant();
        KpiTracker day = KpiTracker.builder().currency(RetailWorld.CNY).zone(RetailWorld.ZONE).build();
        day.acceptAll(s.events());
        KpiTracker members = KpiTracker.builder().currency(RetailWorld.CNY).zone(RetailWorld.ZONE).build();
        members.acceptAll(DayLog.history(world));
        members.acceptAll(s.events().stream().filter(e -> e instanceof io.github.omniretail.analytics.KpiEvent.OrderPlaced)
                .toList());
        Kpis k = day.kpis(end);
        Kpis m = members.kpis(end);
        return new Kpis(k.asOf(), k.currency(), k.total(), k.byChannel(), k.byStore(), k.byDay(), k.ownChannels(),
                m.members(), m.cohorts(), k.conversion(), k.sellThrough(), k.turnover(), k.stockOuts(), k.fulfilment(),
                k.wasteBySku(), k.wasteByStore(), k.rejections());
    }

    /**
     * The page.
     *
     * @param s the day
     * @param world its world
     * @param lang the language
     * @return the page, ready to write
     */
    public static Page page(DaySummary s, RetailWorld world, Lang lang) {
        Map<NodeId, String> names = new HashMap<>();
        world.nodes().forEach(n -> names.put(n.id(), name(n, lang)));
        Kpis k = kpis(s, world);
        KpiSections kpi = new KpiSections(k, lang, id -> names.getOrDefault(id, id.value()));
        String subtitle = lang == Lang.ZH
                ? String.format(Locale.ROOT, "%s · 随机种子 %d · 规模 %s · %d 个节点 · %s 个商品 · %s 名会员", RetailWorld.DAY,
                        s.seed(), s.scale(), s.nodes(), lang.count(s.skus()), lang.count(s.members()))
                : String.format(Locale.ROOT, "%s · seed %d · scale %s · %d nodes · %s SKUs · %s members", RetailWorld.DAY,
                        s.seed(), s.scale(), s.nodes(), lang.count(s.skus()), lang.count(s.members()));
        Page page = new Page(lang, lang.t("demo.title"), subtitle).cards(kpi.cards());
        page.section(new Page.Section("orders-per-hour", lang.t("orders per hour"), "", ordersPerHour(s, lang), List.of()));
        kpi.sections().forEach(page::section);
        page.section(forecastVsActual(s.outlook(), lang));
        page.section(plan(s.outlook(), lang, names));
        page.section(new Page.Section("network-map", lang.t("map"), "", NetworkMap.svg(s, world, lang, names), List.of()));
        Map<String, Long> mix = new LinkedHashMap<>();
        s.fulfilmentMix().forEach((m, n) -> mix.put(m, (long) n));
        page.section(new Page.Section("fulfilment-mix", lang.t("fulfilment mix"), "",
                Svg.horizontalBars(mix, lang::count, 1060), List.of()));
        page.section(new Page.Section("markdown-revenue", lang.t("markdown"), "", markdown(s, lang), List.of()));
        page.section(segments(s, lang));
        page.section(abTest(s, lang));
        page.appendix(checks(s, lang));
        page.appendix(new Page.Section("points-flows", "Points", "", Svg.horizontalBars(s.charts().pointsFlows(),
                lang::count, 1000), List.of()));
        return page;
    }

    static String name(FulfillmentNode n, Lang lang) {
        String name = n.name();
        if (lang == Lang.ZH) {
            for (Map.Entry<String, String> d : DISTRICTS_ZH.entrySet()) {
                name = name.replace(d.getKey() + " store ", d.getValue() + " ").replace(d.getKey(), d.getValue());
            }
            name = name.matches(".* \\d+") && n.type() == io.github.omniretail.core.NodeType.STORE
                    ? name.replaceAll(" (\\d+)$", "$1号店") : name;
        }
        return name;
    }

    private static String ordersPerHour(DaySummary s, Lang lang) {
        Map<String, int[]> series = s.charts().ordersPerHour();
        List<String> hours = new ArrayList<>();
        for (int h = 6; h <= 23; h++) {
            hours.add(String.format(Locale.ROOT, "%02d", h));
        }
        double[][] values = new double[series.size()][hours.size()];
        List<String> names = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, int[]> e : series.entrySet()) {
            names.add(e.getKey());
            for (int h = 6; h <= 23; h++) {
                values[i][h - 6] = e.getValue()[h];
            }
            i++;
        }
        return Svg.bars(lang.t("orders per hour"), hours, names, values, null, true, v -> lang.count(Math.round(v)),
                1060, 320);
    }

    private static String markdown(DaySummary s, Lang lang) {
        List<String> hours = new ArrayList<>();
        double[][] values = new double[2][18];
        for (int h = 6; h <= 23; h++) {
            hours.add(String.format(Locale.ROOT, "%02d", h));
            values[0][h - 6] = Math.max(0, s.charts().revenuePerHour()[h]) / 100.0;
            values[1][h - 6] = Math.max(0, s.charts().markdownRevenuePerHour()[h]) / 100.0;
        }
        return Svg.bars(lang.t("markdown"), hours, List.of(lang.t("revenue"), lang.t("markdown")), values, null, false,
                v -> (lang == Lang.ZH ? "¥" : "CNY ") + lang.count(Math.round(v)), 1060, 300);
    }

    private static Page.Section forecastVsActual(Outlook o, Lang lang) {
        List<String> skus = new ArrayList<>();
        double[][] values = new double[2][o.top().size()];
        double[][][] whiskers = new double[2][][];
        whiskers[0] = new double[o.top().size()][];
        List<List<String>> rows = new ArrayList<>();
        int i = 0;
        for (Outlook.SkuForecast f : o.top()) {
            skus.add(f.sku().value());
            values[0][i] = f.forecast();
            values[1][i] = f.actual();
            whiskers[0][i] = new double[] {f.low80(), f.high80()};
            rows.add(List.of(f.sku().value(), lang.t(f.category()), f.method().name(), lang.decimal(f.forecast(), 1),
                    lang.decimal(f.low80(), 0) + "–" + lang.decimal(f.high80(), 0), lang.count(f.actual()),
                    lang.decimal(f.actual() - f.forecast(), 1)));
            i++;
        }
        String chart = Svg.bars(lang.t("forecast vs actual"), skus, List.of(lang.t("forecast"), lang.t("actual")),
                values, whiskers, false, v -> lang.count(Math.round(v)), 1060, 320);
        String intro = lang == Lang.ZH
                ? "当日销量最高的10个商品：基于截至昨日两年日数据的预测（各节点之和，误差线为80%区间）与当日实际销量。"
                        + "缺货商品的销量低于预测，是流失的需求而非预测误差（见缺货表）。"
                : "The day's ten best sellers: the forecast from two years of daily history up to yesterday (summed over"
                        + " nodes; whiskers the 80 % interval) against units sold. Where a SKU ran out, sales below the"
                        + " forecast are lost demand, not forecast error (see stock-outs).";
        return new Page.Section("forecast-vs-actual", lang.t("forecast vs actual"), intro, chart, List.of(
                new Table("forecast-vs-actual", lang.t("forecast vs actual"), List.of(lang.t("sku"), lang.t("category"),
                        lang.t("method"), lang.t("forecast"), lang.t("interval"), lang.t("actual"), lang.t("error")),
                        rows)));
    }

    private static Page.Section plan(Outlook o, Lang lang, Map<NodeId, String> names) {
        DateTimeFormatter eta = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(RetailWorld.ZONE);
        List<List<String>> transfers = new ArrayList<>();
        List<List<String>> orders = new ArrayList<>();
        long transferUnits = 0;
        long orderUnits = 0;
        List<Suggestion> sorted = new ArrayList<>(o.plan().suggestions());
        sorted.sort(Comparator.comparingInt(Suggestion::units).reversed().thenComparing(x -> x.sku().value()));
        for (Suggestion x : sorted) {
            if (x instanceof Suggestion.TransferOrder t) {
                transferUnits += t.units();
                transfers.add(List.of(t.sku().value(), names.getOrDefault(t.from(), t.from().value()),
                        names.getOrDefault(t.to(), t.to().value()), lang.count(t.units()), eta.format(t.eta())));
            } else {
                Suggestion.PurchaseOrder p = (Suggestion.PurchaseOrder) x;
                orderUnits += p.units();
                orders.add(List.of(p.sku().value(), p.supplier(), names.getOrDefault(p.to(), p.to().value()),
                        lang.count(p.units()), eta.format(p.eta())));
            }
        }
        List<List<String>> levels = new ArrayList<>();
        for (PositionPlan p : o.plan().positions()) {
            if (p.requested() > 0) {
                levels.add(List.of(p.sku().value(), names.getOrDefault(p.node(), p.node().value()), p.method().name(),
                        lang.decimal(p.dailyDemand(), 1), lang.count(p.safetyStock()), lang.count(p.reorderPoint()),
                        lang.count(p.orderUpTo()), lang.count(p.inventoryPosition()), lang.count(p.granted())));
            }
        }
        String intro = lang.t("transfers") + ": " + lang.count(transfers.size()) + " / " + lang.count(transferUnits) + " "
                + lang.t("units") + " · " + lang.t("purchase orders") + ": " + lang.count(orders.size()) + " / "
                + lang.count(orderUnits) + " " + lang.t("units") + " · " + lang.t("shortfall") + ": "
                + lang.count(o.plan().shortfall());
        List<String> columns = List.of(lang.t("sku"), lang.t("from"), lang.t("to"), lang.t("units"), lang.t("eta"));
        return new Page.Section("replenishment-plan", lang.t("plan"), intro, "", List.of(
                new Table("plan-transfers", lang.t("transfers"), columns, transfers, 15),
                new Table("plan-purchase-orders", lang.t("purchase orders"), columns, orders, 15),
                new Table("plan-levels", lang.t("reorder point") + " / " + lang.t("order-up-to"), List.of(lang.t("sku"),
                        lang.t("store"), lang.t("method"), lang.t("forecast"), lang.t("safety stock"),
                        lang.t("reorder point"), lang.t("order-up-to"), lang.t("position"), lang.t("units")), levels, 15)));
    }

    private static Page.Section segments(DaySummary s, Lang lang) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        for (DaySummary.Segment seg : s.segments()) {
            String label = lang == Lang.ZH ? seg.label() : seg.name();
            sizes.put(label, (long) seg.members());
            rows.add(List.of(label, lang.count(seg.members()), lang.decimal(seg.meanPAlive(), 2), lang.money(seg.clv52())));
        }
        List<List<String>> top = new ArrayList<>();
        for (DaySummary.TopMember m : s.topMembers()) {
            top.add(List.of(m.member(), m.name(), m.phone(), lang.count(m.orders()), lang.money(m.spend())));
        }
        return new Page.Section("segment-sizes", lang.t("segments"), "", Svg.horizontalBars(sizes, lang::count, 1060),
                List.of(new Table("segments", lang.t("segments"), List.of(lang.t("name"), lang.t("members"),
                        "P(alive)", "CLV 52w"), rows),
                        new Table("top-members", lang.t("top members (masked)"), List.of(lang.t("member"),
                                lang.t("name"), lang.t("phone"), lang.t("orders"), lang.t("spend")), top)));
    }

    private static Page.Section abTest(DaySummary s, Lang lang) {
        List<List<String>> rows = new ArrayList<>();
        for (ExperimentLog.VariantResult v : s.abTest()) {
            rows.add(List.of(v.variant(), lang.count(v.visitors()), lang.decimal(100 * v.conversionRate(), 1) + " %",
                    lang.decimal(100 * v.low(), 1) + "–" + lang.decimal(100 * v.high(), 1) + " %",
                    lang.money(v.revenuePerVisitor()), lang.decimal(v.probabilityBest(), 2)));
        }
        List<List<String>> promos = new ArrayList<>();
        s.promotionsApplied().forEach((p, n) -> promos.add(List.of(p, lang.count(n))));
        return new Page.Section("ab-test", lang.t("ab"), "", "", List.of(
                new Table("ab-test", lang.t("ab"), List.of("variant", "visitors", "conversion", "95 %", "revenue/visitor",
                        "P(best)"), rows),
                new Table("promotions", "Promotions", List.of("promotion", lang.t("orders")), promos)));
    }

    private static Page.Section checks(DaySummary s, Lang lang) {
        int rejected = s.rejected().values().stream().mapToInt(Integer::intValue).sum();
        DaySummary.Units u = s.units();
        List<List<String>> rows = List.of(
                List.of("units: opening − fulfilled + returned − wasted = on hand + in transit", String.format(Locale.ROOT,
                        "%,d − %,d + %,d − %,d = %,d + %,d", u.opening(), u.fulfilled(), u.returned(), u.wasted(),
                        u.closing(), u.inTransit()), u.conserved() ? "ok" : "NOT conserved"),
                List.of("oversold positions", String.valueOf(u.oversoldPositions()), u.oversoldPositions() == 0 ? "ok" : "FAIL"),
                List.of("ledger: accounts sum; issued = earned − reversed", String.format(Locale.ROOT, "%d; %,d = %,d − %,d",
                        s.points().ledgerSum(), s.points().issued(), s.points().earned(), s.points().reversed()),
                        s.points().balanced() ? "ok" : "NOT balanced"),
                List.of("orders = fulfilled + cancelled + rejected", String.format(Locale.ROOT, "%,d = %,d + %,d + %,d",
                        s.orders(), s.fulfilled(), s.cancelled(), rejected),
                        s.unaccountedOrders() == 0 ? "ok" : "FAIL"));
        return new Page.Section("checks", "Checks", "", "", List.of(new Table("checks", "Checks",
                List.of("check", "value", "result"), rows)));
    }

    /** The network map, with store names and a scale bar. */
    static final class NetworkMap {
        private NetworkMap() {
        }

        static String svg(DaySummary s, RetailWorld world, Lang lang, Map<NodeId, String> names) {
            int w = 1060;
            int h = 760;
            double minLat = Double.MAX_VALUE;
            double maxLat = -Double.MAX_VALUE;
            double minLon = Double.MAX_VALUE;
            double maxLon = -Double.MAX_VALUE;
            List<double[]> points = new ArrayList<>();
            for (FulfillmentNode n : world.nodes()) {
                points.add(new double[] {n.location().latitude(), n.location().longitude()});
            }
            for (DaySummary.Delivery d : s.charts().deliveries()) {
                points.add(new double[] {d.lat(), d.lon()});
            }
            for (double[] p : points) {
                minLat = Math.min(minLat, p[0]);
                maxLat = Math.max(maxLat, p[0]);
                minLon = Math.min(minLon, p[1]);
                maxLon = Math.max(maxLon, p[1]);
            }
            double kx = Math.cos(Math.toRadians((minLat + maxLat) / 2));
            double scale = Math.min((w - 40) / ((maxLon - minLon) * kx), (h - 90) / (maxLat - minLat));
            double x0 = minLon;
            double y0 = maxLat;
            java.util.function.DoubleUnaryOperator px = lon -> 20 + (lon - x0) * kx * scale;
            java.util.function.DoubleUnaryOperator py = lat -> 40 + (y0 - lat) * scale;
            StringBuilder b = new StringBuilder(Svg.open(w, h, lang.t("map")));
            Map<String, String> colours = Map.of("same-day", "#2ca02c", "ship", "#1f77b4", "pickup", "#9467bd");
            for (DaySummary.Delivery d : s.charts().deliveries()) {
                b.append(String.format(Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-opacity=\"0.12\"/>\n",
                        px.applyAsDouble(d.fromLon()), py.applyAsDouble(d.fromLat()), px.applyAsDouble(d.lon()),
                        py.applyAsDouble(d.lat()), colours.get(d.method())));
            }
            for (DaySummary.Delivery d : s.charts().deliveries()) {
                b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"%s\" fill-opacity=\"0.7\"/>\n",
                        px.applyAsDouble(d.lon()), py.applyAsDouble(d.lat()), colours.get(d.method())));
            }
            double metresPerDegree = 111_195;
            for (FulfillmentNode n : world.nodes()) {
                double x = px.applyAsDouble(n.location().longitude());
                double y = py.applyAsDouble(n.location().latitude());
                String name = names.getOrDefault(n.id(), n.id().value());
                String title = "<title>" + Html.escape(n.id().value() + " " + name) + "</title>";
                switch (n.type()) {
                    case DARK_STORE -> {
                        double r = n.sameDayRadiusMetres().orElse(0) / metresPerDegree * scale;
                        b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#2ca02c\""
                                + " fill-opacity=\"0.06\" stroke=\"#2ca02c\" stroke-dasharray=\"4 3\"/>\n", x, y, r));
                        b.append(String.format(Locale.ROOT, "<path d=\"M %.1f %.1f l 7 7 l -7 7 l -7 -7 z\" fill=\"#2ca02c\""
                                + " stroke=\"#fff\">%s</path>\n", x, y - 7, title));
                    }
                    case STORE -> b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#d62728\""
                            + " stroke=\"#fff\">%s</circle>\n", x, y, title));
                    case DISTRIBUTION_CENTER -> b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\""
                            + " height=\"14\" fill=\"#222\">%s</rect>\n", x - 7, y - 7, title));
                    default -> b.append(String.format(Locale.ROOT, "<path d=\"M %.1f %.1f l 6 10 l -12 0 z\" fill=\"#9467bd\""
                            + " stroke=\"#fff\">%s</path>\n", x, y - 6, title));
                }
                if (n.type() != io.github.omniretail.core.NodeType.PICKUP_POINT) {
                    b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#333\">%s</text>\n",
                            x + 8, y - 6, Html.escape(name)));
                }
            }
            // The scale bar: a round number of kilometres about a sixth of the map wide.
            double pxPerKm = scale / (metresPerDegree / 1000);
            double km = io.github.omniretail.examples.report.Ticks.of(w / 6.0 / pxPerKm, 1).step();
            double len = km * pxPerKm;
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"6\" fill=\"#222\"/>\n",
                    w - 40 - (int) len, h - 30, len));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s %s</text>\n",
                    w - 40 - len / 2, h - 36, lang.decimal(km, km < 1 ? 1 : 0), lang.t("km")));
            Svg.legend(b, List.of("same-day", "ship", "pickup"), 20, 18, "#2ca02c", "#1f77b4", "#9467bd");
            return b.append("</svg>").toString();
        }
    }
}

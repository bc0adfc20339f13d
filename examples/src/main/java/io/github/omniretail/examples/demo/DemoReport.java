package io.github.omniretail.examples.demo;

import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.NodeType;
import io.github.omniretail.examples.Html;
import io.github.omniretail.examples.Text;
import io.github.omniretail.pricing.ExperimentLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the day as one self-contained page, {@code index.html}: key numbers, then six charts drawn as inline SVG
 * (orders per hour by channel, a map of nodes and deliveries, the fulfilment mix, markdown revenue by hour, points
 * flows, segment sizes) and the A/B result. No scripts, fonts or files from elsewhere: it opens offline. The page is
 * well-formed XML (polyglot XHTML), so tools can parse it. Stateless; thread-safe.
 */
public final class DemoReport {

    /** The ids of the chart sections, in page order. */
    public static final List<String> CHARTS = List.of("orders-per-hour", "network-map", "fulfilment-mix",
            "markdown-revenue", "points-flows", "segment-sizes");

    private static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

    private DemoReport() {
    }

    /**
     * Writes {@code dir/index.html}, creating the directory.
     *
     * @param summary the day; non-null
     * @param world its world (for the network); non-null
     * @param dir the directory; non-null
     * @return the page written
     * @throws IOException if it cannot be written
     */
    public static Path write(DaySummary summary, RetailWorld world, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path page = dir.resolve("index.html");
        Files.writeString(page, html(summary, world), StandardCharsets.UTF_8);
        return page;
    }

    /**
     * The page.
     *
     * @param s the day; non-null
     * @param world its world; non-null
     * @return the page as text
     */
    public static String html(DaySummary s, RetailWorld world) {
        StringBuilder b = new StringBuilder(256 * 1024);
        b.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>OmniRetail demo — a day in Hangzhou</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:1100px;")
                .append("color:#222;padding:0 1em}h1{margin-bottom:0}.sub{color:#666;margin-top:.2em}")
                .append(".kpis{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin:1.5em 0}")
                .append(".kpi{background:#f5f7fa;border-radius:8px;padding:12px}.kpi b{display:block;font-size:1.5em}")
                .append("section{margin:2em 0}svg{background:#fff;border:1px solid #e3e6ea;border-radius:6px}")
                .append("table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid #eee;text-align:right}")
                .append("td:first-child,th:first-child{text-align:left}.grid{display:grid;grid-template-columns:1fr 1fr;gap:24px}")
                .append("\n</style>\n</head>\n<body>\n");
        b.append("<h1>A day of an omnichannel retailer in Hangzhou</h1>\n<p class=\"sub\">")
                .append(Html.escape(String.format(Locale.ROOT, "%s · seed %d · scale %s · %d nodes · %,d SKUs · %,d members",
                        RetailWorld.DAY, s.seed(), s.scale(), s.nodes(), s.skus(), s.members())))
                .append("</p>\n<div class=\"kpis\">\n");
        int rejected = s.rejected().values().stream().mapToInt(Integer::intValue).sum();
        kpi(b, "orders", String.format(Locale.ROOT, "%,d", s.orders()));
        kpi(b, "fulfilled / cancelled / rejected", String.format(Locale.ROOT, "%,d / %,d / %,d", s.fulfilled(),
                s.cancelled(), rejected));
        kpi(b, "revenue", Text.money(s.revenue()));
        kpi(b, "promotion savings", Text.money(s.promotionSavings()));
        kpi(b, "split rate", String.format(Locale.ROOT, "%.1f %%", s.routedOrders() == 0 ? 0
                : 100.0 * s.splitOrders() / s.routedOrders()));
        kpi(b, "stock-outs avoided by routing", String.format(Locale.ROOT, "%,d", s.stockOutsAvoided()));
        kpi(b, "low-stock alerts", String.format(Locale.ROOT, "%,d", s.lowStockAlerts()));
        kpi(b, "points issued / redeemed", String.format(Locale.ROOT, "%,d / %,d", s.points().issued(),
                s.points().redeemed()));
        b.append("</div>\n");

        section(b, "orders-per-hour", "Orders per hour by channel",
                "Walk-ins follow store hours; the live stream's burst starts at 20:00.", ordersPerHour(s));
        section(b, "network-map", "The network and a sample of deliveries",
                "Dark stores (diamonds) with their 3 km same-day radius, stores (circles), the DC (square), lockers "
                        + "(triangles); each dot a delivery, coloured by method, joined to the node that shipped it.",
                map(s, world));
        b.append("<div class=\"grid\">\n");
        section(b, "fulfilment-mix", "Fulfilment mix", "Fulfilled orders by how they reached the customer.",
                horizontalBars(toLong(s.fulfilmentMix()), 520));
        section(b, "points-flows", "Points flows", "Points earned, redeemed, expired and reversed today.",
                horizontalBars(s.charts().pointsFlows(), 520));
        b.append("</div>\n");
        section(b, "markdown-revenue", "Evening markdown revenue",
                "Revenue per hour (grey) and the part sold at an evening fresh or bakery markdown (orange).",
                markdown(s));
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (DaySummary.Segment seg : s.segments()) {
            sizes.put(seg.name() + " " + seg.label(), (long) seg.members());
        }
        section(b, "segment-sizes", "End-of-day segments",
                "Members by RFM segment after the day; P(alive) from BG/NBD, CLV from Gamma-Gamma.",
                horizontalBars(sizes, 1060) + segmentTable(s));
        b.append("<section id=\"promotions\">\n<h2>Promotions applied</h2>\n<table><tr><th>promotion</th>")
                .append("<th>fulfilled orders</th></tr>\n");
        s.promotionsApplied().forEach((p, n) -> b.append("<tr><td>").append(Html.escape(p)).append("</td><td>")
                .append(String.format(Locale.ROOT, "%,d", n)).append("</td></tr>\n"));
        b.append("</table>\n</section>\n");
        b.append("<section id=\"ab-test\">\n<h2>A/B test: 满200减50 against 满300减80</h2>\n")
                .append("<table><tr><th>variant</th><th>visitors</th><th>conversion</th><th>95 % interval</th>")
                .append("<th>revenue per visitor</th><th>P(best)</th></tr>\n");
        for (ExperimentLog.VariantResult v : s.abTest()) {
            b.append("<tr><td>").append(Html.escape(v.variant())).append("</td><td>").append(v.visitors()).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f %%", 100 * v.conversionRate())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f–%.1f %%", 100 * v.low(), 100 * v.high()))
                    .append("</td><td>").append(Html.escape(Text.money(v.revenuePerVisitor()))).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.2f", v.probabilityBest())).append("</td></tr>\n");
        }
        b.append("</table>\n</section>\n");
        b.append("<section id=\"checks\">\n<h2>Checks</h2>\n<ul>\n")
                .append("<li>").append(Html.escape(String.format(Locale.ROOT,
                        "Units: %,d opening − %,d fulfilled + %,d returned − %,d wasted = %,d on hand + %,d in transit (%s)",
                        s.units().opening(), s.units().fulfilled(), s.units().returned(), s.units().wasted(),
                        s.units().closing(),
                        s.units().inTransit(), s.units().conserved() ? "conserved" : "NOT conserved")))
                .append("</li>\n<li>").append(Html.escape(String.format(Locale.ROOT, "Oversold positions: %d",
                        s.units().oversoldPositions())))
                .append("</li>\n<li>").append(Html.escape(String.format(Locale.ROOT,
                        "Ledger: accounts sum to %d; issued %,d = earned %,d − reversed %,d (%s)",
                        s.points().ledgerSum(), s.points().issued(), s.points().earned(), s.points().reversed(),
                        s.points().balanced() ? "balanced" : "NOT balanced")))
                .append("</li>\n<li>").append(Html.escape(String.format(Locale.ROOT,
                        "Orders: %,d = %,d fulfilled + %,d cancelled + %,d rejected", s.orders(), s.fulfilled(),
                        s.cancelled(), rejected)))
                .append("</li>\n</ul>\n</section>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void kpi(StringBuilder b, String label, String value) {
        b.append("<div class=\"kpi\">").append(Html.escape(label)).append("<b>").append(Html.escape(value)).append("</b></div>\n");
    }

    private static void section(StringBuilder b, String id, String title, String caption, String svg) {
        b.append("<section id=\"").append(id).append("\">\n<h2>").append(Html.escape(title)).append("</h2>\n<p>")
                .append(Html.escape(caption)).append("</p>\n").append(svg).append("\n</section>\n");
    }

    private static String svgOpen(int width, int height, String label) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" role=\"img\" aria-label=\"" + Html.escape(label) + "\">\n";
    }

    private static String ordersPerHour(DaySummary s) {
        int w = 1060;
        int h = 340;
        int left = 50;
        int bottom = 300;
        int top = 40;
        Map<String, int[]> series = s.charts().ordersPerHour();
        int from = 6;
        int to = 23;
        int max = 1;
        for (int hour = from; hour <= to; hour++) {
            int sum = 0;
            for (int[] v : series.values()) {
                sum += v[hour];
            }
            max = Math.max(max, sum);
        }
        double barW = (w - left - 20) / (double) (to - from + 1);
        StringBuilder b = new StringBuilder(svgOpen(w, h, "orders per hour by channel"));
        axisY(b, left, top, bottom, w - 20, max, "");
        for (int hour = from; hour <= to; hour++) {
            double x = left + (hour - from) * barW;
            double y = bottom;
            int c = 0;
            for (Map.Entry<String, int[]> e : series.entrySet()) {
                int v = e.getValue()[hour];
                double bh = (bottom - top) * (double) v / max;
                y -= bh;
                b.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %02d:00 %d</title></rect>\n",
                        x + 2, y, barW - 4, bh, PALETTE[c % PALETTE.length], Html.escape(e.getKey()), hour, v));
                c++;
            }
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%02d</text>\n",
                    x + barW / 2, bottom + 15, hour));
        }
        legend(b, new ArrayList<>(series.keySet()), left, 18);
        return b.append("</svg>").toString();
    }

    private static String markdown(DaySummary s) {
        int w = 1060;
        int h = 300;
        int left = 70;
        int bottom = 260;
        int top = 40;
        long[] total = s.charts().revenuePerHour();
        long[] marked = s.charts().markdownRevenuePerHour();
        long max = 1;
        for (long v : total) {
            max = Math.max(max, v);
        }
        int from = 6;
        int to = 23;
        double barW = (w - left - 20) / (double) (to - from + 1);
        StringBuilder b = new StringBuilder(svgOpen(w, h, "markdown revenue per hour"));
        axisY(b, left, top, bottom, w - 20, max / 100, "¥");
        for (int hour = from; hour <= to; hour++) {
            double x = left + (hour - from) * barW;
            double th = (bottom - top) * (double) Math.max(0, total[hour]) / max;
            double mh = (bottom - top) * (double) Math.max(0, marked[hour]) / max;
            b.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#c7ccd1\"><title>%02d:00 revenue ¥%,d</title></rect>\n",
                    x + 2, bottom - th, barW - 4, th, hour, total[hour] / 100));
            b.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#ff7f0e\"><title>%02d:00 marked down ¥%,d</title></rect>\n",
                    x + 2, bottom - mh, barW - 4, mh, hour, marked[hour] / 100));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%02d</text>\n",
                    x + barW / 2, bottom + 15, hour));
        }
        legend(b, List.of("revenue", "sold at a markdown"), left, 18, "#c7ccd1", "#ff7f0e");
        return b.append("</svg>").toString();
    }

    private static String horizontalBars(Map<String, Long> values, int w) {
        int row = 26;
        int labelW = Math.min(260, w / 2 - 20);
        int h = 20 + row * Math.max(1, values.size());
        long max = 1;
        for (long v : values.values()) {
            max = Math.max(max, v);
        }
        StringBuilder b = new StringBuilder(svgOpen(w, h, "bar chart"));
        int i = 0;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            double y = 10 + i * row;
            double bw = (w - labelW - 90) * (double) Math.max(0, e.getValue()) / max;
            b.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\">%s</text>\n", labelW - 6, y + 15,
                    Html.escape(e.getKey())));
            b.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s %,d</title></rect>\n",
                    labelW, y + 3, bw, row - 8, PALETTE[i % PALETTE.length], Html.escape(e.getKey()), e.getValue()));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\">%,d</text>\n",
                    labelW + bw + 6, y + 15, e.getValue()));
            i++;
        }
        return b.append("</svg>").toString();
    }

    private static String segmentTable(DaySummary s) {
        StringBuilder b = new StringBuilder("<table><tr><th>segment</th><th>members</th><th>mean P(alive)</th>"
                + "<th>52-week CLV per member</th></tr>\n");
        for (DaySummary.Segment seg : s.segments()) {
            b.append("<tr><td>").append(Html.escape(seg.name() + " " + seg.label())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%,d", seg.members())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.2f", seg.meanPAlive())).append("</td><td>")
                    .append(Html.escape(Text.money(seg.clv52()))).append("</td></tr>\n");
        }
        return b.append("</table>").toString();
    }

    private static String map(DaySummary s, RetailWorld world) {
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
        double spanX = (maxLon - minLon) * kx;
        double spanY = maxLat - minLat;
        double scale = Math.min((w - 40) / spanX, (h - 60) / spanY);
        Projection proj = new Projection(minLon, maxLat, kx, scale);
        StringBuilder b = new StringBuilder(svgOpen(w, h, "map of nodes and deliveries"));
        for (RetailWorld.District d : RetailWorld.DISTRICTS) {
            b.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%.1f\" font-size=\"15\" fill=\"#9aa3ad\" text-anchor=\"middle\">%s</text>\n",
                    proj.x(d.centre().longitude()), proj.y(d.centre().latitude()) - 40, Html.escape(d.name())));
        }
        Map<String, String> colours = Map.of("same-day", "#2ca02c", "ship", "#1f77b4", "pickup", "#9467bd");
        for (DaySummary.Delivery d : s.charts().deliveries()) {
            b.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-opacity=\"0.12\"/>\n",
                    proj.x(d.fromLon()), proj.y(d.fromLat()), proj.x(d.lon()), proj.y(d.lat()), colours.get(d.method())));
        }
        for (DaySummary.Delivery d : s.charts().deliveries()) {
            b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"%s\" fill-opacity=\"0.7\"/>\n",
                    proj.x(d.lon()), proj.y(d.lat()), colours.get(d.method())));
        }
        double metresPerDegree = 111_195;
        for (FulfillmentNode n : world.nodes()) {
            double x = proj.x(n.location().longitude());
            double y = proj.y(n.location().latitude());
            String title = "<title>" + Html.escape(n.id() + " " + n.name()) + "</title>";
            if (n.type() == NodeType.DARK_STORE) {
                double r = n.sameDayRadiusMetres().orElse(0) / metresPerDegree * scale;
                b.append(String.format(Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#2ca02c\" fill-opacity=\"0.06\" stroke=\"#2ca02c\" stroke-dasharray=\"4 3\"/>\n",
                        x, y, r));
                b.append(String.format(Locale.ROOT,
                        "<path d=\"M %.1f %.1f l 7 7 l -7 7 l -7 -7 z\" fill=\"#2ca02c\" stroke=\"#fff\">%s</path>\n",
                        x, y - 7, title));
            } else if (n.type() == NodeType.STORE) {
                b.append(String.format(Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#d62728\" stroke=\"#fff\">%s</circle>\n", x, y, title));
            } else if (n.type() == NodeType.DISTRIBUTION_CENTER) {
                b.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"14\" fill=\"#222\">%s</rect>\n", x - 7, y - 7, title));
                b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\">%s</text>\n", x + 10,
                        y + 4, Html.escape(n.name())));
            } else {
                b.append(String.format(Locale.ROOT,
                        "<path d=\"M %.1f %.1f l 6 10 l -12 0 z\" fill=\"#9467bd\" stroke=\"#fff\">%s</path>\n", x, y - 6,
                        title));
            }
        }
        legend(b, List.of("same-day", "ship", "pickup"), 20, 18, "#2ca02c", "#1f77b4", "#9467bd");
        return b.append("</svg>").toString();
    }

    private record Projection(double minLon, double maxLat, double kx, double scale) {
        double x(double lon) {
            return 20 + (lon - minLon) * kx * scale;
        }

        double y(double lat) {
            return 40 + (maxLat - lat) * scale;
        }
    }

    private static void axisY(StringBuilder b, int left, int top, int bottom, int right, long max, String unit) {
        for (int k = 0; k <= 4; k++) {
            double y = bottom - (bottom - top) * k / 4.0;
            b.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>\n", left, y, right, y));
            b.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s%,d</text>\n", left - 4, y + 4,
                    Html.escape(unit), max * k / 4));
        }
    }

    private static void legend(StringBuilder b, List<String> names, int x, int y, String... colours) {
        int at = x;
        for (int i = 0; i < names.size(); i++) {
            String colour = colours.length > i ? colours[i] : PALETTE[i % PALETTE.length];
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>\n", at,
                    y - 10, colour));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>\n", at + 16, y,
                    Html.escape(names.get(i))));
            at += 24 + 8 * names.get(i).length();
        }
    }

    private static Map<String, Long> toLong(Map<String, Integer> in) {
        Map<String, Long> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, (long) v));
        return out;
    }
}

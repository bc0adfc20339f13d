package io.github.omniretail.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.omniretail.core.Money;
import io.github.omniretail.pricing.ExperimentLog;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The demo's day at a small scale: every number in the summary must add up. */
class RetailDayTest {

    static final double SCALE = 0.04;
    static RetailWorld world;
    static DaySummary day;
    static int planned;
    static int[] progress = new int[2];

    @BeforeAll
    static void runTheDay() {
        world = RetailWorld.generate(7, SCALE);
        day = RetailDay.run(world, (done, total) -> {
            progress[0]++;
            progress[1] = done;
            planned = total;
        });
    }

    @Test
    void everyOrderIsFulfilledRejectedWithAReasonOrCancelled() {
        assertEquals(world.plannedOrders(), day.orders());
        assertEquals(0, day.unaccountedOrders(), day.toString());
        assertTrue(day.fulfilled() > day.orders() * 0.8, "most orders are fulfilled: " + day.fulfilled());
        assertTrue(day.cancelled() > 0, "some carts are abandoned");
        day.rejected().forEach((reason, n) -> assertFalse(reason.isBlank()));
        assertEquals(day.orders(), day.ordersByChannel().values().stream().mapToInt(Integer::intValue).sum());
        day.ordersByChannel().forEach((channel, n) -> assertTrue(n > 0, channel + " had no orders"));
        assertEquals(day.fulfilled(), day.fulfilmentMix().values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void inventoryIsConservedAndNeverOversold() {
        DaySummary.Units u = day.units();
        assertEquals(u.opening() - u.fulfilled() + u.returned() - u.wasted(), u.closing() + u.inTransit(), u.toString());
        assertTrue(u.wasted() > 0, "yesterday's bakery lots expire at 21:00: " + u);
        assertEquals(0, u.oversoldPositions());
        assertTrue(u.fulfilled() > 0);
        // every abandoned cart's hold expired by the end of the day: nothing is left held
        assertEquals(day.cancelled(), day.holdsExpired());
        assertTrue(day.lowStockAlerts() > 0 && day.replenishments() > 0 && day.storeTransfers() > 0, day.toString());
    }

    @Test
    void theLedgerSumsToZeroAndIssuedIsEarnedMinusReversed() {
        DaySummary.Points p = day.points();
        assertEquals(0, p.ledgerSum());
        assertEquals(p.earned() - p.reversed(), p.issued(), p.toString());
        assertTrue(p.earned() > 0 && p.redeemed() > 0 && p.expired() > 0, p.toString());
        assertEquals(day.returns() > 0, p.reversed() > 0 || day.returns() > 0);
        assertEquals(p.earned(), day.charts().pointsFlows().get("earned"));
    }

    @Test
    void revenueIsTheSumOfTheHours() {
        long hours = 0;
        for (long v : day.charts().revenuePerHour()) {
            hours += v;
        }
        assertEquals(day.revenue().minorUnits(), hours);
        long markdown = 0;
        for (long v : day.charts().markdownRevenuePerHour()) {
            markdown += v;
        }
        assertEquals(day.markdownRevenue().minorUnits(), markdown);
        assertTrue(day.markdownRevenue().isPositive() && day.promotionSavings().isPositive());
        for (String promotion : List.of("full-200-50", "full-300-80", "first-order", "dairy-second-half")) {
            assertTrue(day.promotionsApplied().keySet().stream().anyMatch(k -> k.startsWith(promotion + " ")),
                    promotion + " never applied: " + day.promotionsApplied());
        }
        int perHour = day.charts().ordersPerHour().values().stream()
                .mapToInt(a -> java.util.Arrays.stream(a).sum()).sum();
        assertEquals(day.orders(), perHour);
    }

    @Test
    void theAbTestAndTheSegmentsCoverTheirMembers() {
        Set<String> variants = new HashSet<>();
        for (ExperimentLog.VariantResult v : day.abTest()) {
            variants.add(v.variant());
            assertTrue(v.conversions() <= v.visitors());
        }
        assertEquals(Set.of("200-50", "300-80", "holdout"), variants);
        int segmented = day.segments().stream().mapToInt(DaySummary.Segment::members).sum();
        assertTrue(segmented > world.members().size() * 0.8 && segmented <= world.members().size(), "" + segmented);
        day.segments().forEach(s -> assertTrue(s.meanPAlive() >= 0 && s.meanPAlive() <= 1, s.toString()));
    }

    @Test
    void theSameSeedGivesTheSameDay() {
        DaySummary again = RetailDay.run(RetailWorld.generate(7, SCALE), (d, t) -> { });
        assertEquals(print(day), print(again));
        DaySummary other = RetailDay.run(RetailWorld.generate(8, SCALE), (d, t) -> { });
        assertFalse(print(day).equals(print(other)));
    }

    @Test
    void progressIsReportedForEveryTask() {
        assertTrue(planned > day.orders());
        assertEquals(planned, progress[0]);
        assertEquals(planned, progress[1]);
    }

    @Test
    void theReportIsWellFormedAndHasEveryChart() throws Exception {
        String html = DemoReport.html(day, world);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        NodeList sections = doc.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "section");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < sections.getLength(); i++) {
            Element section = (Element) sections.item(i);
            ids.add(section.getAttribute("id"));
            if (DemoReport.CHARTS.contains(section.getAttribute("id"))) {
                NodeList svg = section.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
                assertEquals(1, svg.getLength(), section.getAttribute("id"));
                assertTrue(((Element) svg.item(0)).getElementsByTagNameNS("*", "rect").getLength()
                        + ((Element) svg.item(0)).getElementsByTagNameNS("*", "circle").getLength() > 3);
            }
        }
        assertTrue(ids.containsAll(DemoReport.CHARTS), ids.toString());
        assertTrue(ids.contains("ab-test"));
        // self-contained: nothing is loaded from elsewhere
        assertFalse(html.contains("<script") || html.contains("src=") || html.contains("<link"));
        assertEquals(day.charts().deliveries().size() * 2L + world.nodes().size(),
                countInMap(doc), "one dot and one line per delivery, one mark per node");
    }

    private static long countInMap(Document doc) {
        NodeList sections = doc.getElementsByTagNameNS("*", "section");
        for (int i = 0; i < sections.getLength(); i++) {
            Element s = (Element) sections.item(i);
            if (s.getAttribute("id").equals("network-map")) {
                Element svg = (Element) s.getElementsByTagNameNS("*", "svg").item(0);
                long lines = svg.getElementsByTagNameNS("*", "line").getLength();
                long dots = 0;
                NodeList circles = svg.getElementsByTagNameNS("*", "circle");
                for (int c = 0; c < circles.getLength(); c++) {
                    if (((Element) circles.item(c)).getAttribute("r").equals("2")) {
                        dots++;
                    }
                }
                long nodes = svg.getElementsByTagNameNS("*", "title").getLength();
                return lines + dots + nodes;
            }
        }
        throw new AssertionError("no map");
    }

    private static String print(DaySummary s) {
        StringWriter out = new StringWriter();
        s.print(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void theKpisFromTheDaysEventsAgreeWithTheDay() {
        io.github.omniretail.analytics.Kpis k = DemoReport.kpis(day, world);
        assertEquals(day.fulfilled(), k.total().orders());
        assertEquals(day.fulfilled(), k.fulfilment().fulfilled());
        assertEquals(day.units().returned(), k.total().unitsReturned());
        assertEquals(day.units().wasted(), k.wasteTotal().units());
        assertEquals(day.rejected().values().stream().mapToLong(Integer::longValue).sum(),
                k.rejections().values().stream().mapToLong(Long::longValue).sum());
        long online = day.ordersByChannel().entrySet().stream().filter(e -> !e.getKey().equals("store-pos"))
                .mapToLong(Map.Entry::getValue).sum();
        long onlineRejected = day.rejected().entrySet().stream().filter(e -> !e.getKey().contains("shelf"))
                .mapToLong(Map.Entry::getValue).sum();
        assertEquals(online - onlineRejected, k.conversionTotal().quotes(), "every online order that got a quote");
        assertEquals(k.total().orders() - day.fulfilmentMix().get("walk-in at the till"), k.conversionTotal().converted());
        assertTrue(k.total().grossMargin().orElseThrow().value() > 1_000, "costs are known for every line");
        assertTrue(k.fulfilment().sameDayDue() > 0 && k.stockOutTotal().demandedHours() > 0);
        assertTrue(k.members().repurchaseRate().isPresent() && k.retention(30).matured() > 0,
                "member KPIs run over the world's history");
    }

    @Test
    void tomorrowsPlanCoversEveryStockedPositionWithinWhatTheDcHas() {
        var plan = day.outlook().plan();
        assertTrue(plan.positions().size() > world.products().size(), "every stocked position: " + plan.positions().size());
        long fromDc = plan.suggestions().stream().filter(x -> x instanceof io.github.omniretail.analytics.replenishment
                .Suggestion.TransferOrder).mapToLong(io.github.omniretail.analytics.replenishment.Suggestion::units).sum();
        assertTrue(fromDc > 0);
        plan.suggestions().stream().filter(x -> x instanceof io.github.omniretail.analytics.replenishment.Suggestion
                .PurchaseOrder).forEach(x -> assertEquals(world.dc().id(), x.to()));
        for (var p : plan.positions()) {
            assertTrue(p.granted() <= p.requested() && p.orderUpTo() >= p.reorderPoint()
                    && p.reorderPoint() >= p.safetyStock(), p.toString());
        }
        assertEquals(10, day.outlook().top().size());
        day.outlook().top().forEach(f -> assertTrue(f.low80() <= f.forecast() && f.forecast() <= f.high80(), f.toString()));
    }

    @Test
    void theReportSpeaksChineseAndExportsEveryTable(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path page = DemoReport.write(day, world, dir, io.github.omniretail.examples.report.Lang.ZH);
        String html = java.nio.file.Files.readString(page);
        assertTrue(html.contains("lang=\"zh-CN\"") && html.contains("缺货率") && html.contains("客单价")
                && html.contains("明日补货计划"), "Chinese labels");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertTrue(html.contains("<details id=\"appendix\">"), "developer checks are collapsed");
        var page2 = DemoReport.page(day, world, io.github.omniretail.examples.report.Lang.ZH);
        for (io.github.omniretail.examples.report.Table t : page2.tables()) {
            java.nio.file.Path csv = dir.resolve("tables").resolve(t.id() + ".csv");
            List<String> lines = java.nio.file.Files.readAllLines(csv);
            assertEquals(t.rows().size() + 1, lines.size(), t.id());
            assertTrue(html.contains("href=\"tables/" + t.id() + ".csv\""), t.id());
        }
        assertTrue(java.nio.file.Files.exists(dir.resolve("export/orders.csv")));
        io.github.omniretail.analytics.Kpis live = DemoReport.kpis(day, world);
        io.github.omniretail.analytics.Kpis batch = reread(dir);
        assertEquals(live.total(), batch.total(), "the export reads back to the same sales");
        assertEquals(live.byStore(), batch.byStore());
        assertEquals(live.stockOuts(), batch.stockOuts());
        assertEquals(live.fulfilment(), batch.fulfilment());
    }

    private static io.github.omniretail.analytics.Kpis reread(java.nio.file.Path dir) {
        var t = io.github.omniretail.analytics.KpiTracker.builder().currency(RetailWorld.CNY).zone(RetailWorld.ZONE).build();
        t.acceptAll(io.github.omniretail.analytics.KpiCsv.read(dir.resolve("export"), RetailWorld.CNY));
        return t.kpis(RetailWorld.DAY.plusDays(1).atStartOfDay(RetailWorld.ZONE).toInstant());
    }

    @Test
    void moneyIsInYuan() {
        assertEquals(RetailWorld.CNY, day.revenue().currency());
        assertTrue(day.revenue().isGreaterThan(Money.zero(RetailWorld.CNY)));
    }
}

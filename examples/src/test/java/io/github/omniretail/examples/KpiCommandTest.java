package io.github.omniretail.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code kpi} command over the demo's export: the report, its tables, and precise errors. */
class KpiCommandTest {
    @TempDir
    static Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void aDemoDay() {
        Run demo = run("demo", "--scale", "0.02", "--seed", "5", "--no-progress", "--report", dir.resolve("day").toString());
        assertEquals(0, demo.code(), demo.err());
    }

    @Test
    void theReportOfAnExportIsWrittenInChineseWithEveryTableAsCsv() throws Exception {
        Run kpi = run("kpi", "--input", dir.resolve("day/export").toString(), "--report", dir.resolve("kpi").toString(),
                "--lang", "zh");
        assertEquals(0, kpi.code(), kpi.err());
        assertTrue(kpi.out().contains("客单价") && kpi.out().matches("(?s).*订单数 +\\d[\\d,]*\n.*"), kpi.out());
        String html = Files.readString(dir.resolve("kpi/index.html"));
        assertTrue(html.contains("lang=\"zh-CN\"") && html.contains("分渠道销售") && html.contains("缺货率"), "Chinese");
        for (String table : new String[] {"sales-by-channel", "sales-by-store", "stock-outs-by-sku", "waste-by-store",
            "rejections", "fulfilment", "retention", "conversion"}) {
            assertTrue(Files.exists(dir.resolve("kpi/tables/" + table + ".csv")), table);
        }
        // The same sales as the demo's own report of the day.
        String demoChannels = Files.readString(dir.resolve("day/tables/sales-by-channel.csv"));
        String kpiChannels = Files.readString(dir.resolve("kpi/tables/sales-by-channel.csv"));
        assertEquals(demoChannels.lines().count(), kpiChannels.lines().count());
    }

    @Test
    void aMalformedExportNamesTheFileLineAndColumn() throws Exception {
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("orders.csv"), "order,placed_at,member,channel,store,quote,promised_by\n"
                + "O1,2026-11-22T08:00:00Z,,APP,ST-01,,\n");
        Files.writeString(bad.resolve("order_lines.csv"), "order,sku,units,revenue,cost\nO1,A,two,10.00,\n");
        Run kpi = run("kpi", "--input", bad.toString(), "--report", dir.resolve("bad-report").toString());
        assertEquals(1, kpi.code());
        assertTrue(kpi.err().contains("order_lines.csv line 2, column units: expected an integer, was 'two'"), kpi.err());
    }

    @Test
    void badOptionsAreRefused() {
        assertEquals(2, run("kpi", "--input", dir.resolve("day/export").toString(), "--lang", "fr").code());
        assertEquals(2, run("kpi", "--input", dir.resolve("nowhere").toString()).code());
        Run channels = run("kpi", "--input", dir.resolve("day/export").toString(), "--own-channels", "APP,SHOP");
        assertEquals(2, channels.code());
        assertTrue(channels.err().contains("unknown channel kind 'SHOP'"), channels.err());
    }
}

package io.github.omniretail.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void demoPrintsTheSummaryAndWritesTheReport(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, new StringWriter(), "demo", "--scale", "0.02", "--seed", "3", "--no-progress",
                "--report", dir.resolve("report").toString()));
        String text = out.toString();
        assertTrue(text.contains("one day in Hangzhou (2026-11-22, seed 3, scale 0.02)"), text);
        assertTrue(text.contains("(conserved)"), text);
        assertTrue(text.matches("(?s).*ledger sum \\(double entry\\) +0\n.*"), text);
        assertTrue(text.contains("A/B test full-reduction"), text);
        assertTrue(text.contains("Champions"), text);
        assertTrue(text.matches("(?s).*revenue \\(net of promotions, points, refunds\\) +CNY \\d{1,3}(,\\d{3})*\\.\\d{2}\n.*"),
                text);
        int rows = 0;
        boolean chinese = false;
        String table = text.substring(text.indexOf("  orders"), text.indexOf("  A/B test"));
        for (String line : table.split("\\R")) {
            int gap = line.indexOf("  ", line.startsWith("    ") ? 4 : 2);
            if (line.isBlank() || gap < 0) {
                continue;
            }
            int value = gap;
            while (value < line.length() && line.charAt(value) == ' ') {
                value++;
            }
            assertEquals(53, Text.width(line.substring(0, value)), "every value starts in column 53: " + line);
            chinese |= line.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
            rows++;
        }
        assertTrue(rows > 20 && chinese, text);
        Path page = dir.resolve("report/index.html");
        assertTrue(text.contains(page.toAbsolutePath().toString()), text);
        String html = Files.readString(page);
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("id=\"network-map\""));
        assertTrue(Files.exists(dir.resolve("report/tables/sales-by-channel.csv"))
                && Files.exists(dir.resolve("report/export/orders.csv")), "tables and the KPI export");
        assertTrue(html.matches("(?s).*CNY \\d{1,3},\\d{3}.*"), "money in the report is grouped");
    }

    @Test
    void serveRefusesABadPortBeforeLoadingAnything() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(new StringWriter(), err, "serve", "--port", "70000"));
        assertTrue(err.toString().contains("--port must be 0 to 65535, was 70000"), err.toString());
    }

    @Test
    void badScaleIsRefusedWithTheValue() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(new StringWriter(), err, "demo", "--scale", "0"));
        assertTrue(err.toString().contains("--scale must be in (0, 20], was 0.0"), err.toString());
    }

    @Test
    void aLanguageOtherThanChineseOrEnglishIsRefused() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(new StringWriter(), err, "demo", "--lang", "fr"));
        assertTrue(err.toString().contains("--lang must be zh or en, was 'fr'"), err.toString());
    }

    @Test
    void helpListsEveryCommandAndTheDemoOptions() {
        StringWriter out = new StringWriter();
        run(out, new StringWriter(), "--help");
        assertTrue(out.toString().contains("demo") && out.toString().contains("rfm")
                && out.toString().contains("serve") && out.toString().contains("kpi"), out.toString());
        for (String line : out.toString().split("\\R")) {
            assertTrue(!line.stripTrailing().endsWith(":") || line.strip().equals("Commands:"), "stray colon: " + line);
        }
        StringWriter version = new StringWriter();
        run(version, new StringWriter(), "-V");
        assertEquals("OmniRetail examples " + System.getProperty("omniretail.version"), version.toString().strip());
        StringWriter serve = new StringWriter();
        run(serve, new StringWriter(), "serve", "--help");
        assertTrue(serve.toString().contains("--bind") && serve.toString().contains("default: 127.0.0.1")
                && serve.toString().contains("--port"), serve.toString());
        StringWriter demo = new StringWriter();
        run(demo, new StringWriter(), "demo", "--help");
        for (String option : new String[] {"--seed", "--scale", "--report", "--[no-]progress"}) {
            assertTrue(demo.toString().contains(option), demo.toString());
        }
    }
}

package io.github.omniretail.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RfmCommandTest {

    @TempDir
    Path dir;

    /** Runs the CLI; returns exit code, stdout and stderr. */
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path csv(String... lines) throws Exception {
        Path file = dir.resolve("tx.csv");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }

    /** 400 more customers buying at varied rates and leaving at varied chances (seeded), so models can be fitted. */
    private static List<String> crowd() {
        java.util.Random random = new java.util.Random(42);
        List<String> rows = new java.util.ArrayList<>();
        java.time.LocalDate start = java.time.LocalDate.of(2026, 1, 1);
        for (int i = 0; i < 400; i++) {
            double rate = (1 + i % 7) / 40.0;
            double leave = (1 + i % 5) / 10.0;
            int day = random.nextInt(120);
            rows.add("12.00,HZ-09," + start.plusDays(day) + ",crowd" + i);
            while (true) {
                day += 1 + (int) (-Math.log(1 - random.nextDouble()) / rate);
                if (day > 325) {
                    break;
                }
                rows.add((10 + random.nextInt(40)) + ".00,HZ-09," + start.plusDays(day) + ",crowd" + i);
                if (random.nextDouble() < leave) {
                    break;
                }
            }
        }
        return rows;
    }

    @Test
    void smallFileEndToEnd() throws Exception {
        // columns in another order, an extra column, a date-time and a quoted id with a comma
        List<String> lines = new java.util.ArrayList<>(List.of("amount,store,date,customer_id",
                "100.00,HZ-01,2026-11-01,anna",
                "20.00,HZ-01,2026-11-01T18:30,anna",
                "50.00,HZ-02,2026-11-08,anna",
                "31.00,HZ-02,2026-11-20,anna",
                "10.00,HZ-01,2026-10-01,bo",
                "75.50,HZ-03,2026-11-21,\"chen, wei\"",
                "5.00,HZ-03,2026-09-01,dai",
                "8.00,HZ-03,2026-11-02,dai"));
        lines.addAll(crowd());
        Path input = csv(lines.toArray(String[]::new));
        Path out = dir.resolve("out");
        Run run = run("rfm", "--input", input.toString(), "--out", out.toString(), "--analysis-date", "2026-11-22",
                "--currency", "CNY", "--zone", "Asia/Shanghai", "--model", "bgnbd");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains((lines.size() - 1) + " transactions, 404 customers as of 2026-11-22"),
                run.out());

        List<String> rows = Files.readAllLines(out.resolve("customers.csv"));
        assertEquals("customer_id,recency_days,frequency,monetary,r,f,m,rfm,segment,p_alive,expected_purchases",
                rows.get(0));
        assertEquals(405, rows.size());
        // anna: last purchase 20 Nov (2 days), 3 purchase days, 201.00 total
        String anna = rows.stream().filter(r -> r.startsWith("anna,")).findFirst().orElseThrow();
        String[] a = anna.split(",");
        assertEquals("2", a[1]);
        assertEquals("3", a[2]);
        assertEquals("201.00", a[3]);
        assertEquals("5", a[4], "bought 2 days ago: beats every customer but one");
        double pAlive = Double.parseDouble(a[9]);
        assertTrue(pAlive > 0.5 && pAlive <= 1, anna);
        assertTrue(Double.parseDouble(a[10]) > 0, anna);
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("\"chen, wei\",1,1,75.50,5,1,")), rows.toString());

        JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
        assertEquals(404, model.path("bgnbd").path("customers").intValue());
        assertTrue(model.path("bgnbd").path("r").doubleValue() > 0);
        assertEquals("2026-11-22", model.path("definition").path("analysisDate").textValue());
        assertEquals(4, model.path("rfm").path("frequencyThresholds").size());

        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("<svg") && html.contains("P(alive)"));
        assertTrue(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"),
                "self-contained");
    }

    @Test
    void cn8AndSegmentFilesWork() throws Exception {
        Path input = csv("customer_id,date,amount", "a,2026-11-01,100.00", "a,2026-11-10,100.00",
                "b,2026-01-01,5.00", "c,2026-11-20,1.00");
        Run cn8 = run("rfm", "--input", input.toString(), "--out", dir.resolve("cn8").toString(), "--segments", "cn8",
                "--analysis-date", "2026-11-22");
        assertEquals(0, cn8.code(), cn8.err());
        List<String> rows = Files.readAllLines(dir.resolve("cn8/customers.csv"));
        assertTrue(rows.contains("a,12,2,200.00,2,2,2,222,Important value"), rows.toString());
        assertTrue(rows.contains("b,325,1,5.00,1,1,1,111,General win-back"), rows.toString());

        Path table = dir.resolve("table.json");
        Files.writeString(table, "{\"name\":\"mine\",\"scores\":3,\"rules\":[{\"segment\":\"Top\",\"r\":3}]}");
        Run custom = run("rfm", "--input", input.toString(), "--out", dir.resolve("custom").toString(), "--segments",
                table.toString());
        assertEquals(0, custom.code(), custom.err());
        assertTrue(custom.err().contains("warning: segment table mine"), custom.err());
        assertTrue(custom.out().contains("(no segment)"), custom.out());

        Files.writeString(table, "{\"name\":\"mine\",\"scores\":3,\"rules\":[{\"segment\":\"Top\",\"r\":4}]}");
        Run bad = run("rfm", "--input", input.toString(), "--out", dir.resolve("bad").toString(), "--segments",
                table.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("$.rules[0].r"), bad.err());
    }

    @Test
    void badRowsAreReportedWithTheirLineNumbers() throws Exception {
        Path input = csv("customer_id,date,amount", "a,2026-11-01,10.00", "b,yesterday,5.00", "c,2026-11-02,abc",
                "d,2026-11-03,1.999", "e,2026-11-04,-3.00", "f,2026-11-05");
        Run failing = run("rfm", "--input", input.toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, failing.code());
        assertTrue(failing.err().contains("line 3: date 'yesterday' is not an ISO date"), failing.err());
        Run skipping = run("rfm", "--input", input.toString(), "--out", dir.resolve("o").toString(),
                "--skip-bad-rows");
        assertEquals(0, skipping.code(), skipping.err());
        assertTrue(skipping.err().contains("skipped 5 bad rows"), skipping.err());
        assertTrue(skipping.err().contains("line 4: amount 'abc'"), skipping.err());
        assertTrue(skipping.err().contains("line 5: amount 1.999 has more decimals than USD"), skipping.err());
        assertTrue(skipping.err().contains("line 6: amount -3.00 is negative"), skipping.err());
        assertTrue(skipping.err().contains("line 7: expected at least 3 columns"), skipping.err());
        assertTrue(skipping.out().contains("1 transactions, 1 customers"), skipping.out());

        Path noColumn = dir.resolve("nocol.csv");
        Files.writeString(noColumn, "customer,date,amount\na,2026-11-01,1.00\n");
        Run missing = run("rfm", "--input", noColumn.toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("line 1: the header has no 'customer_id' column"), missing.err());
        assertTrue(!missing.err().contains("--skip-bad-rows"), "skipping rows cannot fix a header: " + missing.err());
        assertTrue(failing.err().contains("--skip-bad-rows"), failing.err());
    }

    @Test
    void theCurrencyIsStatedAndSaysWhenItIsTheDefault() throws Exception {
        Path input = csv("customer_id,date,amount", "a,2026-11-01,10.00", "a,2026-11-05,12.00");
        Run byDefault = run("rfm", "--input", input.toString(), "--out", dir.resolve("d").toString());
        assertEquals(0, byDefault.code(), byDefault.err());
        assertTrue(byDefault.out().contains("amounts in USD by default: pass --currency to change"), byDefault.out());
        Run yuan = run("rfm", "--input", input.toString(), "--out", dir.resolve("y").toString(), "--currency", "CNY");
        assertEquals(0, yuan.code(), yuan.err());
        assertTrue(yuan.out().contains("amounts in CNY,"), yuan.out());
        assertTrue(!yuan.out().contains("by default"), yuan.out());
    }

    @Test
    void modelsThatCannotBeFittedFailClearly() throws Exception {
        Path input = csv("customer_id,date,amount", "a,2026-11-01,10.00", "b,2026-11-02,5.00");
        Run run = run("rfm", "--input", input.toString(), "--out", dir.resolve("o").toString(), "--model", "all");
        assertEquals(1, run.code());
        assertTrue(run.err().contains("no repeat buyers"), run.err());
    }

    @Test
    void helpDescribesTheInput() {
        Run help = run("rfm", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--skip-bad-rows") && help.out().contains("customer_id"), help.out());
    }
}

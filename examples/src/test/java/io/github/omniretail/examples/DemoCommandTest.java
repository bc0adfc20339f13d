package io.github.omniretail.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.omniretail.core.Order;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute(args));
        return out.toString();
    }

    @Test
    void demoPrintsTheNetworkTheOrderAndAnExactAllocation() {
        String out = run("demo");
        assertTrue(out.contains("Hubin dark store"), out);
        assertTrue(out.contains("subtotal CNY 83.50"), out);
        // The three allocated shares printed must sum to the discount exactly.
        java.util.List<String> lines = out.lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.contains("allocated to lines")).findFirst().orElseThrow());
        long fen = lines.subList(header + 1, header + 4).stream()
                .mapToLong(l -> Long.parseLong(l.replaceAll(".*CNY (\\d+)\\.(\\d\\d)$", "$1$2"))).sum();
        assertEquals(1500, fen, out);
        assertTrue(out.contains("DS-HB        2560 m  same-day: yes"), out);
    }

    @Test
    void demoJsonIsAReadableOrder() throws Exception {
        String out = run("demo", "--json");
        String json = out.substring(out.indexOf("{\n"));
        Order order = new ObjectMapper().findAndRegisterModules().readValue(json, Order.class);
        assertEquals("HZ-20261122-0001", order.id().value());
        assertEquals(3, order.lines().size());
    }

    @Test
    void helpListsTheDemo() {
        assertTrue(run("--help").contains("demo"));
        assertTrue(run("demo", "--help").contains("--json"));
    }
}

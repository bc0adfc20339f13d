package io.github.omniretail.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.omniretail.core.event.InventoryEvent;
import io.github.omniretail.core.event.LoyaltyEvent;
import io.github.omniretail.examples.report.Lang;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Everything the demo produces — the printed summary, the report page, every CSV table, the KPI export, every
 * engine event (as text and as JSON) and every log line — scanned for members' personal data in clear: no phone
 * number (theirs or any mainland mobile number), no address (nor its street and number), no home coordinates.
 */
class DemoPrivacyScanTest {
    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");

    @Test
    void theDemoNeverWritesPersonalDataInClear(@TempDir Path dir) throws Exception {
        RetailWorld world = RetailWorld.generate(11, 0.02);
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        List<String> events = new ArrayList<>();
        PrintStream err = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        DaySummary summary;
        try {
            System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
            LoggerFactory.getLogger(DemoPrivacyScanTest.class).warn("scan starts; control member {}",
                    world.members().get(0));
            summary = RetailDay.run(world, (done, total) -> { }, new Retailer.EventSink() {
                @Override
                public void inventory(InventoryEvent event) {
                    events.add(event + " " + write(json, event));
                }

                @Override
                public void loyalty(LoyaltyEvent event) {
                    events.add(event + " " + write(json, event));
                }
            });
        } finally {
            System.setErr(err);
        }
        StringWriter printed = new StringWriter();
        summary.print(new PrintWriter(printed));
        DemoReport.write(summary, world, dir.resolve("en"), Lang.EN);
        DemoReport.write(summary, world, dir.resolve("zh"), Lang.ZH);

        List<String[]> texts = new ArrayList<>();
        texts.add(new String[] {"summary", printed.toString()});
        texts.add(new String[] {"logs", logs.toString(StandardCharsets.UTF_8)});
        texts.add(new String[] {"events", String.join("\n", events)});
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                texts.add(new String[] {dir.relativize(f).toString(), Files.readString(f)});
            }
        }
        assertTrue(texts.size() > 20, "report, tables and export files: " + texts.size());
        assertTrue(events.size() > 1_000, "events: " + events.size());
        assertTrue(texts.get(1)[1].contains("scan starts; control member Member[M-000001"), "logs are captured");

        assertTrue(world.members().stream().allMatch(m -> MOBILE.matcher(m.phone()).matches()),
                "the scan recognises every member's phone");
        int scanned = 0;
        for (String[] t : texts) {
            String where = t[0];
            String text = t[1];
            Matcher m = MOBILE.matcher(text);
            assertFalse(m.find(), () -> where + " has a mobile number in clear: " + m.group());
            for (RetailWorld.Member member : world.members()) {
                assertFalse(text.contains(member.phone()), where + " has " + member.id() + "'s phone");
                assertFalse(text.contains(member.address()), where + " has " + member.id() + "'s address");
                String street = member.address().substring(9, member.address().indexOf('号') + 1);
                assertFalse(text.contains(street), where + " has " + member.id() + "'s street and number");
                assertFalse(text.contains(String.valueOf(member.home().latitude()))
                        && text.contains(String.valueOf(member.home().longitude())), where + " has " + member.id()
                        + "'s home");
            }
            scanned += text.length();
        }
        assertTrue(scanned > 200_000, "scanned " + scanned + " characters");

        String top = Files.readString(dir.resolve("zh/tables/top-members.csv"));
        assertEquals(11, top.strip().split("\\R").length, top); // header + ten members, masked as staff see them
        assertTrue(Pattern.compile("1[3-9]\\d\\*\\*\\*\\*\\d{4}").matcher(top).find(), top);
    }

    private static String write(ObjectMapper json, Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalStateException("event " + event.getClass().getSimpleName() + " does not serialise", e);
        }
    }
}

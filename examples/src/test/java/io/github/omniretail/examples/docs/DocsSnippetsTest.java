package io.github.omniretail.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java code block in README.md and docs/*.md must be a snippet ({@code <!-- snippet: NAME -->} right
 * before the fence) whose text equals the region {@code // snippet: NAME … // end-snippet} in a test source, so
 * the code users copy from the docs is compiled and run by the build.
 */
class DocsSnippetsTest {

    private static final Pattern REGION = Pattern.compile(
            "^([ \\t]*)// snippet: ([\\w-]+)\\s*$(.*?)^[ \\t]*// end-snippet\\s*$", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern JAVA_BLOCK = Pattern.compile(
            "(?:<!-- snippet: ([\\w-]+) -->\\s*\\n)?```java\\n(.*?)```", Pattern.DOTALL);

    private static Path property(String name) {
        String value = System.getProperty(name);
        assertTrue(value != null, "system property " + name + " is set by the examples POM");
        return Path.of(value);
    }

    static Map<String, String> regions() throws IOException {
        Map<String, String> regions = new HashMap<>();
        List<Path> sources = new ArrayList<>();
        // several roots, comma-separated: this module's tests and the Spring Boot example's sources
        for (String root : System.getProperty("omniretail.snippets").split(",")) {
            try (Stream<Path> files = Files.walk(Path.of(root.strip()))) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
            }
        }
        for (Path source : sources) {
            Matcher m = REGION.matcher(Files.readString(source));
            while (m.find()) {
                String previous = regions.put(m.group(2), normalise(m.group(3)));
                assertEquals(null, previous, "snippet " + m.group(2) + " is defined twice");
            }
        }
        return regions;
    }

    /** Drops the common indentation and surrounding blank lines. */
    static String normalise(String code) {
        List<String> lines = new ArrayList<>(List.of(code.split("\n", -1)));
        while (!lines.isEmpty() && lines.get(0).isBlank()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent).stripTrailing())
                .collect(Collectors.joining("\n"));
    }

    static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(property("omniretail.readme"));
        try (Stream<Path> files = Files.list(property("omniretail.docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    @Test
    void everyJavaBlockInTheDocsIsACompiledSnippet() throws IOException {
        Map<String, String> regions = regions();
        assertFalse(regions.isEmpty(), "no snippet regions found");
        int checked = 0;
        List<String> problems = new ArrayList<>();
        for (Path doc : documents()) {
            Matcher m = JAVA_BLOCK.matcher(Files.readString(doc));
            while (m.find()) {
                String name = m.group(1);
                if (name == null) {
                    problems.add(doc.getFileName() + ": a ```java block without <!-- snippet: NAME --> before it:\n"
                            + m.group(2));
                    continue;
                }
                String expected = regions.get(name);
                if (expected == null) {
                    problems.add(doc.getFileName() + ": snippet '" + name + "' has no region in the test sources");
                } else if (!expected.equals(normalise(m.group(2)))) {
                    problems.add(doc.getFileName() + ": snippet '" + name + "' differs from its source; it should be:\n"
                            + expected);
                }
                checked++;
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n\n", problems));
        }
        assertTrue(checked > 0, "no snippets found in the docs");
    }

    @Test
    void normaliseDropsCommonIndentation() {
        assertEquals("a\n  b", normalise("\n    a\n      b  \n\n"));
    }
}

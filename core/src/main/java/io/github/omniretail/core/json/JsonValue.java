package io.github.omniretail.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** A JSON tree node with its path: typed, validating accessors that fail with {@link JsonProblem}. */
final class JsonValue {

    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    final JsonNode node;
    final String path;

    JsonValue(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    JsonProblem fail(String problem) {
        return new JsonProblem(path, problem, null);
    }

    /** Checks this is an object whose field names are all among {@code allowed}. */
    JsonValue object(String... allowed) {
        if (!node.isObject()) {
            throw fail("expected a JSON object, found " + describe(node));
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!Arrays.asList(allowed).contains(name)) {
                throw child(name).fail("unknown field '" + name + "'; expected one of " + Arrays.toString(allowed));
            }
        }
        return this;
    }

    JsonValue field(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw child(name).fail("required field '" + name + "' is missing");
        }
        return child(name);
    }

    Optional<JsonValue> optionalField(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(child(name));
    }

    private JsonValue child(String name) {
        String segment = SIMPLE_NAME.matcher(name).matches() ? "." + name
                : "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
        return new JsonValue(node.get(name), path + segment);
    }

    List<JsonValue> elements() {
        if (!node.isArray()) {
            throw fail("expected a JSON array, found " + describe(node));
        }
        List<JsonValue> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(new JsonValue(node.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    String text() {
        if (!node.isTextual()) {
            throw fail("expected a JSON string, found " + describe(node));
        }
        return node.textValue();
    }

    int intValue() {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw fail("expected an integer in the int range, found " + describe(node));
        }
        return node.intValue();
    }

    long longValue() {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw fail("expected an integer in the long range, found " + describe(node));
        }
        return node.longValue();
    }

    double doubleValue() {
        if (!node.isNumber()) {
            throw fail("expected a number, found " + describe(node));
        }
        return node.doubleValue();
    }

    <E extends Enum<E>> E enumValue(Class<E> type) {
        String name = text();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw fail("'" + name + "' is not a " + type.getSimpleName() + "; expected one of "
                + Arrays.toString(type.getEnumConstants()));
    }

    Instant instant() {
        String text = text();
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw new JsonProblem(path, "'" + text + "' is not an ISO-8601 instant such as \"2026-11-22T08:30:00Z\"", e);
        }
    }

    ZoneId zone() {
        String text = text();
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new JsonProblem(path, "'" + text + "' is not a time zone id such as \"Asia/Shanghai\"", e);
        }
    }

    /** Reads a nested value with {@code reader}. */
    <T> T as(Function<JsonValue, T> reader) {
        return reader.apply(this);
    }

    /** Runs a value constructor; its validation failures become problems at this path. */
    <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException | NullPointerException | ArithmeticException e) {
            throw new JsonProblem(path, e.getMessage(), e);
        }
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + shown;
    }
}

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

/**
 * A node of a JSON document with its path from the root, and typed, validating accessors: the way OmniRetail's
 * readers (core values, segment tables, pricing rules) turn a JSON tree into values in one step. A failed check
 * throws an unchecked problem carrying the path; {@link #read(String, Function)} turns it into an
 * {@link InvalidJsonException} naming that path, so nothing half-built escapes.
 *
 * <pre>{@code
 * Money fee = JsonTree.read(json, root -> root.object("fee").field("fee").build(() -> Money.parse(...)));
 * }</pre>
 *
 * <p>Immutable and thread-safe; throwaway views over one Jackson tree.
 */
public final class JsonTree {

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    final JsonNode node;
    final String path;

    JsonTree(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /**
     * Parses a document and reads it; any failure of the reader's checks becomes an exception naming its path.
     *
     * @param json the document; non-null
     * @param reader builds the value from the root; non-null
     * @param <T> the value's type
     * @return the value
     * @throws InvalidJsonException for malformed JSON ({@code $}) or the first failed check (its path)
     */
    public static <T> T read(String json, Function<JsonTree, T> reader) throws InvalidJsonException {
        JsonNode root;
        try (com.fasterxml.jackson.core.JsonParser parser = MAPPER.createParser(json)) {
            try {
                root = MAPPER.readTree(parser);
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw InvalidJsonException.at("$", "malformed JSON: " + e.getOriginalMessage(), e);
            }
            if (root == null || root.isMissingNode()) {
                throw InvalidJsonException.at("$", "the document is empty", null);
            }
            refuseTrailingContent(parser);
        } catch (InvalidJsonException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw InvalidJsonException.at("$", "malformed JSON: " + e.getMessage(), e);
        }
        try {
            return reader.apply(new JsonTree(root, "$"));
        } catch (JsonProblem problem) {
            throw InvalidJsonException.at(problem.path, problem.getMessage(), problem.getCause());
        }
    }

    /**
     * Fails if anything but whitespace follows the document's one value, so {@code {…} }{ x} is malformed rather
     * than read as its first value.
     *
     * @param parser positioned at the last token of the value
     * @throws InvalidJsonException naming {@code $} and where the extra content starts
     */
    static void refuseTrailingContent(com.fasterxml.jackson.core.JsonParser parser) throws InvalidJsonException {
        com.fasterxml.jackson.core.JsonLocation end = parser.currentLocation();
        com.fasterxml.jackson.core.JsonToken extra;
        try {
            extra = parser.nextToken();
        } catch (java.io.IOException e) {
            extra = com.fasterxml.jackson.core.JsonToken.NOT_AVAILABLE;
        }
        if (extra != null) {
            throw InvalidJsonException.at("$", "malformed JSON: content after the end of the document (line "
                    + end.getLineNr() + ", column " + end.getColumnNr() + "); a document holds exactly one value",
                    null);
        }
    }

    /** @return the path of this node from the root, e.g. {@code $.rules[2].r} */
    public String path() {
        return path;
    }

    /**
     * A failure at this node, to throw.
     *
     * @param problem what is wrong, naming the value
     * @return the unchecked problem (turned into an {@link InvalidJsonException} by {@link #read})
     */
    public RuntimeException fail(String problem) {
        return new JsonProblem(path, problem, null);
    }

    /**
     * Checks this is an object whose field names are all among {@code allowed}.
     *
     * @param allowed the field names allowed
     * @return this node
     */
    public JsonTree object(String... allowed) {
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

    /**
     * @param name a field name
     * @return the field's node
     * @throws RuntimeException (a path-carrying problem) when the field is missing or null
     */
    public JsonTree field(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw child(name).fail("required field '" + name + "' is missing");
        }
        return child(name);
    }

    /**
     * @param name a field name
     * @return the field's node, empty when missing or null
     */
    public Optional<JsonTree> optionalField(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(child(name));
    }

    private JsonTree child(String name) {
        String segment = SIMPLE_NAME.matcher(name).matches() ? "." + name
                : "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
        return new JsonTree(node.get(name), path + segment);
    }

    /** @return the elements of this array node, each with its indexed path */
    public List<JsonTree> elements() {
        if (!node.isArray()) {
            throw fail("expected a JSON array, found " + describe(node));
        }
        List<JsonTree> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(new JsonTree(node.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    /** @return this node's string value (it must be a JSON string of valid Unicode: no unpaired surrogate) */
    public String text() {
        if (!node.isTextual()) {
            throw fail("expected a JSON string, found " + describe(node));
        }
        String text = node.textValue();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw fail(String.format("not valid Unicode: an unpaired surrogate \\u%04x at index %d", (int) c, i));
            }
        }
        return text;
    }

    /** @return this node's value as an int (it must be an integer in range) */
    public int intValue() {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw fail("expected an integer in the int range, found " + describe(node));
        }
        return node.intValue();
    }

    /** @return this node's value as a long (it must be an integer in range) */
    public long longValue() {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw fail("expected an integer in the long range, found " + describe(node));
        }
        return node.longValue();
    }

    /** @return this node's numeric value (it must be a JSON number) */
    public double doubleValue() {
        if (!node.isNumber()) {
            throw fail("expected a number, found " + describe(node));
        }
        return node.doubleValue();
    }

    /**
     * @param type the enum type
     * @param <E> the enum
     * @return the constant named by this string node
     */
    public <E extends Enum<E>> E enumValue(Class<E> type) {
        String name = text();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw fail("'" + name + "' is not a " + type.getSimpleName() + "; expected one of "
                + Arrays.toString(type.getEnumConstants()));
    }

    /** @return this string node as an ISO-8601 instant */
    public Instant instant() {
        String text = text();
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw new JsonProblem(path, "'" + text + "' is not an ISO-8601 instant such as \"2026-11-22T08:30:00Z\"", e);
        }
    }

    /** @return this string node as a time zone id */
    public ZoneId zone() {
        String text = text();
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new JsonProblem(path, "'" + text + "' is not a time zone id such as \"Asia/Shanghai\"", e);
        }
    }

    /** @return this node's boolean value (it must be true or false) */
    public boolean bool() {
        if (!node.isBoolean()) {
            throw fail("expected true or false, found " + describe(node));
        }
        return node.booleanValue();
    }

    /** @return true when this node is JSON {@code null} (or absent) */
    public boolean isNull() {
        return node == null || node.isNull();
    }

    /** @return true when this node is a JSON array */
    public boolean isArray() {
        return node != null && node.isArray();
    }

    /** @return the field names of this object node, in document order */
    public List<String> names() {
        if (!node.isObject()) {
            throw fail("expected a JSON object, found " + describe(node));
        }
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /**
     * @param name a field name
     * @return the field's node, which may be missing (its accessors then fail with its path)
     */
    public JsonTree get(String name) {
        return child(name);
    }

    /**
     * Reads a nested value.
     *
     * @param reader builds the value from this node
     * @param <T> the value's type
     * @return the value
     */
    public <T> T as(Function<JsonTree, T> reader) {
        return reader.apply(this);
    }

    /**
     * Runs a value constructor; its validation failures ({@code IllegalArgumentException}, {@code ArithmeticException},
     * {@code NullPointerException}, {@code DateTimeException}) become problems at this path.
     *
     * @param constructor builds the value
     * @param <T> the value's type
     * @return the value
     */
    public <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException | NullPointerException | ArithmeticException | DateTimeException e) {
            throw new JsonProblem(path, e.getMessage(), e);
        }
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String text = node.toString();
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + shown;
    }
}

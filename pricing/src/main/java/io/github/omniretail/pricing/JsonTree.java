package io.github.omniretail.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.omniretail.core.json.InvalidJsonException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** A JSON node with its path from the document root, and typed accessors that fail with that path. */
final class JsonTree {

    /** An unchecked carrier for {@link InvalidJsonException}, unwrapped at the reader's entry point. */
    static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String path;

        Problem(String path, String message, Throwable cause) {
            super(message, cause);
            this.path = path;
        }

        InvalidJsonException toException() {
            return InvalidJsonException.at(path, getMessage(), getCause());
        }
    }

    final JsonNode node;
    final String path;

    JsonTree(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    Problem fail(String message) {
        return new Problem(path, message, null);
    }

    JsonTree object(String... allowed) {
        if (!node.isObject()) {
            throw fail("expected a JSON object, found " + describe());
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!Arrays.asList(allowed).contains(name)) {
                throw child(name).fail("unknown field '" + name + "'; expected one of " + Arrays.toString(allowed));
            }
        }
        return this;
    }

    JsonTree field(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw child(name).fail("required field '" + name + "' is missing");
        }
        return child(name);
    }

    Optional<JsonTree> optional(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(child(name));
    }

    private JsonTree child(String name) {
        String segment = name.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + name : "['" + name + "']";
        return new JsonTree(node.get(name), path + segment);
    }

    List<JsonTree> elements() {
        if (!node.isArray()) {
            throw fail("expected a JSON array, found " + describe());
        }
        List<JsonTree> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(new JsonTree(node.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    List<String> names() {
        if (!node.isObject()) {
            throw fail("expected a JSON object, found " + describe());
        }
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    JsonTree get(String name) {
        return child(name);
    }

    String text() {
        if (!node.isTextual()) {
            throw fail("expected a JSON string, found " + describe());
        }
        return node.textValue();
    }

    int integer() {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw fail("expected an integer, found " + describe());
        }
        return node.intValue();
    }

    double number() {
        if (!node.isNumber()) {
            throw fail("expected a number, found " + describe());
        }
        return node.doubleValue();
    }

    boolean bool() {
        if (!node.isBoolean()) {
            throw fail("expected true or false, found " + describe());
        }
        return node.booleanValue();
    }

    /** Runs a constructor; its validation failures become problems at this path. */
    <T> T build(java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException | ArithmeticException | NullPointerException
                | java.time.DateTimeException e) {
            throw new Problem(path, e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    private String describe() {
        String text = node == null ? "nothing" : node.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}

package io.github.omniretail.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.function.Function;

/**
 * Reads a whole JSON value as a tree, then validates and builds the target in one step, so a failure never leaves
 * a half-built object and always names the JSON path from the document root.
 */
final class TreeDeserializer<T> extends StdDeserializer<T> {

    private static final long serialVersionUID = 1L;

    private final transient Function<JsonTree, T> reader;

    TreeDeserializer(Class<T> type, Function<JsonTree, T> reader) {
        super(type);
        this.reader = reader;
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String base = pathOfCurrentValue(parser);
        JsonNode tree;
        try {
            tree = context.readTree(parser);
        } catch (StreamReadException e) {
            throw new InvalidJsonException(parser, handledType(), pathOf(parser.getParsingContext()),
                    "malformed JSON: " + e.getOriginalMessage(), e);
        }
        T value;
        try {
            value = reader.apply(new JsonTree(tree, base));
        } catch (JsonProblem problem) {
            throw new InvalidJsonException(parser, handledType(), problem.path, problem.getMessage(),
                    problem.getCause());
        }
        if (parser.getParsingContext().inRoot()) {
            // The whole document was this value: refuse trailing content even where the mapper does not
            // (Jackson's FAIL_ON_TRAILING_TOKENS is off by default).
            try {
                JsonTree.refuseTrailingContent(parser);
            } catch (InvalidJsonException e) {
                throw new InvalidJsonException(parser, handledType(), e.jsonPath(), e.problem(), null);
            }
        }
        return value;
    }

    /** Path of the value the parser is positioned at (before it is read). */
    static String pathOfCurrentValue(JsonParser parser) {
        JsonStreamContext context = parser.getParsingContext();
        JsonToken token = parser.currentToken();
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && context.getParent() != null) {
            context = context.getParent(); // the container's own context; its parent holds its name or index
        }
        return pathOf(context);
    }

    static String pathOf(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                path.insert(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.inObject() && c.getCurrentName() != null) {
                String name = c.getCurrentName();
                path.insert(0, name.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + name
                        : "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']");
            }
        }
        return path.insert(0, '$').toString();
    }
}

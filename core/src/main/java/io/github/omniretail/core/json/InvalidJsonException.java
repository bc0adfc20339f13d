package io.github.omniretail.core.json;

import org.jspecify.annotations.Nullable;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Objects;

/**
 * Thrown when JSON for an OmniRetail value is malformed or describes an invalid value. Nothing is built: the
 * value is either complete and valid or not returned at all.
 *
 * <p>{@link #jsonPath()} names where the problem is, from the root of the document being read, in the form
 * {@code $.lines[2].unitPrice.amount}; {@link #problem()} says what is wrong with which value.
 */
public final class InvalidJsonException extends MismatchedInputException {

    private static final long serialVersionUID = 1L;

    /** Where the problem is, e.g. {@code $.lines[2].quantity}. */
    private final String jsonPath;
    /** What is wrong, without the path. */
    private final String problem;

    InvalidJsonException(JsonParser parser, Class<?> targetType, String jsonPath, String problem, @Nullable Throwable cause) {
        super(parser, jsonPath + ": " + problem, targetType);
        this.jsonPath = jsonPath;
        this.problem = problem;
        if (cause != null) {
            initCause(cause);
        }
    }

    /**
     * An exception for a problem found by a reader that walks a JSON tree itself (as the modules' rule readers do).
     *
     * @param jsonPath where the problem is, from the document root, e.g. {@code $.rules[2].r}; non-null
     * @param problem what is wrong with which value; non-null
     * @param cause the underlying failure, or null
     * @return the exception, not thrown
     */
    public static InvalidJsonException at(String jsonPath, String problem, @Nullable Throwable cause) {
        return new InvalidJsonException(null, Object.class, Objects.requireNonNull(jsonPath, "jsonPath"),
                Objects.requireNonNull(problem, "problem"), cause);
    }

    /** @return the JSON path of the offending value, from the document root, e.g. {@code $.lines[2].quantity} */
    public String jsonPath() {
        return jsonPath;
    }

    /** @return what is wrong with the value, e.g. {@code "quantity must be > 0, was 0"} */
    public String problem() {
        return problem;
    }
}

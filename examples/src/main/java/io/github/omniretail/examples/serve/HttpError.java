package io.github.omniretail.examples.serve;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answer: HTTP status plus the JSON body {@code {"error": code, "message": …, details…}}. Thrown anywhere
 * below the dispatcher and written by it; never carries a stack trace to the client.
 */
final class HttpError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final transient Map<String, Object> body;

    HttpError(int status, String code, String message, Map<String, ?> details) {
        super(message, null, false, false);
        this.status = status;
        this.body = new LinkedHashMap<>();
        this.body.put("error", code);
        this.body.put("message", message);
        this.body.putAll(details);
    }

    /** 400 for a bad value of a named field (a JSON path, a header or a query parameter). */
    static HttpError badField(String field, String message) {
        return new HttpError(400, "bad_request", field + ": " + message, Map.of("field", field));
    }

    /** 422 for a well-formed value the engines refuse (e.g. an amount too small to earn a point). */
    static HttpError unprocessable(String field, String message) {
        return new HttpError(422, "unprocessable", field + ": " + message, Map.of("field", field));
    }

    static HttpError notFound(String what) {
        return new HttpError(404, "not_found", what, Map.of());
    }
}

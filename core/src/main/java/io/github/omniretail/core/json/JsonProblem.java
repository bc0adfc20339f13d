package io.github.omniretail.core.json;

/** A validation failure inside a JSON tree, with its path; turned into {@link InvalidJsonException} at the edge. */
final class JsonProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final String path;

    JsonProblem(String path, String problem, Throwable cause) {
        super(problem, cause, false, false);
        this.path = path;
    }
}

package io.github.omniretail.core.privacy;

import java.util.Objects;

/**
 * Who is reading personal data, as a grade a {@link Redactor}'s policy maps to a {@link Disclosure} per field.
 * The four standard levels cover the usual roles; a policy may define more.
 *
 * @param name non-blank name, e.g. {@code "analytics"}
 */
public record AccessLevel(String name) {

    /** Analysts and third parties: hashed values only (they join records, they never read them). */
    public static final AccessLevel ANALYTICS = new AccessLevel("analytics");
    /** Store and service staff, logs, exports and events: masked values. The default everywhere. */
    public static final AccessLevel STAFF = new AccessLevel("staff");
    /** Fulfilment (picking, delivery): clear name, phone and address; other fields masked. */
    public static final AccessLevel FULFILMENT = new AccessLevel("fulfilment");
    /** The member themself or the data-protection officer: every field clear. */
    public static final AccessLevel OWNER = new AccessLevel("owner");

    /**
     * Validates.
     *
     * @param name non-blank
     */
    public AccessLevel {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("access level name must not be blank");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

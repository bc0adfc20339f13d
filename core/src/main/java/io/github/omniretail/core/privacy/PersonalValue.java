package io.github.omniretail.core.privacy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * One personal value with its kind. It never shows itself in clear by accident: {@link #toString()} and its JSON
 * form are the {@linkplain PersonalField#mask mask}; only {@link #clear()} (or a {@link Redactor} at a level that
 * allows it) gives the value. Immutable and thread-safe.
 *
 * @param field non-null kind
 * @param clear non-null clear value
 */
public record PersonalValue(PersonalField field, String clear) {

    /**
     * Checks for nulls.
     *
     * @param field non-null
     * @param clear non-null
     */
    public PersonalValue {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(clear, "clear");
    }

    /**
     * A value of a kind.
     *
     * @param field non-null kind
     * @param clear non-null clear value
     * @return the value
     */
    public static PersonalValue of(PersonalField field, String clear) {
        return new PersonalValue(field, clear);
    }

    /**
     * The masked form.
     *
     * @return {@code field().mask(clear())}
     */
    @JsonValue
    public String masked() {
        return field.mask(clear);
    }

    /** @return the masked form, never the clear value */
    @Override
    public String toString() {
        return masked();
    }
}

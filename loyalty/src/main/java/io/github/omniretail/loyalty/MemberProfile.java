package io.github.omniretail.loyalty;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.privacy.PersonalField;
import io.github.omniretail.core.privacy.PersonalValue;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A member's personal data: name, phone, e-mail, address, home location, birthday — each a {@link PersonalValue},
 * so printing a profile shows masks only. After {@linkplain MemberProfiles#erase erasure} a profile has no fields,
 * only a pseudonym.
 *
 * @param member non-null member
 * @param fields non-null personal values by field, each under its own field
 * @param pseudonym the pseudonym standing in for the member after erasure, or empty while not erased
 */
public record MemberProfile(MemberId member, Map<PersonalField, PersonalValue> fields, Optional<String> pseudonym) {

    /**
     * Validates.
     *
     * @param member non-null
     * @param fields non-null, each value of its key's field; empty once erased
     * @param pseudonym non-null optional
     */
    public MemberProfile {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(pseudonym, "pseudonym");
        EnumMap<PersonalField, PersonalValue> copy = new EnumMap<>(PersonalField.class);
        fields.forEach((f, v) -> {
            if (v.field() != f) {
                throw new IllegalArgumentException("profile of " + member + ": a " + v.field() + " value under "
                        + f);
            }
            copy.put(f, v);
        });
        if (pseudonym.isPresent() && !copy.isEmpty()) {
            throw new IllegalArgumentException("profile of " + member + " is erased but has fields " + copy.keySet());
        }
        fields = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * An empty profile.
     *
     * @param member non-null member
     * @return a profile with no fields
     */
    public static MemberProfile of(MemberId member) {
        return new MemberProfile(member, Map.of(), Optional.empty());
    }

    /**
     * This profile with one field set.
     *
     * @param field non-null field
     * @param clear non-null clear value
     * @return the new profile
     */
    public MemberProfile with(PersonalField field, String clear) {
        EnumMap<PersonalField, PersonalValue> copy = new EnumMap<>(PersonalField.class);
        copy.putAll(fields);
        copy.put(field, PersonalValue.of(field, clear));
        return new MemberProfile(member, copy, pseudonym);
    }

    /**
     * One field.
     *
     * @param field non-null field
     * @return its value, or empty
     */
    public Optional<PersonalValue> get(PersonalField field) {
        return Optional.ofNullable(fields.get(field));
    }

    /** @return whether the member was erased */
    public boolean erased() {
        return pseudonym.isPresent();
    }
}

package io.github.omniretail.core.spi;

import io.github.omniretail.core.privacy.AccessLevel;
import io.github.omniretail.core.privacy.Disclosure;
import io.github.omniretail.core.privacy.PersonalField;

/**
 * Who sees what: the {@link Disclosure} of each personal field at each {@link AccessLevel}. Implementations must be
 * pure and thread-safe, and should answer {@link Disclosure#MASKED} (or less) for levels they do not know.
 */
@FunctionalInterface
public interface PrivacyPolicy {

    /**
     * How much of a field a level sees.
     *
     * @param level non-null reader's level
     * @param field non-null field
     * @return non-null disclosure
     */
    Disclosure disclosure(AccessLevel level, PersonalField field);

    /**
     * The standard grading: {@link AccessLevel#ANALYTICS} hashed; {@link AccessLevel#STAFF} masked;
     * {@link AccessLevel#FULFILMENT} clear name, phone and address, the rest masked; {@link AccessLevel#OWNER}
     * clear; any other level masked.
     *
     * @return the standard policy
     */
    static PrivacyPolicy standard() {
        return (level, field) -> {
            if (level.equals(AccessLevel.OWNER)) {
                return Disclosure.CLEAR;
            }
            if (level.equals(AccessLevel.ANALYTICS)) {
                return Disclosure.HASHED;
            }
            if (level.equals(AccessLevel.FULFILMENT) && (field == PersonalField.NAME || field == PersonalField.PHONE
                    || field == PersonalField.ADDRESS)) {
                return Disclosure.CLEAR;
            }
            return Disclosure.MASKED;
        };
    }
}

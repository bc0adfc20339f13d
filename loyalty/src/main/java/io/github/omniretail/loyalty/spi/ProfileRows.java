package io.github.omniretail.loyalty.spi;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.privacy.FieldCipher;
import io.github.omniretail.core.privacy.PersonalField;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Rows of sealed personal values, for a database {@link ProfileStore}: {@link ProfileStore#encrypted} seals, opens and
 * re-encrypts; an implementation only stores bytes. Each value is a {@link FieldCipher} sealed value, which names
 * its key ({@link FieldCipher#keyIdOf}); store that key id beside it so {@link #notUnder} can find values to
 * re-encrypt. Implementations must be thread-safe and make each method atomic.
 */
public interface ProfileRows {

    /**
     * A member's stored row.
     *
     * @param pseudonym the pseudonym once erased, or empty
     * @param fields the sealed values by field
     */
    record Sealed(Optional<String> pseudonym, Map<PersonalField, byte[]> fields) {

        /**
         * Copies.
         *
         * @param pseudonym non-null
         * @param fields non-null
         */
        public Sealed {
            Objects.requireNonNull(pseudonym, "pseudonym");
            fields = Map.copyOf(fields);
        }
    }

    /**
     * A value sealed under another key than the current one.
     *
     * @param member its member
     * @param field its field
     * @param sealed the sealed value as stored
     */
    record Stale(MemberId member, PersonalField field, byte[] sealed) {
    }

    /**
     * Stores a member's row, replacing its pseudonym and all its fields, in one transaction.
     *
     * @param member non-null member
     * @param pseudonym non-null optional pseudonym
     * @param fields non-null sealed values by field
     */
    void put(MemberId member, Optional<String> pseudonym, Map<PersonalField, byte[]> fields);

    /**
     * A member's row.
     *
     * @param member non-null member
     * @return the row, or empty if none was stored
     */
    Optional<Sealed> get(MemberId member);

    /**
     * Values whose stored key id is not {@code keyId}.
     *
     * @param keyId non-null current key id
     * @param max at most this many, {@code >= 1}
     * @return the values
     */
    List<Stale> notUnder(String keyId, int max);

    /**
     * Replaces one value if it is still {@code expected} (compare-and-set), with its key id.
     *
     * @param member non-null member
     * @param field non-null field
     * @param expected the value as read
     * @param sealed the new sealed value
     * @return true if replaced; false if a put changed it meanwhile
     */
    boolean replace(MemberId member, PersonalField field, byte[] expected, byte[] sealed);
}

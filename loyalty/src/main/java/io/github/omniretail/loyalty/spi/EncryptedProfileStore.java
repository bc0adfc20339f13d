package io.github.omniretail.loyalty.spi;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.privacy.FieldCipher;
import io.github.omniretail.core.privacy.PersonalField;
import io.github.omniretail.core.privacy.PersonalValue;
import io.github.omniretail.loyalty.MemberProfile;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ProfileStore} over {@link ProfileRows}: every value sealed with AES-GCM under associated data
 * {@code member/field}, so a value moved to another row does not open; re-encryption re-seals a value only if it is
 * unchanged since it was read. Thread-safe if the rows are.
 */
final class EncryptedProfileStore implements ProfileStore {
    private final ProfileRows rows;
    private final FieldCipher cipher;

    EncryptedProfileStore(ProfileRows rows, FieldCipher cipher) {
        this.rows = Objects.requireNonNull(rows, "rows");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    private static String associated(MemberId member, PersonalField field) {
        return member.value() + "/" + field.name();
    }

    @Override
    public void put(MemberProfile profile) {
        Objects.requireNonNull(profile, "profile");
        Map<PersonalField, byte[]> sealed = new EnumMap<>(PersonalField.class);
        profile.fields().forEach((f, v) -> sealed.put(f, cipher.seal(v.clear(), associated(profile.member(), f))));
        rows.put(profile.member(), profile.pseudonym(), sealed);
    }

    @Override
    public Optional<MemberProfile> get(MemberId member) {
        Objects.requireNonNull(member, "member");
        return rows.get(member).map(row -> {
            Map<PersonalField, PersonalValue> values = new EnumMap<>(PersonalField.class);
            row.fields().forEach((f, bytes) -> values.put(f, PersonalValue.of(f,
                    cipher.open(bytes, associated(member, f)))));
            return new MemberProfile(member, values, row.pseudonym());
        });
    }

    @Override
    public int reencrypt(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, was " + max);
        }
        int done = 0;
        for (ProfileRows.Stale s : rows.notUnder(cipher.currentKeyId(), max)) {
            String aad = associated(s.member(), s.field());
            byte[] resealed = cipher.seal(cipher.open(s.sealed(), aad), aad);
            done += rows.replace(s.member(), s.field(), s.sealed(), resealed) ? 1 : 0;
        }
        return done;
    }
}

package io.github.omniretail.loyalty.spi;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.loyalty.MemberProfile;
import io.github.omniretail.loyalty.MemberProfiles;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where {@link MemberProfiles} keeps personal data. Stores on disk should encrypt every personal value at rest
 * (the PostgreSQL and MySQL stores do, with AES-GCM) and re-encrypt under a new key on {@link #reencrypt}.
 * Obligations: {@link #put} replaces a profile atomically; implementations must be thread-safe.
 */
public interface ProfileStore {

    /**
     * Stores a profile, replacing the member's previous one.
     *
     * @param profile non-null profile
     */
    void put(MemberProfile profile);

    /**
     * A member's profile.
     *
     * @param member non-null member
     * @return the profile, or empty if none was stored
     */
    Optional<MemberProfile> get(MemberId member);

    /**
     * Re-encrypts up to {@code max} stored values not under the current key, each in its own short transaction, so
     * a key rotation runs beside normal traffic. Call it until it returns 0. Stores that do not encrypt return 0.
     *
     * @param max values to re-encrypt at most, {@code >= 1}
     * @return values re-encrypted
     */
    default int reencrypt(int max) {
        return 0;
    }

    /**
     * A store that encrypts every value (AES-GCM, {@link io.github.omniretail.core.privacy.FieldCipher}) before
     * its rows keep it: what the PostgreSQL and MySQL stores return, and what a store for another database should
     * build on.
     *
     * @param rows non-null rows of sealed values
     * @param keys non-null key provider
     * @return the store
     */
    static ProfileStore encrypted(ProfileRows rows, io.github.omniretail.core.spi.KeyProvider keys) {
        return new EncryptedProfileStore(rows, new io.github.omniretail.core.privacy.FieldCipher(keys));
    }

    /**
     * A store in this JVM's heap (not encrypted: the heap is not "at rest").
     *
     * @return a new, empty in-memory store
     */
    static ProfileStore inMemory() {
        ConcurrentHashMap<MemberId, MemberProfile> profiles = new ConcurrentHashMap<>();
        return new ProfileStore() {
            @Override
            public void put(MemberProfile profile) {
                profiles.put(Objects.requireNonNull(profile, "profile").member(), profile);
            }

            @Override
            public Optional<MemberProfile> get(MemberId member) {
                return Optional.ofNullable(profiles.get(Objects.requireNonNull(member, "member")));
            }
        };
    }
}

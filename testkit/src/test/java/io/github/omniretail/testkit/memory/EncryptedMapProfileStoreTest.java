package io.github.omniretail.testkit.memory;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.privacy.FieldCipher;
import io.github.omniretail.core.privacy.KeyRing;
import io.github.omniretail.core.privacy.PersonalField;
import io.github.omniretail.loyalty.spi.ProfileRows;
import io.github.omniretail.loyalty.spi.ProfileStore;
import io.github.omniretail.testkit.loyalty.ProfileStoreContract;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ProfileStoreContract} against {@link ProfileStore#encrypted} over rows in a map: the sealing, opening
 * and re-encryption the database stores share, without a database.
 */
class EncryptedMapProfileStoreTest extends ProfileStoreContract {
    private final Map<ProfileStore, MapRows> rows = new ConcurrentHashMap<>();

    /** Rows in a map, each member's row replaced whole under the map's lock. */
    static final class MapRows implements ProfileRows {
        final Map<MemberId, Sealed> rows = new ConcurrentHashMap<>();

        @Override
        public synchronized void put(MemberId member, Optional<String> pseudonym, Map<PersonalField, byte[]> fields) {
            rows.put(member, new Sealed(pseudonym, fields));
        }

        @Override
        public synchronized Optional<Sealed> get(MemberId member) {
            return Optional.ofNullable(rows.get(member));
        }

        @Override
        public synchronized List<Stale> notUnder(String keyId, int max) {
            List<Stale> out = new ArrayList<>();
            rows.forEach((m, row) -> row.fields().forEach((f, b) -> {
                if (out.size() < max && !FieldCipher.keyIdOf(b).equals(keyId)) {
                    out.add(new Stale(m, f, b));
                }
            }));
            return out;
        }

        @Override
        public synchronized boolean replace(MemberId member, PersonalField field, byte[] expected, byte[] sealed) {
            Sealed row = rows.get(member);
            if (row == null || !Arrays.equals(row.fields().get(field), expected)) {
                return false;
            }
            Map<PersonalField, byte[]> fields = new EnumMap<>(PersonalField.class);
            fields.putAll(row.fields());
            fields.put(field, sealed);
            rows.put(member, new Sealed(row.pseudonym(), fields));
            return true;
        }
    }

    @Override
    protected ProfileStore newStore(KeyRing keys) {
        MapRows r = new MapRows();
        ProfileStore store = ProfileStore.encrypted(r, keys);
        rows.put(store, r);
        return store;
    }

    @Override
    protected ProfileStore newStoreSharing(ProfileStore store, KeyRing keys) {
        return ProfileStore.encrypted(rows.get(store), keys);
    }

    @Override
    protected Optional<String> atRest(ProfileStore store) {
        StringBuilder dump = new StringBuilder();
        rows.get(store).rows.forEach((m, row) -> {
            dump.append(m).append('|').append(row.pseudonym().orElse("")).append('|');
            row.fields().values().forEach(b -> dump.append(new String(b, StandardCharsets.ISO_8859_1)).append('|'));
        });
        return Optional.of(dump.toString());
    }
}

package io.github.omniretail.postgres;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.privacy.FieldCipher;
import io.github.omniretail.core.privacy.PersonalField;
import io.github.omniretail.loyalty.spi.ProfileRows;
import io.github.omniretail.postgres.jdbc.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sealed profile values in {@code omniretail_ldg_profile} (one row per member: the pseudonym once erased) and
 * {@code omniretail_ldg_profile_field} (one row per value, with its key id). A put upserts the member's row, which
 * locks it, and replaces its fields in the same transaction. Thread-safe.
 */
final class PostgresProfileRows implements ProfileRows {
    private final Transactions tx;
    private final String profiles;
    private final String fields;

    PostgresProfileRows(Transactions tx, String schema) {
        this.tx = tx;
        this.profiles = schema + ".omniretail_ldg_profile";
        this.fields = schema + ".omniretail_ldg_profile_field";
    }

    @Override
    public void put(MemberId member, Optional<String> pseudonym, Map<PersonalField, byte[]> sealed) {
        tx.run("put profile", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + profiles + " (member, pseudonym) VALUES (?, ?) "
                    + "ON CONFLICT (member) DO UPDATE SET pseudonym = EXCLUDED.pseudonym")) {
                p.setString(1, member.value());
                p.setString(2, pseudonym.orElse(null));
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + fields + " WHERE member = ?")) {
                p.setString(1, member.value());
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + fields + " (member, field, key_id, sealed) "
                    + "VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<PersonalField, byte[]> e : sealed.entrySet()) {
                    p.setString(1, member.value());
                    p.setString(2, e.getKey().name());
                    p.setString(3, FieldCipher.keyIdOf(e.getValue()));
                    p.setBytes(4, e.getValue());
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Optional<Sealed> get(MemberId member) {
        return tx.read("get profile", c -> {
            Optional<String> pseudonym;
            try (PreparedStatement p = c.prepareStatement("SELECT pseudonym FROM " + profiles + " WHERE member = ?")) {
                p.setString(1, member.value());
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    pseudonym = Optional.ofNullable(r.getString(1));
                }
            }
            Map<PersonalField, byte[]> values = new EnumMap<>(PersonalField.class);
            try (PreparedStatement p = c.prepareStatement("SELECT field, sealed FROM " + fields + " WHERE member = ?")) {
                p.setString(1, member.value());
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        values.put(PersonalField.valueOf(r.getString(1)), r.getBytes(2));
                    }
                }
            }
            return Optional.of(new Sealed(pseudonym, values));
        });
    }

    @Override
    public List<Stale> notUnder(String keyId, int max) {
        return tx.read("find stale profile values", c -> {
            List<Stale> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT member, field, sealed FROM " + fields
                    + " WHERE key_id <> ? LIMIT ?")) {
                p.setString(1, keyId);
                p.setInt(2, max);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new Stale(MemberId.of(r.getString(1)), PersonalField.valueOf(r.getString(2)),
                                r.getBytes(3)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public boolean replace(MemberId member, PersonalField field, byte[] expected, byte[] sealed) {
        return tx.run("re-encrypt profile value", c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE " + fields + " SET key_id = ?, sealed = ? "
                    + "WHERE member = ? AND field = ? AND sealed = ?")) {
                p.setString(1, FieldCipher.keyIdOf(sealed));
                p.setBytes(2, sealed);
                p.setString(3, member.value());
                p.setString(4, field.name());
                p.setBytes(5, expected);
                return p.executeUpdate() == 1;
            }
        });
    }
}

package io.github.omniretail.mysql;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.privacy.FieldCipher;
import io.github.omniretail.core.privacy.PersonalField;
import io.github.omniretail.core.privacy.PersonalValue;
import io.github.omniretail.loyalty.MemberProfile;
import io.github.omniretail.loyalty.spi.ProfileStore;
import io.github.omniretail.mysql.jdbc.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Profiles in {@code omniretail_ldg_profile} and {@code omniretail_ldg_profile_field}, every personal value sealed
 * with AES-GCM ({@link FieldCipher}) under associated data {@code member/field}, so a value moved to another row
 * does not open. A put locks the member's row and replaces its fields in one transaction; a re-encryption re-seals
 * a value only if it is unchanged since it was read. Thread-safe.
 */
final class MySqlProfileStore implements ProfileStore {
    private final Transactions tx;
    private final FieldCipher cipher;
    private final String profiles;
    private final String fields;

    MySqlProfileStore(Transactions tx, String prefix, FieldCipher cipher) {
        this.tx = tx;
        this.cipher = cipher;
        this.profiles = prefix + "omniretail_ldg_profile";
        this.fields = prefix + "omniretail_ldg_profile_field";
    }

    private static String associated(MemberId member, PersonalField field) {
        return member.value() + "/" + field.name();
    }

    @Override
    public void put(MemberProfile profile) {
        Objects.requireNonNull(profile, "profile");
        Map<PersonalField, byte[]> sealed = new EnumMap<>(PersonalField.class);
        profile.fields().forEach((f, v) -> sealed.put(f, cipher.seal(v.clear(), associated(profile.member(), f))));
        tx.run("put profile", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + profiles + " (member, pseudonym) VALUES (?, ?) "
                    + "ON DUPLICATE KEY UPDATE pseudonym = VALUES(pseudonym)")) {
                p.setString(1, profile.member().value());
                p.setString(2, profile.pseudonym().orElse(null));
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + fields + " WHERE member = ?")) {
                p.setString(1, profile.member().value());
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + fields + " (member, field, key_id, sealed) "
                    + "VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<PersonalField, byte[]> e : sealed.entrySet()) {
                    p.setString(1, profile.member().value());
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
    public Optional<MemberProfile> get(MemberId member) {
        Objects.requireNonNull(member, "member");
        return tx.run("get profile", c -> {
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
            Map<PersonalField, PersonalValue> values = new EnumMap<>(PersonalField.class);
            try (PreparedStatement p = c.prepareStatement("SELECT field, sealed FROM " + fields + " WHERE member = ?")) {
                p.setString(1, member.value());
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        PersonalField f = PersonalField.valueOf(r.getString(1));
                        values.put(f, PersonalValue.of(f, cipher.open(r.getBytes(2), associated(member, f))));
                    }
                }
            }
            return Optional.of(new MemberProfile(member, values, pseudonym));
        });
    }

    @Override
    public int reencrypt(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, was " + max);
        }
        record Stale(String member, String field, byte[] sealed) {
        }
        List<Stale> stale = tx.run("find stale profile values", c -> {
            List<Stale> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT member, field, sealed FROM " + fields
                    + " WHERE key_id <> ? LIMIT ?")) {
                p.setString(1, cipher.currentKeyId());
                p.setInt(2, max);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new Stale(r.getString(1), r.getString(2), r.getBytes(3)));
                    }
                }
            }
            return out;
        });
        int done = 0;
        for (Stale s : stale) {
            String aad = s.member() + "/" + s.field();
            byte[] resealed = cipher.seal(cipher.open(s.sealed(), aad), aad);
            done += tx.run("re-encrypt profile value", c -> reseal(c, s.member(), s.field(), s.sealed(), resealed));
        }
        return done;
    }

    private int reseal(Connection c, String member, String field, byte[] old, byte[] resealed) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE " + fields + " SET key_id = ?, sealed = ? "
                + "WHERE member = ? AND field = ? AND sealed = ?")) {
            p.setString(1, FieldCipher.keyIdOf(resealed));
            p.setBytes(2, resealed);
            p.setString(3, member);
            p.setString(4, field);
            p.setBytes(5, old);
            return p.executeUpdate(); // 0 if a put replaced it meanwhile: that put sealed it under a current key
        }
    }
}

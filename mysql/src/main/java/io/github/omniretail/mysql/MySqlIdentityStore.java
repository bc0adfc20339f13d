package io.github.omniretail.mysql;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.mysql.jdbc.Transactions;
import io.github.omniretail.loyalty.IdentityType;
import io.github.omniretail.loyalty.MemberDirectory;
import io.github.omniretail.loyalty.spi.IdentityStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Identity links in {@code omniretail_ldg_identity}: each operation one statement, atomic. Thread-safe. */
final class MySqlIdentityStore implements IdentityStore {

    private final Transactions tx;
    private final String table;

    MySqlIdentityStore(Transactions tx, String prefix) {
        this.tx = tx;
        this.table = prefix + "omniretail_ldg_identity";
    }

    @Override
    public Optional<MemberId> putIfAbsent(MemberDirectory.Identity identity, MemberId member) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(member, "member");
        return tx.run("link identity", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT IGNORE INTO " + table + " (type, id_key, member) "
                    + "VALUES (?, ?, ?)")) {
                p.setString(1, identity.type().name());
                p.setString(2, identity.key());
                p.setString(3, member.value());
                if (p.executeUpdate() == 1) {
                    return Optional.<MemberId>empty();
                }
            }
            return find(c, identity);
        });
    }

    @Override
    public Optional<MemberId> get(MemberDirectory.Identity identity) {
        Objects.requireNonNull(identity, "identity");
        return tx.run("find identity", c -> find(c, identity));
    }

    private Optional<MemberId> find(java.sql.Connection c, MemberDirectory.Identity identity) throws java.sql.SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT member FROM " + table + " WHERE type = ? AND id_key = ?")) {
            p.setString(1, identity.type().name());
            p.setString(2, identity.key());
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(MemberId.of(r.getString(1))) : Optional.empty();
            }
        }
    }

    @Override
    public boolean remove(MemberDirectory.Identity identity, MemberId member) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(member, "member");
        return tx.run("unlink identity", c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE type = ? AND id_key = ? "
                    + "AND member = ?")) {
                p.setString(1, identity.type().name());
                p.setString(2, identity.key());
                p.setString(3, member.value());
                return p.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean replace(MemberDirectory.Identity identity, MemberId from, MemberId to) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return tx.run("move identity", c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE " + table + " SET member = ? WHERE type = ? AND id_key = ? "
                    + "AND member = ?")) {
                p.setString(1, to.value());
                p.setString(2, identity.type().name());
                p.setString(3, identity.key());
                p.setString(4, from.value());
                return p.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Map<MemberDirectory.Identity, MemberId> all() {
        return tx.run("list identities", c -> {
            Map<MemberDirectory.Identity, MemberId> all = new HashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT type, id_key, member FROM " + table)) {
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        all.put(new MemberDirectory.Identity(IdentityType.valueOf(r.getString(1)), r.getString(2)),
                                MemberId.of(r.getString(3)));
                    }
                }
            }
            return Map.copyOf(all);
        });
    }
}

package io.github.omniretail.mysql;

import io.github.omniretail.core.privacy.KeyRing;
import io.github.omniretail.loyalty.spi.ProfileStore;

import io.github.omniretail.testkit.loyalty.ProfileStoreContract;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The testkit's {@link ProfileStoreContract} against the MySQL profile store on MariaDB: encryption at rest, rotation. */
class MySqlProfileStoreTest extends ProfileStoreContract {
    private final Map<ProfileStore, Object[]> schemas = new ConcurrentHashMap<>();

    @Override
    protected ProfileStore newStore(KeyRing keys) {
        String schema = MariaDb.freshDatabase("prf");
        MySqlLedgerStore ledger = MySqlLedgerStore.builder(MariaDb.dataSource()).database(schema).build();
        ledger.migrate();
        ProfileStore store = ledger.profiles(keys);
        schemas.put(store, new Object[] {ledger, schema});
        return store;
    }

    @Override
    protected ProfileStore newStoreSharing(ProfileStore store, KeyRing keys) {
        return ((MySqlLedgerStore) schemas.get(store)[0]).profiles(keys);
    }

    @Override
    protected Optional<String> atRest(ProfileStore store) {
        String schema = (String) schemas.get(store)[1];
        StringBuilder dump = new StringBuilder();
        try (Connection c = MariaDb.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : new String[] {"omniretail_ldg_profile", "omniretail_ldg_profile_field"}) {
                try (ResultSet r = s.executeQuery("SELECT * FROM " + schema + "." + table)) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        for (int i = 1; i <= columns; i++) {
                            byte[] b = r.getBytes(i);
                            dump.append(b == null ? "" : new String(b, StandardCharsets.ISO_8859_1)).append('|');
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Optional.of(dump.toString());
    }
}

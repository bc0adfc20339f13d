package io.github.omniretail.integration;

import io.github.omniretail.core.privacy.KeyRing;
import io.github.omniretail.postgres.PostgresLedgerStore;
import io.github.omniretail.testkit.loyalty.ErasureContract;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The testkit's {@link ErasureContract} on PostgreSQL: ledger, identities and encrypted profiles in one schema. */
class PostgresErasureTest extends ErasureContract {
    private final Map<Stores, String> schemas = new ConcurrentHashMap<>();

    @Override
    protected Stores newStores(KeyRing keys) {
        String schema = Databases.freshSchema("era");
        PostgresLedgerStore store = PostgresLedgerStore.builder(Databases.dataSource()).schema(schema).build();
        store.migrate();
        Stores stores = new Stores(store, store.identities(), store.profiles(keys));
        schemas.put(stores, schema);
        return stores;
    }

    @Override
    protected Optional<String> atRest(Stores stores) {
        StringBuilder dump = new StringBuilder();
        try (Connection c = Databases.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : new String[] {"omniretail_ldg_identity", "omniretail_ldg_profile",
                "omniretail_ldg_profile_field"}) {
                try (ResultSet r = s.executeQuery("SELECT * FROM " + schemas.get(stores) + "." + table)) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        for (int i = 1; i <= columns; i++) {
                            byte[] b = r.getBytes(i);
                            dump.append(b == null ? "" : new String(b, StandardCharsets.UTF_8)).append('|');
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

package io.github.omniretail.integration;

import io.github.omniretail.core.privacy.KeyRing;
import io.github.omniretail.loyalty.spi.ProfileStore;
import io.github.omniretail.postgres.PostgresLedgerStore;
import io.github.omniretail.testkit.loyalty.ProfileStoreContract;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The testkit's {@link ProfileStoreContract} against the PostgreSQL profile store: encryption at rest, rotation. */
class PostgresProfileStoreTest extends ProfileStoreContract {
    private final Map<ProfileStore, Object[]> schemas = new ConcurrentHashMap<>();

    @Override
    protected ProfileStore newStore(KeyRing keys) {
        String schema = Databases.freshSchema("prf");
        PostgresLedgerStore ledger = PostgresLedgerStore.builder(Databases.dataSource()).schema(schema).build();
        ledger.migrate();
        ProfileStore store = ledger.profiles(keys);
        schemas.put(store, new Object[] {ledger, schema});
        return store;
    }

    @Override
    protected ProfileStore newStoreSharing(ProfileStore store, KeyRing keys) {
        return ((PostgresLedgerStore) schemas.get(store)[0]).profiles(keys);
    }

    @Override
    protected Optional<String> atRest(ProfileStore store) {
        return Optional.of(Databases.dump((String) schemas.get(store)[1], "omniretail_ldg_profile",
                "omniretail_ldg_profile_field"));
    }
}

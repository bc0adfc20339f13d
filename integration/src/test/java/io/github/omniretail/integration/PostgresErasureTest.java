package io.github.omniretail.integration;

import io.github.omniretail.core.privacy.KeyRing;
import io.github.omniretail.loyalty.spi.ConsentReplica;
import java.time.Clock;
import io.github.omniretail.postgres.PostgresLedgerStore;
import io.github.omniretail.testkit.loyalty.ErasureContract;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The testkit's {@link ErasureContract} on PostgreSQL: ledger, identities, encrypted profiles and consents in one schema. */
class PostgresErasureTest extends ErasureContract {
    private final Map<Stores, String> schemas = new ConcurrentHashMap<>();

    @Override
    protected Stores newStores(KeyRing keys) {
        String schema = Databases.freshSchema("era");
        PostgresLedgerStore store = PostgresLedgerStore.builder(Databases.dataSource()).schema(schema).build();
        store.migrate();
        // consents as an instance would keep them: a replica of the store's consent log
        Stores stores = new Stores(store, store.identities(), store.profiles(keys),
                ConsentReplica.builder(store.consentLog()).clock(Clock.systemUTC()).start());
        schemas.put(stores, schema);
        return stores;
    }

    @Override
    protected Optional<String> atRest(Stores stores) {
        String dump = Databases.dump(schemas.get(stores), "omniretail_ldg_identity", "omniretail_ldg_profile",
                "omniretail_ldg_profile_field");
        // text columns read back as UTF-8, so the contract's Chinese values can be searched for
        return Optional.of(new String(dump.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }
}

package io.github.omniretail.integration;

import io.github.omniretail.postgres.PostgresInventoryStore;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.postgres.PostgresLedgerStore;

/** Stores on fresh schemas of the shared embedded database, for the contract runs. */
final class PostgresStores {

    private PostgresStores() {
    }

    static InventoryStore inventory() {
        PostgresInventoryStore store = PostgresInventoryStore.builder(Databases.dataSource())
                .schema(Databases.freshSchema("inv")).build();
        store.migrate();
        return store;
    }

    static PostgresLedgerStore ledger() {
        PostgresLedgerStore store = PostgresLedgerStore.builder(Databases.dataSource())
                .schema(Databases.freshSchema("ldg")).build();
        store.migrate();
        return store;
    }
}

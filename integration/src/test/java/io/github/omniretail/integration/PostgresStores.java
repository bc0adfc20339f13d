package io.github.omniretail.integration;

import io.github.omniretail.inventory.postgres.PostgresInventoryStore;
import io.github.omniretail.inventory.spi.InventoryStore;

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
}

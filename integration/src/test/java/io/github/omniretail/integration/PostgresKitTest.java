package io.github.omniretail.integration;

import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.KitContract;

/** The testkit's {@link KitContract} against the PostgreSQL store. */
class PostgresKitTest extends KitContract {

    @Override
    protected InventoryStore newStore() {
        return PostgresStores.inventory();
    }
}

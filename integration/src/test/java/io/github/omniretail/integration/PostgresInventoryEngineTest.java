package io.github.omniretail.integration;

import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.InventoryEngineContract;

/** The testkit's {@link InventoryEngineContract} against the PostgreSQL store. */
class PostgresInventoryEngineTest extends InventoryEngineContract {

    @Override
    protected InventoryStore newStore() {
        return PostgresStores.inventory();
    }
}

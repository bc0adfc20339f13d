package io.github.omniretail.integration;

import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.ReturnContract;

/** The testkit's {@link ReturnContract} against the PostgreSQL store. */
class PostgresReturnTest extends ReturnContract {

    @Override
    protected InventoryStore newStore() {
        return PostgresStores.inventory();
    }
}

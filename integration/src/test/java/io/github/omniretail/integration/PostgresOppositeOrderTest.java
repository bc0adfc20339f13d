package io.github.omniretail.integration;

import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.OppositeOrderContract;

/** The testkit's {@link OppositeOrderContract} against the PostgreSQL store: two instances on one database. */
class PostgresOppositeOrderTest extends OppositeOrderContract {

    @Override
    protected InventoryStore newStore() {
        return PostgresStores.inventory();
    }
}

package io.github.omniretail.integration;

import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.LotContract;

/** The testkit's {@link LotContract} against the PostgreSQL store. */
class PostgresLotTest extends LotContract {

    @Override
    protected InventoryStore newStore() {
        return PostgresStores.inventory();
    }
}

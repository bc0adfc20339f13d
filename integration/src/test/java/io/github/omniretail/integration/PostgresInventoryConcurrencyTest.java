package io.github.omniretail.integration;

import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.InventoryConcurrencyContract;

/** The testkit's {@link InventoryConcurrencyContract} against the PostgreSQL store. */
class PostgresInventoryConcurrencyTest extends InventoryConcurrencyContract {

    @Override
    protected InventoryStore newStore() {
        return PostgresStores.inventory();
    }

    @Override
    protected double workloadScale() {
        return 0.02; // 2,000 operations per thread, 1,000 reservers, 40 opposite-order races
    }
}

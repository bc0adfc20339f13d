package io.github.omniretail.mysql;

import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.InventoryConcurrencyContract;

/** The testkit's {@link InventoryConcurrencyContract} against the MySQL store on MariaDB. */
class MySqlInventoryConcurrencyTest extends InventoryConcurrencyContract {

    @Override
    protected InventoryStore newStore() {
        return MariaDb.inventory();
    }

    @Override
    protected double workloadScale() {
        return 0.02; // 2,000 operations per thread, 1,000 reservers, 40 opposite-order races
    }
}

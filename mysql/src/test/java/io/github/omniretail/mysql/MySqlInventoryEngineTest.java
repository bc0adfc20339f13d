package io.github.omniretail.mysql;

import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.InventoryEngineContract;

/** The testkit's {@link InventoryEngineContract} against the MySQL store on MariaDB. */
class MySqlInventoryEngineTest extends InventoryEngineContract {

    @Override
    protected InventoryStore newStore() {
        return MariaDb.inventory();
    }
}

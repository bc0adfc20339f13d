package io.github.omniretail.mysql;

import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.ReturnContract;

/** The testkit's {@link ReturnContract} against the MySQL store on MariaDB. */
class MySqlReturnTest extends ReturnContract {

    @Override
    protected InventoryStore newStore() {
        return MariaDb.inventory();
    }
}

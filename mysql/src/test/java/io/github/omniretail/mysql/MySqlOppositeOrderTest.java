package io.github.omniretail.mysql;

import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.OppositeOrderContract;

/** The testkit's {@link OppositeOrderContract} against the MySQL store on MariaDB: two instances on one database. */
class MySqlOppositeOrderTest extends OppositeOrderContract {

    @Override
    protected InventoryStore newStore() {
        return MariaDb.inventory();
    }
}

package io.github.omniretail.mysql;

import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.KitContract;

/** The testkit's {@link KitContract} against the MySQL store on MariaDB. */
class MySqlKitTest extends KitContract {

    @Override
    protected InventoryStore newStore() {
        return MariaDb.inventory();
    }
}

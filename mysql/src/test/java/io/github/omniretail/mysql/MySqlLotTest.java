package io.github.omniretail.mysql;

import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.LotContract;

/** The testkit's {@link LotContract} against the MySQL store on MariaDB. */
class MySqlLotTest extends LotContract {

    @Override
    protected InventoryStore newStore() {
        return MariaDb.inventory();
    }
}

package io.github.omniretail.mysql;

import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.InboundContract;

/** The testkit's {@link InboundContract} against the MySQL store on MariaDB. */
class MySqlInboundTest extends InboundContract {

    @Override
    protected InventoryStore newStore() {
        return MariaDb.inventory();
    }
}

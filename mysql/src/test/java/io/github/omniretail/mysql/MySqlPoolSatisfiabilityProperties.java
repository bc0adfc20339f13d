package io.github.omniretail.mysql;

import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.PoolSatisfiabilityContract;
import net.jqwik.api.PropertyDefaults;

/** The testkit's {@link PoolSatisfiabilityContract} against the MySQL store on MariaDB. */
@PropertyDefaults(tries = 150)
class MySqlPoolSatisfiabilityProperties extends PoolSatisfiabilityContract {

    @Override
    protected InventoryStore newStore() {
        return MariaDb.inventory();
    }
}

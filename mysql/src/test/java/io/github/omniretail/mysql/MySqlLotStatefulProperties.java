package io.github.omniretail.mysql;

import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.LotStatefulContract;
import net.jqwik.api.PropertyDefaults;

/** The testkit's {@link LotStatefulContract} against the MySQL store on MariaDB: 20 of its sequences (a fresh database each). */
@PropertyDefaults(tries = 20)
class MySqlLotStatefulProperties extends LotStatefulContract {
    @Override
    protected InventoryStore newStore() {
        return MariaDb.inventory();
    }
}

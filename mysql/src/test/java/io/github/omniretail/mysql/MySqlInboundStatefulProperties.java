package io.github.omniretail.mysql;

import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.InboundStatefulContract;
import net.jqwik.api.PropertyDefaults;

/** The testkit's {@link InboundStatefulContract} against the MySQL store on MariaDB: 20 of its sequences (a fresh database each). */
@PropertyDefaults(tries = 20)
class MySqlInboundStatefulProperties extends InboundStatefulContract {
    @Override
    protected InventoryStore newStore() {
        return MariaDb.inventory();
    }
}

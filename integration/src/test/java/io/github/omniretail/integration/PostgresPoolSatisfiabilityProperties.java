package io.github.omniretail.integration;

import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.PoolSatisfiabilityContract;
import net.jqwik.api.PropertyDefaults;

/** The testkit's {@link PoolSatisfiabilityContract} against the PostgreSQL store. */
@PropertyDefaults(tries = 150)
class PostgresPoolSatisfiabilityProperties extends PoolSatisfiabilityContract {

    @Override
    protected InventoryStore newStore() {
        return PostgresStores.inventory();
    }
}

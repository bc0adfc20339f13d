package io.github.omniretail.integration;

import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.InboundStatefulContract;
import net.jqwik.api.PropertyDefaults;

/** The testkit's {@link InboundStatefulContract} against the PostgreSQL store: 20 of its sequences (a fresh schema each). */
@PropertyDefaults(tries = 20)
class PostgresInboundStatefulProperties extends InboundStatefulContract {
    @Override
    protected InventoryStore newStore() {
        return PostgresStores.inventory();
    }
}

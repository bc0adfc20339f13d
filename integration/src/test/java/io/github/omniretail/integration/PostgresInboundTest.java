package io.github.omniretail.integration;

import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.InboundContract;

/** The testkit's {@link InboundContract} against the PostgreSQL store. */
class PostgresInboundTest extends InboundContract {

    @Override
    protected InventoryStore newStore() {
        return PostgresStores.inventory();
    }
}

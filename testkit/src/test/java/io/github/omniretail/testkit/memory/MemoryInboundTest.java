package io.github.omniretail.testkit.memory;

import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.InboundContract;

/** Runs {@link InboundContract} against the in-memory store. */
class MemoryInboundTest extends InboundContract {
    @Override
    protected InventoryStore newStore() {
        return InventoryEngine.inMemoryStore();
    }
}

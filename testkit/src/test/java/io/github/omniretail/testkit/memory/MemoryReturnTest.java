package io.github.omniretail.testkit.memory;

import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.ReturnContract;

/** Runs {@link ReturnContract} against the in-memory store. */
class MemoryReturnTest extends ReturnContract {
    @Override
    protected InventoryStore newStore() {
        return InventoryEngine.inMemoryStore();
    }
}

package io.github.omniretail.testkit.memory;

import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.InventoryEngineContract;

/** Runs {@link InventoryEngineContract} against the in-memory default, proving the kit itself. */
class MemoryInventoryEngineTest extends InventoryEngineContract {

    @Override
    protected InventoryStore newStore() {
        return InventoryEngine.inMemoryStore();
    }
}

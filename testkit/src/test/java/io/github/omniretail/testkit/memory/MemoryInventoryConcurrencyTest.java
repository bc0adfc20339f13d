package io.github.omniretail.testkit.memory;

import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.InventoryConcurrencyContract;

/** Runs {@link InventoryConcurrencyContract} against the in-memory default, proving the kit itself. */
class MemoryInventoryConcurrencyTest extends InventoryConcurrencyContract {

    @Override
    protected InventoryStore newStore() {
        return InventoryEngine.inMemoryStore();
    }
}

package io.github.omniretail.testkit.memory;

import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.InventoryStatefulContract;

/** Runs {@link InventoryStatefulContract} against the in-memory default, proving the kit itself. */
class MemoryInventoryStatefulProperties extends InventoryStatefulContract {

    @Override
    protected InventoryStore newStore() {
        return InventoryEngine.inMemoryStore();
    }
}

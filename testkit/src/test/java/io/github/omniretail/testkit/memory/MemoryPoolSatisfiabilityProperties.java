package io.github.omniretail.testkit.memory;

import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.PoolSatisfiabilityContract;

/** Runs {@link PoolSatisfiabilityContract} against the in-memory default, proving the kit itself. */
class MemoryPoolSatisfiabilityProperties extends PoolSatisfiabilityContract {

    @Override
    protected InventoryStore newStore() {
        return InventoryEngine.inMemoryStore();
    }
}

package io.github.omniretail.testkit.memory;

import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.LotStatefulContract;

/** Runs {@link LotStatefulContract} against the in-memory store. */
class MemoryLotStatefulProperties extends LotStatefulContract {
    @Override
    protected InventoryStore newStore() {
        return InventoryEngine.inMemoryStore();
    }
}

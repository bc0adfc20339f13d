package io.github.omniretail.testkit.memory;

import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.LotContract;

/** Runs {@link LotContract} against the in-memory store. */
class MemoryLotTest extends LotContract {
    @Override
    protected InventoryStore newStore() {
        return InventoryEngine.inMemoryStore();
    }
}

package io.github.omniretail.testkit.memory;

import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.KitContract;

/** Runs {@link KitContract} against the in-memory engine. */
class MemoryKitTest extends KitContract {
    @Override
    protected InventoryStore newStore() {
        return InventoryEngine.inMemoryStore();
    }
}

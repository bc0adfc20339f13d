package io.github.omniretail.testkit.memory;

import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.InboundStatefulContract;

/** Runs {@link InboundStatefulContract} against the in-memory store. */
class MemoryInboundStatefulProperties extends InboundStatefulContract {
    @Override
    protected InventoryStore newStore() {
        return InventoryEngine.inMemoryStore();
    }
}

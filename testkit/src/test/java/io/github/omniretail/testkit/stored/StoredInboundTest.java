package io.github.omniretail.testkit.stored;

import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.InboundContract;

/** Runs {@link InboundContract} against the stored engine on {@link MapInventoryStorage} (every seventh transaction fails). */
class StoredInboundTest extends InboundContract {
    @Override
    protected InventoryStore newStore() {
        return InventoryEngine.storedIn(new MapInventoryStorage(7), GroupCommit.DEFAULTS);
    }
}

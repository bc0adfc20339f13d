package io.github.omniretail.testkit.stored;

import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.InventoryEngineContract;

/**
 * Runs {@link InventoryEngineContract} against the stored engine on {@link MapInventoryStorage} (every seventh transaction fails
 * before commit and is rerun), proving the kernel over stored rows without a database.
 */
class StoredInventoryEngineTest extends InventoryEngineContract {
    @Override
    protected InventoryStore newStore() {
        return InventoryEngine.storedIn(new MapInventoryStorage(7), GroupCommit.DEFAULTS);
    }
}

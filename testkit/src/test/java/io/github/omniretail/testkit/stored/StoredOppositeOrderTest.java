package io.github.omniretail.testkit.stored;

import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.OppositeOrderContract;

/**
 * Runs {@link OppositeOrderContract} against two stored engines on one {@link MapInventoryStorage} (every seventh
 * transaction fails).
 */
class StoredOppositeOrderTest extends OppositeOrderContract {
    @Override
    protected InventoryStore newStore() {
        return InventoryEngine.storedIn(new MapInventoryStorage(7), GroupCommit.DEFAULTS);
    }
}

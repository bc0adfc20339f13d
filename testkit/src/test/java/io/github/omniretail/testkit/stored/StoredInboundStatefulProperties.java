package io.github.omniretail.testkit.stored;

import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.testkit.inventory.InboundStatefulContract;

/** Runs {@link InboundStatefulContract} against the stored engine on {@link MapInventoryStorage} (every seventh transaction fails). */
class StoredInboundStatefulProperties extends InboundStatefulContract {
    @Override
    protected InventoryStore newStore() {
        return InventoryEngine.storedIn(new MapInventoryStorage(7), GroupCommit.DEFAULTS);
    }
}

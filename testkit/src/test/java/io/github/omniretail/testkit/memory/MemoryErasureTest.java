package io.github.omniretail.testkit.memory;

import io.github.omniretail.core.privacy.KeyRing;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.spi.ConsentStore;
import io.github.omniretail.loyalty.spi.IdentityStore;
import io.github.omniretail.loyalty.spi.ProfileStore;
import io.github.omniretail.testkit.loyalty.ErasureContract;

/** The {@link ErasureContract} on the in-memory stores. */
class MemoryErasureTest extends ErasureContract {

    @Override
    protected Stores newStores(KeyRing keys) {
        return new Stores(PointsLedger.inMemoryStore(), IdentityStore.inMemory(), ProfileStore.inMemory(),
                ConsentStore.inMemory());
    }
}

package io.github.omniretail.testkit.memory;

import io.github.omniretail.loyalty.spi.IdentityStore;
import io.github.omniretail.testkit.loyalty.IdentityStoreContract;

/** Runs {@link IdentityStoreContract} against the in-memory default, proving the kit itself. */
class MemoryIdentityStoreTest extends IdentityStoreContract {

    @Override
    protected IdentityStore newStore() {
        return IdentityStore.inMemory();
    }
}

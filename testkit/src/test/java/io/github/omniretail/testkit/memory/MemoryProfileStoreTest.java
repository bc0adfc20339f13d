package io.github.omniretail.testkit.memory;

import io.github.omniretail.core.privacy.KeyRing;
import io.github.omniretail.loyalty.spi.ProfileStore;
import io.github.omniretail.testkit.loyalty.ProfileStoreContract;

/** The {@link ProfileStoreContract} against the in-memory profile store. */
class MemoryProfileStoreTest extends ProfileStoreContract {

    @Override
    protected ProfileStore newStore(KeyRing keys) {
        return ProfileStore.inMemory();
    }
}

package io.github.omniretail.testkit.memory;

import io.github.omniretail.checkout.spi.CheckoutStore;
import io.github.omniretail.testkit.checkout.CheckoutStoreContract;

/** Runs {@link CheckoutStoreContract} against the in-memory default, proving the kit itself. */
class MemoryCheckoutStoreTest extends CheckoutStoreContract {

    @Override
    protected CheckoutStore newStore() {
        return CheckoutStore.inMemory();
    }
}

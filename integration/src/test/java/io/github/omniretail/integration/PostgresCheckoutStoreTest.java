package io.github.omniretail.integration;

import io.github.omniretail.checkout.spi.CheckoutStore;
import io.github.omniretail.testkit.checkout.CheckoutStoreContract;

/** The testkit's {@link CheckoutStoreContract} against the PostgreSQL order store. */
class PostgresCheckoutStoreTest extends CheckoutStoreContract {

    @Override
    protected CheckoutStore newStore() {
        return PostgresStores.orders();
    }
}

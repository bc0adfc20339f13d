package io.github.omniretail.integration;

import io.github.omniretail.checkout.spi.CheckoutStore;
import io.github.omniretail.postgres.PostgresCheckoutStore;
import io.github.omniretail.testkit.checkout.CheckoutStoreContract;

/** The testkit's {@link CheckoutStoreContract} against the PostgreSQL order store. */
class PostgresCheckoutStoreTest extends CheckoutStoreContract {

    @Override
    protected CheckoutStore newStore() {
        PostgresCheckoutStore store = PostgresCheckoutStore.builder(Databases.dataSource())
                .schema(Databases.freshSchema("chk")).build();
        store.migrate();
        return store;
    }
}

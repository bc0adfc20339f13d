package io.github.omniretail.mysql;

import io.github.omniretail.checkout.spi.CheckoutStore;
import io.github.omniretail.testkit.checkout.CheckoutStoreContract;

/** The testkit's {@link CheckoutStoreContract} against the MySQL order store on MariaDB. */
class MySqlCheckoutStoreTest extends CheckoutStoreContract {

    @Override
    protected CheckoutStore newStore() {
        return MariaDb.orders();
    }
}

package io.github.omniretail.mysql;

import io.github.omniretail.loyalty.spi.IdentityStore;
import io.github.omniretail.testkit.loyalty.IdentityStoreContract;

/** The testkit's {@link IdentityStoreContract} against the MySQL identity store on MariaDB. */
class MySqlIdentityStoreTest extends IdentityStoreContract {

    @Override
    protected IdentityStore newStore() {
        return MariaDb.ledger().identities();
    }
}

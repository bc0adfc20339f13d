package io.github.omniretail.integration;

import io.github.omniretail.loyalty.spi.IdentityStore;
import io.github.omniretail.testkit.loyalty.IdentityStoreContract;

/** The testkit's {@link IdentityStoreContract} against the PostgreSQL identity store. */
class PostgresIdentityStoreTest extends IdentityStoreContract {

    @Override
    protected IdentityStore newStore() {
        return PostgresStores.ledger().identities();
    }
}

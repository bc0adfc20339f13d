package io.github.omniretail.integration;

import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.testkit.loyalty.ExpiryContract;

/** The testkit's {@link ExpiryContract} against the PostgreSQL ledger store. */
class PostgresExpiryTest extends ExpiryContract {

    @Override
    protected LedgerStore newStore() {
        return PostgresStores.ledger();
    }
}

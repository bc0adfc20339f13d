package io.github.omniretail.integration;

import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.testkit.loyalty.TierContract;

/** The testkit's {@link TierContract} against the PostgreSQL ledger store. */
class PostgresTierTest extends TierContract {

    @Override
    protected LedgerStore newStore() {
        return PostgresStores.ledger();
    }
}

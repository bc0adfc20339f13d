package io.github.omniretail.integration;

import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.testkit.loyalty.MergeContract;

/** The testkit's {@link MergeContract} against the PostgreSQL ledger store. */
class PostgresMergeTest extends MergeContract {

    @Override
    protected LedgerStore newStore() {
        return PostgresStores.ledger();
    }
}

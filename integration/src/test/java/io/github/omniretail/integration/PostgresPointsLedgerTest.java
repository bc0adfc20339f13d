package io.github.omniretail.integration;

import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.testkit.loyalty.PointsLedgerContract;

/** The testkit's {@link PointsLedgerContract} against the PostgreSQL ledger store. */
class PostgresPointsLedgerTest extends PointsLedgerContract {

    @Override
    protected LedgerStore newStore() {
        return PostgresStores.ledger();
    }
}

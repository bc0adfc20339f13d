package io.github.omniretail.mysql;

import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.testkit.loyalty.PointsLedgerContract;

/** The testkit's {@link PointsLedgerContract} against the MySQL ledger store on MariaDB. */
class MySqlPointsLedgerTest extends PointsLedgerContract {

    @Override
    protected LedgerStore newStore() {
        return MariaDb.ledger();
    }
}

package io.github.omniretail.mysql;

import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.testkit.loyalty.PointsLedgerConcurrencyContract;

/** The testkit's {@link PointsLedgerConcurrencyContract} against the MySQL ledger store on MariaDB. */
class MySqlPointsLedgerConcurrencyTest extends PointsLedgerConcurrencyContract {

    @Override
    protected LedgerStore newStore() {
        return MariaDb.ledger();
    }

    @Override
    protected double workloadScale() {
        return 0.01; // 200 operations per thread on four members: each operation replays its member's history
    }
}

package io.github.omniretail.mysql;

import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.testkit.loyalty.MergeContract;

/** The testkit's {@link MergeContract} against the MySQL ledger store on MariaDB. */
class MySqlMergeTest extends MergeContract {

    @Override
    protected LedgerStore newStore() {
        return MariaDb.ledger();
    }
}

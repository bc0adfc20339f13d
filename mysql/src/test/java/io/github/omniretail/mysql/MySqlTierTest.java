package io.github.omniretail.mysql;

import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.testkit.loyalty.TierContract;

/** The testkit's {@link TierContract} against the MySQL ledger store on MariaDB. */
class MySqlTierTest extends TierContract {

    @Override
    protected LedgerStore newStore() {
        return MariaDb.ledger();
    }
}

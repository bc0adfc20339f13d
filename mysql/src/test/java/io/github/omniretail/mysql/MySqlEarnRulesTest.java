package io.github.omniretail.mysql;

import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.testkit.loyalty.EarnRulesContract;

/** The testkit's {@link EarnRulesContract} against the MySQL ledger store on MariaDB. */
class MySqlEarnRulesTest extends EarnRulesContract {

    @Override
    protected LedgerStore newStore() {
        return MariaDb.ledger();
    }
}

package io.github.omniretail.mysql;

import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.testkit.loyalty.ExpiryContract;

/** The testkit's {@link ExpiryContract} against the MySQL ledger store on MariaDB. */
class MySqlExpiryTest extends ExpiryContract {

    @Override
    protected LedgerStore newStore() {
        return MariaDb.ledger();
    }
}

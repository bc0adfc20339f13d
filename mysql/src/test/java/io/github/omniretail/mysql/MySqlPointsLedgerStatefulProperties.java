package io.github.omniretail.mysql;

import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.testkit.loyalty.PointsLedgerStatefulContract;
import net.jqwik.api.PropertyDefaults;

/** The testkit's {@link PointsLedgerStatefulContract} against the MySQL ledger store on MariaDB. */
@PropertyDefaults(tries = 60)
class MySqlPointsLedgerStatefulProperties extends PointsLedgerStatefulContract {

    @Override
    protected LedgerStore newStore() {
        return MariaDb.ledger();
    }
}

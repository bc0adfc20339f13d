package io.github.omniretail.integration;

import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.testkit.loyalty.PointsLedgerStatefulContract;
import net.jqwik.api.PropertyDefaults;

/** The testkit's {@link PointsLedgerStatefulContract} against the PostgreSQL ledger store. */
@PropertyDefaults(tries = 60)
class PostgresPointsLedgerStatefulProperties extends PointsLedgerStatefulContract {

    @Override
    protected LedgerStore newStore() {
        return PostgresStores.ledger();
    }
}

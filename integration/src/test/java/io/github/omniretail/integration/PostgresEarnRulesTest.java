package io.github.omniretail.integration;

import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.testkit.loyalty.EarnRulesContract;

/** The testkit's {@link EarnRulesContract} against the PostgreSQL ledger store. */
class PostgresEarnRulesTest extends EarnRulesContract {

    @Override
    protected LedgerStore newStore() {
        return PostgresStores.ledger();
    }
}

package io.github.omniretail.testkit.memory;

import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.testkit.loyalty.EarnRulesContract;

/** Runs {@link EarnRulesContract} against the in-memory default, proving the kit itself. */
class MemoryEarnRulesTest extends EarnRulesContract {

    @Override
    protected LedgerStore newStore() {
        return PointsLedger.inMemoryStore();
    }
}

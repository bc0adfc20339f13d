package io.github.omniretail.testkit.memory;

import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.testkit.loyalty.PointsLedgerConcurrencyContract;

/** Runs {@link PointsLedgerConcurrencyContract} against the in-memory default, proving the kit itself. */
class MemoryPointsLedgerConcurrencyTest extends PointsLedgerConcurrencyContract {

    @Override
    protected LedgerStore newStore() {
        return PointsLedger.inMemoryStore();
    }
}

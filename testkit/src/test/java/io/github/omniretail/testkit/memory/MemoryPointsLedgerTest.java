package io.github.omniretail.testkit.memory;

import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.testkit.loyalty.PointsLedgerContract;

/** Runs {@link PointsLedgerContract} against the in-memory default, proving the kit itself. */
class MemoryPointsLedgerTest extends PointsLedgerContract {

    @Override
    protected LedgerStore newStore() {
        return PointsLedger.inMemoryStore();
    }
}

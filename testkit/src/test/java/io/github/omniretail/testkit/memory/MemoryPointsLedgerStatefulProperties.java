package io.github.omniretail.testkit.memory;

import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.testkit.loyalty.PointsLedgerStatefulContract;

/** Runs {@link PointsLedgerStatefulContract} against the in-memory default, proving the kit itself. */
class MemoryPointsLedgerStatefulProperties extends PointsLedgerStatefulContract {

    @Override
    protected LedgerStore newStore() {
        return PointsLedger.inMemoryStore();
    }
}

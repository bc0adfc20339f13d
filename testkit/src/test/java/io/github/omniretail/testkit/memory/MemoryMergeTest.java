package io.github.omniretail.testkit.memory;

import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.testkit.loyalty.MergeContract;

/** Runs {@link MergeContract} against the in-memory default, proving the kit itself. */
class MemoryMergeTest extends MergeContract {

    @Override
    protected LedgerStore newStore() {
        return PointsLedger.inMemoryStore();
    }
}

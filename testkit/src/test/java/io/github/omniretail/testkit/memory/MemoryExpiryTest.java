package io.github.omniretail.testkit.memory;

import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.testkit.loyalty.ExpiryContract;

/** Runs {@link ExpiryContract} against the in-memory default, proving the kit itself. */
class MemoryExpiryTest extends ExpiryContract {

    @Override
    protected LedgerStore newStore() {
        return PointsLedger.inMemoryStore();
    }
}

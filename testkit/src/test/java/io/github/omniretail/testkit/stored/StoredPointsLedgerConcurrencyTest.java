package io.github.omniretail.testkit.stored;

import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.testkit.loyalty.PointsLedgerConcurrencyContract;

/**
 * Runs {@link PointsLedgerConcurrencyContract} against the stored ledger on a map storage that fails every 7th
 * transaction; at 1,000 operations per thread, as the map storage copies its maps on every transaction.
 */
class StoredPointsLedgerConcurrencyTest extends PointsLedgerConcurrencyContract {

    @Override
    protected LedgerStore newStore() {
        return PointsLedger.storedIn(new MapLedgerStorage(7), GroupCommit.DEFAULTS);
    }

    @Override
    protected double workloadScale() {
        return 0.05;
    }
}

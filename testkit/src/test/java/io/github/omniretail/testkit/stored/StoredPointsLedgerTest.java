package io.github.omniretail.testkit.stored;

import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.testkit.loyalty.PointsLedgerContract;

/** Runs {@link PointsLedgerContract} against the stored ledger on a map storage that fails every 7th transaction. */
class StoredPointsLedgerTest extends PointsLedgerContract {

    @Override
    protected LedgerStore newStore() {
        return PointsLedger.storedIn(new MapLedgerStorage(7), GroupCommit.DEFAULTS);
    }
}

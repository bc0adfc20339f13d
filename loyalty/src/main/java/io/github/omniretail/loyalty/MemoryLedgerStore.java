package io.github.omniretail.loyalty;

import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.loyalty.spi.LedgerStoreContext;

/** The default store: everything in this JVM's heap. Each {@link #open} creates an independent ledger. */
final class MemoryLedgerStore implements LedgerStore {

    static final MemoryLedgerStore INSTANCE = new MemoryLedgerStore();

    private MemoryLedgerStore() {
    }

    @Override
    public PointsLedger open(LedgerStoreContext context) {
        return new MemoryPointsLedger(context);
    }

    @Override
    public String toString() {
        return "LedgerStore[in-memory]";
    }
}

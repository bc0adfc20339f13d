package io.github.omniretail.loyalty.spi;

import io.github.omniretail.loyalty.PointsLedger;

/**
 * Where a points ledger keeps members, entries, lots and idempotency records, and so which ledger
 * {@link PointsLedger.Builder#build()} returns. The default, {@link PointsLedger#inMemoryStore()}, keeps everything
 * in this JVM; a durable store (such as a PostgreSQL adapter) shares state between JVMs.
 *
 * <p>Obligations: the ledger it opens fulfils the whole {@link PointsLedger} contract — double entry, the
 * idempotency contract, lots and expiry by the context's clock, per-member linearizability — across every ledger
 * opened on the same storage. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface LedgerStore {

    /**
     * Opens a ledger on this store.
     *
     * @param context non-null clock, event sink, rules and tiers from the builder
     * @return a thread-safe ledger
     */
    PointsLedger open(LedgerStoreContext context);
}

package io.github.omniretail.inventory.spi;

import io.github.omniretail.inventory.InventoryEngine;

/**
 * Where an inventory engine keeps its positions, holds and idempotency records, and so which engine
 * {@link InventoryEngine.Builder#build()} returns. The default, {@link InventoryEngine#inMemoryStore()}, keeps
 * everything in this JVM; a durable store (such as a PostgreSQL adapter) shares state between JVMs.
 *
 * <p>Obligations of an implementation: the engine it opens fulfils the whole {@link InventoryEngine} contract —
 * all-or-nothing calls, the idempotency contract, lazy and swept expiry by the context's clock, channel rules and
 * joint satisfiability of pool-level holds, linearizability — across every engine opened on the same underlying
 * storage. The {@code omniretail-testkit} contract tests check this. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface InventoryStore {

    /**
     * Opens an engine on this store.
     *
     * @param context non-null clock, event sink and settings from the builder
     * @return a thread-safe engine
     */
    InventoryEngine open(InventoryStoreContext context);
}

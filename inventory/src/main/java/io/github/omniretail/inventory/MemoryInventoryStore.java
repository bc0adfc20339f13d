package io.github.omniretail.inventory;

import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.inventory.spi.InventoryStoreContext;

/** The default store: state in this JVM's heap. Each {@link #open} creates an independent engine. */
final class MemoryInventoryStore implements InventoryStore {

    static final MemoryInventoryStore INSTANCE = new MemoryInventoryStore();

    private MemoryInventoryStore() {
    }

    @Override
    public InventoryEngine open(InventoryStoreContext context) {
        MemoryInventoryEngine engine = new MemoryInventoryEngine(context.clock(), context.events(),
                context.autoRegister(), context.idempotencyRetention(), context.finalHoldRetention(), context.silent());
        engine.shelfLife(context.minShelfLife());
        context.restore().ifPresent(engine::restore);
        return engine;
    }

    @Override
    public String toString() {
        return "InventoryStore[in-memory]";
    }
}

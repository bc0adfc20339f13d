package io.github.omniretail.testkit.inventory;

import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.spi.InventoryStore;

/**
 * What every inventory contract needs from an implementer: stores on fresh storage. Extend one of the contracts
 * ({@link InventoryEngineContract}, {@link InventoryStatefulContract}, {@link InventoryConcurrencyContract},
 * {@link PoolSatisfiabilityContract}), not this class.
 */
public abstract class InventoryStoreFixture {

    /** For subclasses. */
    protected InventoryStoreFixture() {
    }

    /**
     * A store on fresh, empty storage. Called once for every engine a contract builds; engines from two calls must
     * not share state.
     *
     * @return a new store, never null
     */
    protected abstract InventoryStore newStore();

    /**
     * A builder on a fresh store; contracts set the clock and other options.
     *
     * @return {@code InventoryEngine.builder().store(newStore())}
     */
    protected InventoryEngine.Builder builder() {
        return InventoryEngine.builder().store(newStore());
    }
}

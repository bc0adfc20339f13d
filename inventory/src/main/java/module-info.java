/**
 * OmniRetail inventory: one pool of stock across stores, warehouses and dark stores. See
 * {@link io.github.omniretail.inventory.InventoryEngine}.
 */
module io.github.omniretail.inventory {
    requires transitive io.github.omniretail.core;
    requires org.slf4j;

    exports io.github.omniretail.inventory;
    exports io.github.omniretail.inventory.spi;
}

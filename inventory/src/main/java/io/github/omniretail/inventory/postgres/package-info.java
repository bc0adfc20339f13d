/**
 * Inventory on PostgreSQL: {@link io.github.omniretail.inventory.postgres.PostgresInventoryStore}, an
 * {@link io.github.omniretail.inventory.spi.InventoryStore} for services with several instances.
 */
package io.github.omniretail.inventory.postgres;

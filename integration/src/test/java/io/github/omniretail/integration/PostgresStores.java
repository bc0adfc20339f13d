package io.github.omniretail.integration;

import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.postgres.PostgresCheckoutStore;
import io.github.omniretail.postgres.PostgresInventoryStore;
import io.github.omniretail.postgres.PostgresLedgerStore;
import io.github.omniretail.postgres.PostgresPromotionLedger;

/**
 * Stores on fresh, migrated schemas of the shared embedded database, for the contract runs and the checkout suite
 * (public for the suite's classes in the checkout's package).
 */
public final class PostgresStores {

    private PostgresStores() {
    }

    /** @return an inventory store on a fresh schema */
    public static InventoryStore inventory() {
        PostgresInventoryStore store = PostgresInventoryStore.builder(Databases.dataSource())
                .schema(Databases.freshSchema("inv")).build();
        store.migrate();
        return store;
    }

    /** @return a ledger store on a fresh schema */
    public static PostgresLedgerStore ledger() {
        PostgresLedgerStore store = PostgresLedgerStore.builder(Databases.dataSource())
                .schema(Databases.freshSchema("ldg")).build();
        store.migrate();
        return store;
    }

    /** @return a promotion ledger on a fresh schema */
    public static PostgresPromotionLedger promotions() {
        PostgresPromotionLedger ledger = PostgresPromotionLedger.builder(Databases.dataSource())
                .schema(Databases.freshSchema("prm")).build();
        ledger.migrate();
        return ledger;
    }

    /** @return a checkout order store on a fresh schema */
    public static PostgresCheckoutStore orders() {
        PostgresCheckoutStore store = PostgresCheckoutStore.builder(Databases.dataSource())
                .schema(Databases.freshSchema("chk")).build();
        store.migrate();
        return store;
    }
}

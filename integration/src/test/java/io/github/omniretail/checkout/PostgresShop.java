package io.github.omniretail.checkout;

import io.github.omniretail.checkout.spi.CheckoutStore;
import io.github.omniretail.integration.Databases;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.postgres.PostgresCheckoutStore;
import io.github.omniretail.postgres.PostgresInventoryStore;
import io.github.omniretail.postgres.PostgresLedgerStore;
import io.github.omniretail.postgres.PostgresPromotionLedger;
import io.github.omniretail.pricing.spi.PromotionLedger;

/**
 * The checkout suite's shop with every store in PostgreSQL: inventory, ledger, promotion ledger and orders, each on
 * a fresh schema of the shared embedded database (synchronous commit as configured there).
 */
final class PostgresShop implements Shop.Stores {

    static final PostgresShop STORES = new PostgresShop();

    private PostgresShop() {
    }

    static Shop create() {
        return new Shop(STORES);
    }

    @Override
    public InventoryStore inventory() {
        PostgresInventoryStore store = PostgresInventoryStore.builder(Databases.dataSource())
                .schema(Databases.freshSchema("chk_inv")).build();
        store.migrate();
        return store;
    }

    @Override
    public LedgerStore ledger() {
        PostgresLedgerStore store = PostgresLedgerStore.builder(Databases.dataSource())
                .schema(Databases.freshSchema("chk_ldg")).build();
        store.migrate();
        return store;
    }

    @Override
    public PromotionLedger promotions() {
        PostgresPromotionLedger ledger = PostgresPromotionLedger.builder(Databases.dataSource())
                .schema(Databases.freshSchema("chk_prm")).build();
        ledger.migrate();
        return ledger;
    }

    @Override
    public CheckoutStore orders() {
        PostgresCheckoutStore store = PostgresCheckoutStore.builder(Databases.dataSource())
                .schema(Databases.freshSchema("chk_ord")).build();
        store.migrate();
        return store;
    }
}

package io.github.omniretail.checkout;

import io.github.omniretail.checkout.spi.CheckoutStore;
import io.github.omniretail.integration.PostgresStores;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.pricing.spi.PromotionLedger;

/**
 * The checkout suite's shop with every store in PostgreSQL: inventory, ledger, promotion ledger and orders, each on
 * a fresh schema of the shared embedded database.
 */
final class PostgresShop implements Shop.Stores {

    private static final PostgresShop STORES = new PostgresShop();

    private PostgresShop() {
    }

    static Shop create() {
        return new Shop(STORES);
    }

    @Override
    public InventoryStore inventory() {
        return PostgresStores.inventory();
    }

    @Override
    public LedgerStore ledger() {
        return PostgresStores.ledger();
    }

    @Override
    public PromotionLedger promotions() {
        return PostgresStores.promotions();
    }

    @Override
    public CheckoutStore orders() {
        return PostgresStores.orders();
    }
}

/**
 * OmniRetail on PostgreSQL: the inventory and loyalty storage shared by every instance of a service, its SQL
 * migrations and the JDBC support. See {@link io.github.omniretail.postgres.PostgresInventoryStore},
 * {@link io.github.omniretail.postgres.PostgresLedgerStore} and the pricing engine's promotion ledger
 * {@link io.github.omniretail.postgres.PostgresPromotionLedger} and the checkout's order store
 * {@link io.github.omniretail.postgres.PostgresCheckoutStore}.
 */
module io.github.omniretail.postgres {
    requires transitive io.github.omniretail.core;
    requires transitive io.github.omniretail.inventory;
    requires transitive io.github.omniretail.loyalty;
    requires transitive io.github.omniretail.pricing;
    requires transitive io.github.omniretail.checkout;
    requires transitive java.sql;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.github.omniretail.postgres;
}

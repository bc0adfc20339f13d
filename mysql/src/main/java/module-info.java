/**
 * OmniRetail on MySQL 8 and MariaDB: the inventory and loyalty storage shared by every instance of a service, its
 * SQL migrations and outbox relays. See {@link io.github.omniretail.mysql.MySqlInventoryStore} and
 * {@link io.github.omniretail.mysql.MySqlLedgerStore}, and the checkout's orders in
 * {@link io.github.omniretail.mysql.MySqlCheckoutStore}.
 */
module io.github.omniretail.mysql {
    requires transitive io.github.omniretail.core;
    requires transitive io.github.omniretail.inventory;
    requires transitive io.github.omniretail.loyalty;
    requires transitive io.github.omniretail.checkout;
    requires transitive java.sql;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.github.omniretail.mysql;
}

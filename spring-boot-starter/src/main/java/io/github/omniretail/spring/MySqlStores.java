package io.github.omniretail.spring;

import io.github.omniretail.mysql.MySqlCheckoutStore;
import io.github.omniretail.mysql.MySqlInventoryStore;
import io.github.omniretail.mysql.MySqlLedgerStore;
import java.util.Map;
import javax.sql.DataSource;

/** Builds {@link OmniRetailStores} on MySQL or MariaDB; loaded only when {@code omniretail.store=mysql}. */
final class MySqlStores {

    private MySqlStores() {
    }

    static OmniRetailStores create(DataSource dataSource, OmniRetailProperties properties) {
        String schema = properties.getSchema();
        MySqlInventoryStore inventory = MySqlInventoryStore.builder(dataSource).database(schema).build();
        MySqlLedgerStore ledger = MySqlLedgerStore.builder(dataSource).database(schema).build();
        MySqlCheckoutStore orders = MySqlCheckoutStore.builder(dataSource).database(schema).build();
        if (properties.isMigrate()) {
            inventory.migrate();
            ledger.migrate();
            orders.migrate();
        }
        var stock = inventory.outbox();
        var points = ledger.outbox();
        return OmniRetailStores.of(StoreKind.MYSQL, inventory, ledger, orders,
                Map.of("inventory", inventory::schemaCurrent, "loyalty", ledger::schemaCurrent,
                        "checkout", orders::schemaCurrent),
                Map.of("inventory", OmniRetailStores.outbox((c, max, publish) -> stock.deliver(c, max,
                                e -> publish.accept(e.event())), stock::backlog),
                        "loyalty", OmniRetailStores.outbox((c, max, publish) -> points.deliver(c, max,
                                e -> publish.accept(e.event())), points::backlog)))
                .withConsentLog(ledger.consentLog());
    }
}

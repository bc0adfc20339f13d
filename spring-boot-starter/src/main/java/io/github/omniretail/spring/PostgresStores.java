package io.github.omniretail.spring;

import io.github.omniretail.postgres.PostgresCheckoutStore;
import io.github.omniretail.postgres.PostgresInventoryStore;
import io.github.omniretail.postgres.PostgresLedgerStore;
import java.util.Map;
import javax.sql.DataSource;

/** Builds {@link OmniRetailStores} on PostgreSQL; loaded only when {@code omniretail.store=postgres}. */
final class PostgresStores {

    private PostgresStores() {
    }

    static OmniRetailStores create(DataSource dataSource, OmniRetailProperties properties) {
        String schema = properties.getSchema().isBlank() ? "public" : properties.getSchema();
        PostgresInventoryStore inventory = PostgresInventoryStore.builder(dataSource).schema(schema).build();
        PostgresLedgerStore ledger = PostgresLedgerStore.builder(dataSource).schema(schema).build();
        PostgresCheckoutStore orders = PostgresCheckoutStore.builder(dataSource).schema(schema).build();
        if (properties.isMigrate()) {
            inventory.migrate();
            ledger.migrate();
            orders.migrate();
        }
        var stock = inventory.outbox();
        var points = ledger.outbox();
        return OmniRetailStores.of(StoreKind.POSTGRES, inventory, ledger, orders,
                Map.of("inventory", inventory::schemaCurrent, "loyalty", ledger::schemaCurrent,
                        "checkout", orders::schemaCurrent),
                Map.of("inventory", OmniRetailStores.outbox((c, max, publish) -> stock.deliver(c, max,
                                e -> publish.accept(e.event())), stock::backlog),
                        "loyalty", OmniRetailStores.outbox((c, max, publish) -> points.deliver(c, max,
                                e -> publish.accept(e.event())), points::backlog)))
                .withConsentLog(ledger.consentLog());
    }
}

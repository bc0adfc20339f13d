package io.github.omniretail.postgres;

import io.github.omniretail.postgres.inventory.PostgresInventoryEngine;
import io.github.omniretail.postgres.jdbc.Transactions;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.inventory.spi.InventoryStoreContext;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Inventory on PostgreSQL, shared by every instance of a service: the same guarantees as the in-memory engine
 * (all-or-nothing multi-line holds, idempotency keys, expiry, channel rules, joint satisfiability of pool holds,
 * linearizable per SKU) across JVMs. Plain JDBC over the caller's {@link DataSource} (bring your own pool and the
 * {@code org.postgresql:postgresql} driver); PostgreSQL 12 or later.
 *
 * <pre>{@code
 * PostgresInventoryStore store = PostgresInventoryStore.builder(dataSource).schema("shop").build();
 * store.migrate();
 * InventoryEngine engine = InventoryEngine.builder().store(store).clock(clock).build();
 * }</pre>
 *
 * <p>Transient failures are retried with the same idempotency key (see {@link Transactions}); when retries run
 * out the call throws {@link io.github.omniretail.postgres.StoreException}, and the same call may be repeated
 * later with the same key to learn its outcome exactly once. Immutable and thread-safe.
 */
public final class PostgresInventoryStore extends PostgresStore implements InventoryStore {

    private PostgresInventoryStore(Builder b) {
        super(b.runner(), Migrations.load("inventory", b.schemaName(), PostgresInventoryStore.class, "/omniretail-db/inventory"));
    }

    /**
     * A builder.
     *
     * @param dataSource non-null source of connections to the database
     * @return a builder with schema {@code public}, 8 attempts per operation and no statement timeout
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Opens an engine; the schema must be current ({@link #migrate()}).
     *
     * @param context non-null clock, sink and settings from the builder
     * @return a thread-safe engine on this database
     * @throws IllegalStateException if the schema is missing or at another version
     */
    @Override
    public InventoryEngine open(InventoryStoreContext context) {
        Objects.requireNonNull(context, "context");
        return new PostgresInventoryEngine(openChecked(), schema(), context);
    }

    /** Configures a {@link PostgresInventoryStore}: schema, attempts, statement timeout. Not thread-safe. */
    public static final class Builder extends StoreBuilder<Builder> {
        private Builder(DataSource dataSource) {
            super(dataSource);
        }

        private Transactions runner() {
            return transactions();
        }

        private String schemaName() {
            return schema();
        }

        /**
         * @return the store
         * @throws IllegalArgumentException for a bad schema name, attempt count or timeout
         */
        public PostgresInventoryStore build() {
            return new PostgresInventoryStore(this);
        }
    }
}

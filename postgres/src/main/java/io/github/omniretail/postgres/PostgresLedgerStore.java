package io.github.omniretail.postgres;

import io.github.omniretail.postgres.jdbc.Transactions;
import io.github.omniretail.postgres.loyalty.PostgresPointsLedger;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.spi.IdentityStore;
import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.loyalty.spi.LedgerStoreContext;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The points ledger and member identities on PostgreSQL, shared by every instance of a service: the same
 * guarantees as the in-memory ledger (double entry, idempotent transaction ids, lots and expiry, per-member
 * linearizability) across JVMs. Transaction ids are unique by primary key, so a retried call is applied once
 * whatever instance receives it. Plain JDBC over the caller's {@link DataSource} (bring your own pool and the
 * {@code org.postgresql:postgresql} driver); PostgreSQL 12 or later.
 *
 * <pre>{@code
 * PostgresLedgerStore store = PostgresLedgerStore.builder(dataSource).schema("loyalty").build();
 * store.migrate();
 * PointsLedger ledger = PointsLedger.builder().store(store).clock(clock).rules(rules).build();
 * MemberDirectory directory = new MemberDirectory(normaliser, store.identities());
 * }</pre>
 *
 * <p>A member's state is the ledger's rules replayed over the member's command log, so every instance must run
 * the same rules, tiers and category lookup; changing them changes how history replays (a replay that no longer
 * succeeds is reported, never silently diverges). Transient failures are retried with the same transaction id;
 * when retries run out the call throws {@link io.github.omniretail.postgres.StoreException}. Immutable and
 * thread-safe.
 */
public final class PostgresLedgerStore extends PostgresStore implements LedgerStore {

    private PostgresLedgerStore(Builder b) {
        super(b.runner(), Migrations.load("loyalty", b.schemaName(), PostgresLedgerStore.class, "/omniretail-db/loyalty"));
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
     * Opens a ledger; the schema must be current ({@link #migrate()}).
     *
     * @param context non-null clock, sink, rules and tiers from the builder
     * @return a thread-safe ledger on this database
     * @throws IllegalStateException if the schema is missing or at another version
     */
    @Override
    public PointsLedger open(LedgerStoreContext context) {
        Objects.requireNonNull(context, "context");
        return new PostgresPointsLedger(openChecked(), schema(), context);
    }

    /**
     * Identity links in the same schema, for {@link io.github.omniretail.loyalty.MemberDirectory}.
     *
     * @return a thread-safe identity store on this database
     */
    public IdentityStore identities() {
        return new PostgresIdentityStore(transactions(), schema());
    }

    /** Configures a {@link PostgresLedgerStore}: schema, attempts, statement timeout. Not thread-safe. */
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
        public PostgresLedgerStore build() {
            return new PostgresLedgerStore(this);
        }
    }
}

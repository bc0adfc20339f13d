package io.github.omniretail.postgres;

import io.github.omniretail.postgres.jdbc.Transactions;
import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.postgres.loyalty.PostgresLedgerStorage;
import io.github.omniretail.postgres.loyalty.V1Ledger;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.core.spi.KeyProvider;
import io.github.omniretail.loyalty.spi.ConsentLog;
import io.github.omniretail.loyalty.spi.ConsentReplica;
import io.github.omniretail.loyalty.spi.IdentityStore;
import io.github.omniretail.loyalty.spi.ProfileStore;
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
 * <p>Schema V2 keeps each member's state as rows — a member row (balances, tier window), a row per lot, open holds,
 * redemptions, entries with the balances after each — and the ledger's rules kernel decides each call from the
 * rows of exactly the members it touches, reading only the lots it consumes: no replay, so a call's cost does not
 * grow with the member's history. Concurrent calls on one ledger share a transaction ({@link Builder#groupCommit});
 * every event of a committed change is in the outbox ({@link #outbox()}). Every instance should run the same rules
 * and tiers. A schema still holding V1 data (a command log) is converted when the first ledger is opened, with
 * that ledger's rules (the ones V1 ran with). Transient failures are retried with the same transaction id; when
 * retries run out the call throws {@link io.github.omniretail.postgres.StoreException}. Immutable and thread-safe.
 */
public final class PostgresLedgerStore extends PostgresStore implements LedgerStore {

    private final GroupCommit groupCommit;

    private PostgresLedgerStore(Builder b) {
        super(b.runner(), Migrations.load("loyalty", b.schemaName(), PostgresLedgerStore.class, "/omniretail-db/loyalty"));
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
     * Opens a ledger; the schema must be current ({@link #migrate()}). If it still holds V1 data, the data is
     * converted first (once, by one instance; see the class comment).
     *
     * @param context non-null clock, sink, rules and tiers from the builder
     * @return a thread-safe ledger on this database
     * @throws IllegalStateException if the schema is missing or at another version, or V1 data does not convert
     *     under these rules
     */
    @Override
    public PointsLedger open(LedgerStoreContext context) {
        Objects.requireNonNull(context, "context");
        Transactions tx = openChecked();
        if (tx.read("check for V1 loyalty", c -> V1Ledger.present(c, schema()))) {
            V1Ledger.convert(tx, schema(), context);
        }
        return PointsLedger.storedIn(new PostgresLedgerStorage(tx, schema()), groupCommit).open(context);
    }

    /**
     * The outbox relay of this store's ledger events; the schema must be current.
     *
     * @return a relay (cheap; keep one or make one per use)
     * @throws IllegalStateException if the schema is missing or at another version
     */
    public LedgerOutbox outbox() {
        return new LedgerOutbox(openChecked(), schema());
    }

    /**
     * Identity links in the same schema, for {@link io.github.omniretail.loyalty.MemberDirectory}.
     *
     * @return a thread-safe identity store on this database
     */
    public IdentityStore identities() {
        return new PostgresIdentityStore(transactions(), schema());
    }

    /**
     * Members' personal data in the same schema, for {@link io.github.omniretail.loyalty.MemberProfiles}: every
     * value AES-GCM encrypted at rest under the provider's current key; {@link ProfileStore#reencrypt} moves
     * values under older keys to the current one beside normal traffic (key rotation without downtime).
     *
     * @param keys non-null key provider
     * @return a thread-safe profile store on this database
     */
    public ProfileStore profiles(KeyProvider keys) {
        return ProfileStore.encrypted(new PostgresProfileRows(transactions(), schema()), keys);
    }

    /**
     * Marketing consent decisions in the same schema, append-only, for a {@link ConsentReplica} (every instance
     * answers {@code allows} from memory and sees the others' decisions within a poll) or used directly as the
     * store of record. Kept after a member's erasure: it holds the member id, channels, times and sources only.
     *
     * @return a thread-safe consent log on this database
     */
    public ConsentLog consentLog() {
        return new PostgresConsentLog(transactions(), schema());
    }

    /** Configures a {@link PostgresLedgerStore}: schema, attempts, statement timeout, group commit. Not thread-safe. */
    public static final class Builder extends StoreBuilder<Builder> {
        private GroupCommit groupCommit = GroupCommit.DEFAULTS;

        private Builder(DataSource dataSource) {
            super(dataSource);
        }

        /**
         * How concurrent calls on one ledger share transactions. Default {@link GroupCommit#DEFAULTS} (up to 256
         * calls a transaction, lingering at most 1 ms while a batch is smaller than the last, one batch in flight);
         * {@link GroupCommit#OFF} gives each call its own transaction.
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
        public PostgresLedgerStore build() {
            return new PostgresLedgerStore(this);
        }
    }
}

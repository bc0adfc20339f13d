package io.github.omniretail.mysql;

import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.loyalty.PointsEvent;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.core.spi.KeyProvider;
import io.github.omniretail.loyalty.spi.ConsentLog;
import io.github.omniretail.loyalty.spi.ConsentReplica;
import io.github.omniretail.loyalty.spi.IdentityStore;
import io.github.omniretail.loyalty.spi.ProfileStore;
import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.loyalty.spi.LedgerStoreContext;
import io.github.omniretail.mysql.loyalty.MySqlLedgerStorage;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The points ledger and member identities on MySQL or MariaDB, shared by every instance of a service: the same
 * guarantees as the in-memory and PostgreSQL ledgers (double entry, idempotent transaction ids, lots and expiry,
 * tiers, merges, per-member linearizability) across JVMs, decided by the same rules kernel from the rows of exactly
 * the members a call touches. Plain JDBC over the caller's {@link DataSource}; tested servers as for
 * {@link MySqlInventoryStore}.
 *
 * <pre>{@code
 * MySqlLedgerStore store = MySqlLedgerStore.builder(dataSource).database("loyalty").build();
 * store.migrate();
 * PointsLedger ledger = PointsLedger.builder().store(store).clock(clock).rules(rules).build();
 * MemberDirectory directory = new MemberDirectory(normaliser, store.identities());
 * }</pre>
 *
 * <p>Concurrent calls on one ledger share a transaction ({@link Builder#groupCommit}); every event of a committed
 * change is in the outbox ({@link #outbox()}). Every instance should run the same rules and tiers. Transient
 * failures are retried with the same transaction id; when retries run out the call throws
 * {@link MySqlStoreException}. Immutable and thread-safe.
 */
public final class MySqlLedgerStore extends MySqlStore implements LedgerStore {

    private final GroupCommit groupCommit;

    private MySqlLedgerStore(Builder b) {
        super(b.transactions(), Migrations.load("loyalty", b.databaseName(), "/omniretail-mysql/loyalty"));
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
     * Opens a ledger; the schema must be current ({@link #migrate()}).
     *
     * @param context non-null clock, sink, rules and tiers from the builder
     * @return a thread-safe ledger on this database
     * @throws IllegalStateException if the schema is missing or at another version
     */
    @Override
    public PointsLedger open(LedgerStoreContext context) {
        Objects.requireNonNull(context, "context");
        return PointsLedger.storedIn(new MySqlLedgerStorage(openChecked(), prefix()), groupCommit).open(context);
    }

    /**
     * The outbox relay of this store's ledger events; the schema must be current.
     *
     * @return a relay (cheap; keep one or make one per use)
     * @throws IllegalStateException if the schema is missing or at another version
     */
    public LedgerOutbox outbox() {
        return new LedgerOutbox(new Outbox<PointsEvent>(openChecked(), prefix() + "omniretail_ldg_", "loyalty",
                (type, at, body) -> PointsEvent.fromStored(type, body)));
    }

    /**
     * Identity links in the same database, for {@link io.github.omniretail.loyalty.MemberDirectory}.
     *
     * @return a thread-safe identity store on this database
     */
    public IdentityStore identities() {
        return new MySqlIdentityStore(transactions(), prefix());
    }

    /**
     * Members' personal data in the same database, for {@link io.github.omniretail.loyalty.MemberProfiles}: every
     * value AES-GCM encrypted at rest under the provider's current key; {@link ProfileStore#reencrypt} moves
     * values under older keys to the current one beside normal traffic (key rotation without downtime).
     *
     * @param keys non-null key provider
     * @return a thread-safe profile store on this database
     */
    public ProfileStore profiles(KeyProvider keys) {
        return ProfileStore.encrypted(new MySqlProfileRows(transactions(), prefix()), keys);
    }

    /**
     * Marketing consent decisions in the same database, append-only, for a {@link ConsentReplica} (every instance
     * answers {@code allows} from memory and sees the others' decisions within a poll) or used directly as the
     * store of record. Kept after a member's erasure: it holds the member id, channels, times and sources only.
     *
     * @return a thread-safe consent log on this database
     */
    public ConsentLog consentLog() {
        return new MySqlConsentLog(transactions(), prefix());
    }

    /** Configures a {@link MySqlLedgerStore}. Not thread-safe. */
    public static final class Builder extends MySqlStoreBuilder<Builder> {

        private Builder(DataSource dataSource) {
            super(dataSource);
        }

        /**
         * @return the store
         * @throws IllegalArgumentException for a bad database name, attempt count or timeout
         */
        public MySqlLedgerStore build() {
            return new MySqlLedgerStore(this);
        }
    }
}

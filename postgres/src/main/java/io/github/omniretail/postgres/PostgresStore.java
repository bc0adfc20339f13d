package io.github.omniretail.postgres;

import io.github.omniretail.postgres.jdbc.Transactions;
import java.util.Objects;

/**
 * What every PostgreSQL store has: its transaction runner and its versioned schema, with {@link #migrate()}.
 * Subclassed by the module stores. Immutable and thread-safe.
 */
public abstract sealed class PostgresStore permits PostgresInventoryStore, PostgresLedgerStore,
        PostgresPromotionLedger, PostgresCheckoutStore {

    private final Transactions tx;
    private final Migrations migrations;

    /**
     * @param tx non-null transaction runner on the database
     * @param migrations non-null schema scripts of the store's component
     */
    PostgresStore(Transactions tx, Migrations migrations) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.migrations = Objects.requireNonNull(migrations, "migrations");
    }

    /**
     * Creates or upgrades the tables (idempotent; safe from many instances at once).
     *
     * @return the versions before and after, and those applied
     * @throws IllegalStateException if the database holds a newer schema than this library knows, or an applied
     *     script was changed
     */
    public Migrations.Result migrate() {
        return migrated(migrations.migrate(tx));
    }

    /**
     * Whether the database holds exactly the schema version this code needs (for health checks).
     *
     * @return true if current
     * @throws StoreException when the database cannot be reached
     */
    public boolean schemaCurrent() {
        return migrations.appliedVersion(tx) == migrations.latestVersion();
    }

    /**
     * What a store does once its scripts ran, such as converting data an older schema kept elsewhere.
     *
     * @param result what the scripts did
     * @return the result to report
     */
    Migrations.Result migrated(Migrations.Result result) {
        return result;
    }

    /**
     * The runner for a store about to be opened, after checking the schema is current.
     *
     * @return the transaction runner
     * @throws IllegalStateException if the schema is missing or at another version
     */
    Transactions openChecked() {
        migrations.requireCurrent(tx);
        return tx;
    }

    /** @return the runner, without a schema check */
    Transactions transactions() {
        return tx;
    }

    /** @return the schema holding the tables */
    String schema() {
        return migrations.schema();
    }
}

package io.github.omniretail.mysql;

import io.github.omniretail.mysql.jdbc.Transactions;
import java.util.Objects;

/**
 * What every MySQL store has: its transaction runner and its versioned schema, with {@link #migrate()} and
 * {@link #schemaCurrent()}. Subclassed by the module stores. Immutable and thread-safe.
 */
public abstract sealed class MySqlStore permits MySqlInventoryStore, MySqlLedgerStore, MySqlCheckoutStore {

    private final Transactions tx;
    private final Migrations migrations;

    MySqlStore(Transactions tx, Migrations migrations) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.migrations = Objects.requireNonNull(migrations, "migrations");
    }

    /**
     * Creates or upgrades the tables (idempotent; safe from many instances at once).
     *
     * @return the versions before and after, and those applied
     * @throws IllegalStateException if the database holds a newer schema than this library knows, or an applied
     *     script was changed
     * @throws MySqlStoreException on database errors
     */
    public Migrations.Result migrate() {
        return migrations.migrate(tx);
    }

    /**
     * Whether the database holds exactly the schema version this code needs (for health checks).
     *
     * @return true if current
     * @throws MySqlStoreException when the database cannot be reached
     */
    public boolean schemaCurrent() {
        return migrations.appliedVersion(tx) == migrations.latestVersion();
    }

    Transactions openChecked() {
        migrations.requireCurrent(tx);
        return tx;
    }

    Transactions transactions() {
        return tx;
    }

    /** @return the table qualifier: {@code database.} or empty */
    String prefix() {
        return migrations.prefix();
    }
}

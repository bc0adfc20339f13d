/**
 * OmniRetail on PostgreSQL: {@link io.github.omniretail.postgres.PostgresInventoryStore} and
 * {@link io.github.omniretail.postgres.PostgresLedgerStore}, the storage for services with several instances on one
 * shared database, their versioned schema ({@link io.github.omniretail.postgres.PostgresStore#migrate()}) and the
 * failure they report ({@link io.github.omniretail.postgres.StoreException}). Plain JDBC over the caller's
 * {@link javax.sql.DataSource}; the driver and the pool are the caller's dependencies.
 */
@NullMarked
package io.github.omniretail.postgres;

import org.jspecify.annotations.NullMarked;

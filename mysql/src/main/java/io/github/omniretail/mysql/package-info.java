/**
 * OmniRetail on MySQL and MariaDB: {@link io.github.omniretail.mysql.MySqlInventoryStore} and
 * {@link io.github.omniretail.mysql.MySqlLedgerStore}, the storage for services with several instances on one shared
 * database, their versioned schema ({@link io.github.omniretail.mysql.MySqlStore#migrate()}), outbox relays and the
 * failure they report ({@link io.github.omniretail.mysql.MySqlStoreException}). Plain JDBC over the caller's
 * {@link javax.sql.DataSource}; the driver and the pool are the caller's dependencies.
 */
@NullMarked
package io.github.omniretail.mysql;

import org.jspecify.annotations.NullMarked;

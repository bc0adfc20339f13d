/**
 * What the PostgreSQL adapters share: {@link io.github.omniretail.core.jdbc.Transactions} (transactions with
 * bounded retry of transient failures), {@link io.github.omniretail.core.jdbc.Migrations} (versioned SQL scripts
 * with a history table), {@link io.github.omniretail.core.jdbc.StoreException}, and the base of every store,
 * {@link io.github.omniretail.core.jdbc.PostgresStore} with its {@link io.github.omniretail.core.jdbc.StoreBuilder}. Plain JDBC over the caller's
 * {@link javax.sql.DataSource}; the driver and the pool are the caller's dependencies.
 */
package io.github.omniretail.core.jdbc;

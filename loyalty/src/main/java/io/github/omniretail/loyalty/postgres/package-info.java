/**
 * The points ledger and member identities on PostgreSQL:
 * {@link io.github.omniretail.loyalty.postgres.PostgresLedgerStore}, a
 * {@link io.github.omniretail.loyalty.spi.LedgerStore} for services with several instances.
 */
package io.github.omniretail.loyalty.postgres;

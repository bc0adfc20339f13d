/**
 * What the PostgreSQL stores share and users never call: {@link io.github.omniretail.postgres.jdbc.Transactions}
 * (transactions with bounded retry of transient failures). Not exported.
 */
@NullMarked
package io.github.omniretail.postgres.jdbc;

import org.jspecify.annotations.NullMarked;

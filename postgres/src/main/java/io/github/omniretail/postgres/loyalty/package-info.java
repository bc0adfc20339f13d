/** Ledger rows on PostgreSQL: the storage the ledger rules kernel runs on. Not exported. */
@NullMarked
package io.github.omniretail.postgres.loyalty;

import org.jspecify.annotations.NullMarked;

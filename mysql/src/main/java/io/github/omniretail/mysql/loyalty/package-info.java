/** Ledger rows on MySQL and MariaDB: the storage the ledger rules kernel runs on. Not exported. */
@NullMarked
package io.github.omniretail.mysql.loyalty;

import org.jspecify.annotations.NullMarked;

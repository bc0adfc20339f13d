/** Inventory rows on PostgreSQL: the storage the inventory rules kernel runs on. Not exported. */
@NullMarked
package io.github.omniretail.postgres.inventory;

import org.jspecify.annotations.NullMarked;

/** Inventory rows on MySQL and MariaDB: the storage the inventory rules kernel runs on. Not exported. */
@NullMarked
package io.github.omniretail.mysql.inventory;

import org.jspecify.annotations.NullMarked;

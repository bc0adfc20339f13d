/** JDBC support of the MySQL stores: transactions with retries of transient failures. Not exported. */
@NullMarked
package io.github.omniretail.mysql.jdbc;

import org.jspecify.annotations.NullMarked;

/** JDBC support of the MySQL stores: transactions with retries of transient failures. Not exported. */
package io.github.omniretail.mysql.jdbc;

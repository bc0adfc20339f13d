package io.github.omniretail.spring;

/** Where the auto-configured engines keep their state ({@code omniretail.store}). */
public enum StoreKind {
    /** In this JVM only: one instance, state lost on restart (the default). */
    MEMORY,
    /** PostgreSQL through {@code omniretail-postgres} and the application's {@code DataSource}. */
    POSTGRES,
    /** MySQL or MariaDB through {@code omniretail-mysql} and the application's {@code DataSource}. */
    MYSQL
}

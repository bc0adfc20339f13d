package io.github.omniretail.integration;

import io.github.omniretail.loyalty.spi.ConsentLog;
import io.github.omniretail.postgres.PostgresLedgerStore;
import io.github.omniretail.testkit.loyalty.ConsentLogContract;

/** The testkit's {@link ConsentLogContract} on PostgreSQL: one log, two replicas as two instances. */
class PostgresConsentLogTest extends ConsentLogContract {

    @Override
    protected ConsentLog newLog() {
        PostgresLedgerStore store = PostgresLedgerStore.builder(Databases.dataSource())
                .schema(Databases.freshSchema("con")).build();
        store.migrate();
        return store.consentLog();
    }
}

package io.github.omniretail.mysql;

import io.github.omniretail.loyalty.spi.ConsentLog;
import io.github.omniretail.testkit.loyalty.ConsentLogContract;

/** The testkit's {@link ConsentLogContract} on MariaDB: one log, two replicas as two instances. */
class MySqlConsentLogTest extends ConsentLogContract {

    @Override
    protected ConsentLog newLog() {
        MySqlLedgerStore store = MySqlLedgerStore.builder(MariaDb.dataSource()).database(MariaDb.freshDatabase("con"))
                .build();
        store.migrate();
        return store.consentLog();
    }
}

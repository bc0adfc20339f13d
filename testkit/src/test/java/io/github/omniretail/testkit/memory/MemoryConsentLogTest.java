package io.github.omniretail.testkit.memory;

import io.github.omniretail.loyalty.spi.ConsentLog;
import io.github.omniretail.testkit.loyalty.ConsentLogContract;

/** The {@link ConsentLogContract} on {@link ConsentLog#inMemory()}. */
class MemoryConsentLogTest extends ConsentLogContract {

    @Override
    protected ConsentLog newLog() {
        return ConsentLog.inMemory();
    }
}

package io.github.omniretail.testkit.memory;

import io.github.omniretail.pricing.spi.PriceHistory;
import io.github.omniretail.testkit.pricing.PriceHistoryContract;

/** Runs {@link PriceHistoryContract} against the in-memory default, proving the kit itself. */
class MemoryPriceHistoryTest extends PriceHistoryContract {

    @Override
    protected PriceHistory newHistory() {
        return PriceHistory.inMemory();
    }
}

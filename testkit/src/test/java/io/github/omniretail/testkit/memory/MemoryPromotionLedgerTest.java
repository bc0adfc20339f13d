package io.github.omniretail.testkit.memory;

import io.github.omniretail.pricing.spi.PromotionLedger;
import io.github.omniretail.testkit.pricing.PromotionLedgerContract;

/** Runs {@link PromotionLedgerContract} against the in-memory default, proving the kit itself. */
class MemoryPromotionLedgerTest extends PromotionLedgerContract {

    @Override
    protected PromotionLedger newLedger() {
        return PromotionLedger.inMemory();
    }
}

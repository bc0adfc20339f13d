package io.github.omniretail.integration;

import io.github.omniretail.pricing.spi.PromotionLedger;
import io.github.omniretail.testkit.pricing.PromotionLedgerContract;

/** The testkit's {@link PromotionLedgerContract} against the PostgreSQL promotion ledger. */
class PostgresPromotionLedgerTest extends PromotionLedgerContract {

    @Override
    protected PromotionLedger newLedger() {
        return PostgresStores.promotions();
    }
}

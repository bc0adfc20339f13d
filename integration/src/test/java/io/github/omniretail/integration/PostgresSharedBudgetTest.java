package io.github.omniretail.integration;

import io.github.omniretail.pricing.spi.PromotionLedger;
import io.github.omniretail.testkit.engagement.SharedBudgetContract;

/** The testkit's {@link SharedBudgetContract} on the PostgreSQL promotion ledger: two instances, one budget. */
class PostgresSharedBudgetTest extends SharedBudgetContract {

    @Override
    protected PromotionLedger newLedger() {
        return PostgresStores.promotions();
    }
}

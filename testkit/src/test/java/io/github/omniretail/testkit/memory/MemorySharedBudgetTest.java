package io.github.omniretail.testkit.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.omniretail.core.Money;
import io.github.omniretail.pricing.spi.PromotionLedger;
import io.github.omniretail.testkit.engagement.SharedBudgetContract;
import org.junit.jupiter.api.Test;

/** The {@link SharedBudgetContract} on {@link PromotionLedger#inMemory()}, and what happens without a shared one. */
class MemorySharedBudgetTest extends SharedBudgetContract {

    @Override
    protected PromotionLedger newLedger() {
        return PromotionLedger.inMemory();
    }

    @Test
    void withoutASharedLedgerEachInstanceSpendsItsOwnBudget() throws Exception {
        Result r = race(2_000, Money.parse("2740.00", java.util.Currency.getInstance("CNY")), null, null);
        assertEquals(274, r.granted(), "twice the budget: why instances must share a ledger");
    }
}

package io.github.omniretail.testkit.loyalty;

import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.spi.LedgerStore;

/**
 * What every points-ledger contract needs from an implementer: stores on fresh storage. Extend the contracts
 * ({@link PointsLedgerContract}, {@link PointsLedgerStatefulContract}, {@link PointsLedgerConcurrencyContract},
 * {@link EarnRulesContract}, {@link ExpiryContract}, {@link MergeContract}, {@link TierContract}), not this class.
 */
public abstract class LedgerStoreFixture {

    /** For subclasses. */
    protected LedgerStoreFixture() {
    }

    /**
     * A store on fresh, empty storage. Called once for every ledger a contract builds; ledgers from two calls must
     * not share state.
     *
     * @return a new store, never null
     */
    protected abstract LedgerStore newStore();

    /**
     * A builder on a fresh store; contracts set the clock, rules and other options.
     *
     * @return {@code PointsLedger.builder().store(newStore())}
     */
    protected PointsLedger.Builder builder() {
        return PointsLedger.builder().store(newStore());
    }
}

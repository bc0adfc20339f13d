package io.github.omniretail.loyalty.spi;

import io.github.omniretail.core.event.EventSink;
import io.github.omniretail.core.event.LoyaltyEvent;
import io.github.omniretail.loyalty.LoyaltyRules;
import io.github.omniretail.loyalty.TierPolicy;
import java.time.Clock;
import java.util.Objects;

/**
 * What {@link io.github.omniretail.loyalty.PointsLedger.Builder} hands to a {@link LedgerStore}. Immutable.
 *
 * @param clock non-null clock: the ledger reads time only from it
 * @param events non-null sink for every event
 * @param silent true if no sink was set, so the ledger may skip building events
 * @param rules non-null earn, expiry and refund rules
 * @param tiers non-null tier policy
 * @param categories non-null category lookup for category bonuses
 * @param batches non-null listener told about every batch a stored ledger commits
 */
public record LedgerStoreContext(Clock clock, EventSink<LoyaltyEvent> events, boolean silent, LoyaltyRules rules,
        TierPolicy tiers, CategoryLookup categories, io.github.omniretail.core.spi.BatchListener batches) {

    /**
     * A context without a batch listener.
     *
     * @param clock non-null clock
     * @param events non-null sink
     * @param silent true if no sink was set
     * @param rules non-null rules
     * @param tiers non-null tier policy
     * @param categories non-null category lookup
     */
    public LedgerStoreContext(Clock clock, EventSink<LoyaltyEvent> events, boolean silent, LoyaltyRules rules,
            TierPolicy tiers, CategoryLookup categories) {
        this(clock, events, silent, rules, tiers, categories, io.github.omniretail.core.spi.BatchListener.none());
    }

    /**
     * Checks for nulls.
     *
     * @param clock non-null clock
     * @param events non-null sink
     * @param silent true if no sink was set
     * @param rules non-null rules
     * @param tiers non-null tier policy
     * @param categories non-null category lookup
     * @param batches non-null batch listener
     */
    public LedgerStoreContext {
        Objects.requireNonNull(batches, "batches");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(tiers, "tiers");
        Objects.requireNonNull(categories, "categories");
    }
}

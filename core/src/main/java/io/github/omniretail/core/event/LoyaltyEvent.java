package io.github.omniretail.core.event;

/**
 * The category of events emitted by the loyalty module: members, the points ledger and tiers.
 *
 * <p>Open for that module's event records to implement; other code should not implement it.
 */
public non-sealed interface LoyaltyEvent extends DomainEvent {
}

package io.github.omniretail.loyalty;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.event.LoyaltyEvent;
import java.time.Instant;
import java.util.Locale;

/** The events the points ledger publishes. A closed set. */
public sealed interface PointsEvent extends LoyaltyEvent permits PointsEvent.EntryWritten, PointsEvent.TierChanged {

    /**
     * Decodes an event as a stored ledger writes it to its outbox (type and JSON body).
     *
     * @param type non-null {@link #type()} of the event
     * @param body non-null JSON body as stored
     * @return the event
     * @throws IllegalStateException if the body is not in the form this version writes
     */
    static PointsEvent fromStored(String type, String body) {
        return LedgerCodec.event(java.util.Objects.requireNonNull(type, "type"),
                java.util.Objects.requireNonNull(body, "body"));
    }

    /**
     * An entry was appended to a member's ledger.
     *
     * @param occurredAt when (engine clock; for automatic entries, when they fell due)
     * @param entry the entry
     */
    record EntryWritten(Instant occurredAt, LedgerEntry entry) implements PointsEvent {
        @Override
        public String type() {
            return "loyalty.entry." + entry.type().name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A member's tier changed.
     *
     * @param occurredAt when (engine clock)
     * @param member the member
     * @param from the previous tier id
     * @param to the new tier id
     */
    record TierChanged(Instant occurredAt, MemberId member, String from, String to) implements PointsEvent {
        @Override
        public String type() {
            return "loyalty.tier.changed";
        }
    }
}

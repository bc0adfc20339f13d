package io.github.omniretail.loyalty;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.loyalty.spi.ConsentStore;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Marketing consent per member and channel, with the time and source of each decision (PIPL: consent must be
 * specific, recorded and as easy to withdraw as to give). No decision means no consent. Treatments and location
 * offers ask {@link #allows} before acting. Thread-safe if its store is.
 */
public final class ConsentRegistry {
    private final ConsentStore store;
    private final Clock clock;

    private ConsentRegistry(ConsentStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A registry.
     *
     * @param store non-null store, e.g. {@link ConsentStore#inMemory()}
     * @param clock non-null clock stamping decisions
     * @return the registry
     */
    public static ConsentRegistry of(ConsentStore store, Clock clock) {
        return new ConsentRegistry(store, clock);
    }

    /**
     * Records that a member granted marketing through a channel.
     *
     * @param member non-null member
     * @param channel non-null channel
     * @param source non-blank where it was given
     * @return the decision recorded
     */
    public Consent grant(MemberId member, MarketingChannel channel, String source) {
        return record(member, channel, true, source);
    }

    /**
     * Records that a member withdrew marketing through a channel.
     *
     * @param member non-null member
     * @param channel non-null channel
     * @param source non-blank where it was withdrawn
     * @return the decision recorded
     */
    public Consent withdraw(MemberId member, MarketingChannel channel, String source) {
        return record(member, channel, false, source);
    }

    /**
     * Withdraws every channel a member has granted.
     *
     * @param member non-null member
     * @param source non-blank reason, e.g. {@code "erasure"}
     * @return the withdrawals recorded
     */
    public List<Consent> withdrawAll(MemberId member, String source) {
        Objects.requireNonNull(member, "member");
        new Consent(member, MarketingChannel.SMS, false, clock.instant(), source); // validates the source first
        // from the record, not allows(): a store answering allows from a stale or failing-closed cache would miss some
        java.util.Map<MarketingChannel, Boolean> latest = new java.util.EnumMap<>(MarketingChannel.class);
        for (Consent c : store.history(member)) {
            latest.put(c.channel(), c.granted());
        }
        return latest.entrySet().stream().filter(java.util.Map.Entry::getValue)
                .map(e -> withdraw(member, e.getKey(), source)).toList();
    }

    private Consent record(MemberId member, MarketingChannel channel, boolean granted, String source) {
        Consent c = new Consent(member, channel, granted, clock.instant(), source);
        store.append(c);
        return c;
    }

    /**
     * Whether a member's latest decision for a channel is a grant.
     *
     * @param member non-null member
     * @param channel non-null channel
     * @return true if consented
     */
    public boolean allows(MemberId member, MarketingChannel channel) {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(channel, "channel");
        return store.allows(member, channel);
    }

    /**
     * Every decision of a member, oldest first: the record to show a regulator or the member.
     *
     * @param member non-null member
     * @return the history
     */
    public List<Consent> history(MemberId member) {
        return store.history(Objects.requireNonNull(member, "member"));
    }
}

package io.github.omniretail.loyalty.spi;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.loyalty.Consent;
import io.github.omniretail.loyalty.ConsentRegistry;
import io.github.omniretail.loyalty.MarketingChannel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a {@link ConsentRegistry} keeps consent decisions: an append-only history per member, and the latest
 * decision per member × channel (read on every offer, so it should be fast). Implementations must be thread-safe,
 * and {@link #latest} must reflect every {@link #append} that returned.
 */
public interface ConsentStore {

    /**
     * Records a decision; it becomes the latest for its member and channel.
     *
     * @param consent non-null decision
     */
    void append(Consent consent);

    /**
     * The latest decision.
     *
     * @param member non-null member
     * @param channel non-null channel
     * @return the decision, or empty if none was ever recorded
     */
    Optional<Consent> latest(MemberId member, MarketingChannel channel);

    /**
     * Every decision of a member, oldest first.
     *
     * @param member non-null member
     * @return the history
     */
    List<Consent> history(MemberId member);

    /**
     * Whether the member's latest decision for the channel is a grant: asked on every offer, so stores should
     * answer it from memory.
     *
     * @param member non-null member
     * @param channel non-null channel
     * @return true if granted
     */
    default boolean allows(MemberId member, MarketingChannel channel) {
        return latest(member, channel).map(Consent::granted).orElse(false);
    }

    /**
     * A store in this JVM's heap.
     *
     * @return a new, empty in-memory store
     */
    static ConsentStore inMemory() {
        final class Member {
            final List<Consent> history = new ArrayList<>();
            final Map<MarketingChannel, Consent> latest = new EnumMap<>(MarketingChannel.class);
        }
        ConcurrentHashMap<MemberId, Member> members = new ConcurrentHashMap<>();
        // granted channels as bits, read without a lock on every offer: values 0..31 are the JVM's cached
        // Integers, so a lookup reads no object of its own
        ConcurrentHashMap<MemberId, Integer> granted = new ConcurrentHashMap<>();
        return new ConsentStore() {
            @Override
            public void append(Consent consent) {
                Member m = members.computeIfAbsent(consent.member(), k -> new Member());
                synchronized (m) {
                    m.history.add(consent);
                    m.latest.put(consent.channel(), consent);
                    int bit = 1 << consent.channel().ordinal();
                    int was = granted.getOrDefault(consent.member(), 0); // written only under m's lock
                    granted.put(consent.member(), consent.granted() ? was | bit : was & ~bit);
                }
            }

            @Override
            public Optional<Consent> latest(MemberId member, MarketingChannel channel) {
                Member m = members.get(member);
                if (m == null) {
                    return Optional.empty();
                }
                synchronized (m) {
                    return Optional.ofNullable(m.latest.get(channel));
                }
            }

            @Override
            public boolean allows(MemberId member, MarketingChannel channel) {
                Integer bits = granted.get(member);
                return bits != null && (bits & (1 << channel.ordinal())) != 0;
            }

            @Override
            public List<Consent> history(MemberId member) {
                Member m = members.get(member);
                if (m == null) {
                    return List.of();
                }
                synchronized (m) {
                    return List.copyOf(m.history);
                }
            }
        };
    }
}

package io.github.omniretail.loyalty.spi;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.loyalty.MemberDirectory;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a {@link MemberDirectory} keeps identity → member links. Obligations: each operation is atomic, and an
 * identity maps to at most one member. Implementations must be thread-safe.
 */
public interface IdentityStore {

    /**
     * Links {@code identity} to {@code member} unless it is linked already.
     *
     * @param identity non-null identity
     * @param member non-null member
     * @return the member it was already linked to, or empty if this call linked it
     */
    Optional<MemberId> putIfAbsent(MemberDirectory.Identity identity, MemberId member);

    /**
     * The member linked to an identity.
     *
     * @param identity non-null identity
     * @return the member, or empty
     */
    Optional<MemberId> get(MemberDirectory.Identity identity);

    /**
     * Unlinks an identity if it is linked to {@code member}.
     *
     * @param identity non-null identity
     * @param member non-null member
     * @return true if it was removed
     */
    boolean remove(MemberDirectory.Identity identity, MemberId member);

    /**
     * Re-links an identity from one member to another, if it is linked to {@code from}.
     *
     * @param identity non-null identity
     * @param from non-null current member
     * @param to non-null new member
     * @return true if it was re-linked
     */
    boolean replace(MemberDirectory.Identity identity, MemberId from, MemberId to);

    /**
     * A copy of every link.
     *
     * @return identity → member
     */
    Map<MemberDirectory.Identity, MemberId> all();

    /**
     * A store in this JVM's heap.
     *
     * @return a new, empty in-memory store
     */
    static IdentityStore inMemory() {
        ConcurrentHashMap<MemberDirectory.Identity, MemberId> links = new ConcurrentHashMap<>();
        return new IdentityStore() {
            @Override
            public Optional<MemberId> putIfAbsent(MemberDirectory.Identity identity, MemberId member) {
                return Optional.ofNullable(links.putIfAbsent(identity, member));
            }

            @Override
            public Optional<MemberId> get(MemberDirectory.Identity identity) {
                return Optional.ofNullable(links.get(identity));
            }

            @Override
            public boolean remove(MemberDirectory.Identity identity, MemberId member) {
                return links.remove(identity, member);
            }

            @Override
            public boolean replace(MemberDirectory.Identity identity, MemberId from, MemberId to) {
                return links.replace(identity, from, to);
            }

            @Override
            public Map<MemberDirectory.Identity, MemberId> all() {
                return Map.copyOf(links);
            }
        };
    }
}

package io.github.omniretail.loyalty;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.loyalty.spi.IdentityNormaliser;
import io.github.omniretail.loyalty.spi.IdentityStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One member across every channel identity: links identities (app user id, mini-program open id, phone, e-mail,
 * POS card…) to a {@link MemberId}, each identity unique across members, and finds the member by any of them.
 * Only keys from the {@link IdentityNormaliser} are stored (salted hashes by default), never raw personal data;
 * links live in an {@link IdentityStore} (in memory by default).
 *
 * <p>Thread-safe: links are atomic per identity.
 */
public final class MemberDirectory {

    /**
     * A stored identity: its type and key.
     *
     * @param type non-null type
     * @param key non-null normalised (by default hashed) key
     */
    public record Identity(IdentityType type, String key) {

        /**
         * Checks for nulls.
         *
         * @param type non-null type
         * @param key non-null key
         */
        public Identity {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(key, "key");
        }
    }

    private final IdentityNormaliser normaliser;
    private final IdentityStore store;

    /**
     * A directory in memory.
     *
     * @param normaliser non-null normaliser, e.g. {@link IdentityNormaliser#saltedSha256(byte[])}
     */
    public MemberDirectory(IdentityNormaliser normaliser) {
        this(normaliser, IdentityStore.inMemory());
    }

    /**
     * A directory on a store.
     *
     * @param normaliser non-null normaliser
     * @param store non-null identity store
     */
    public MemberDirectory(IdentityNormaliser normaliser, IdentityStore store) {
        this.normaliser = Objects.requireNonNull(normaliser, "normaliser");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Links an identity to a member. Idempotent for the same member.
     *
     * @param member non-null member
     * @param type non-null identity type
     * @param raw non-null raw identity
     * @return the stored identity
     * @throws IdentityTakenException if another member has it
     * @throws IllegalArgumentException if the raw value is not a valid identity of that type
     */
    public Identity link(MemberId member, IdentityType type, String raw) {
        Objects.requireNonNull(member, "member");
        Identity id = new Identity(type, normaliser.key(type, raw));
        Optional<MemberId> existing = store.putIfAbsent(id, member);
        if (existing.isPresent() && !existing.get().equals(member)) {
            throw new IdentityTakenException(type, existing.get(), member);
        }
        return id;
    }

    /**
     * The member with this identity.
     *
     * @param type non-null identity type
     * @param raw non-null raw identity, written any way the normaliser accepts
     * @return the member, or empty
     */
    public Optional<MemberId> lookup(IdentityType type, String raw) {
        return store.get(new Identity(type, normaliser.key(type, raw)));
    }

    /**
     * Unlinks an identity from a member.
     *
     * @param member non-null member
     * @param type non-null type
     * @param raw non-null raw identity
     * @return true if it was linked to that member
     */
    public boolean unlink(MemberId member, IdentityType type, String raw) {
        return store.remove(new Identity(type, normaliser.key(type, raw)), member);
    }

    /**
     * Every identity of a member.
     *
     * @param member non-null member
     * @return the stored identities
     */
    public List<Identity> identities(MemberId member) {
        List<Identity> out = new ArrayList<>();
        for (Map.Entry<Identity, MemberId> e : store.all().entrySet()) {
            if (e.getValue().equals(member)) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /**
     * Moves every identity of {@code from} to {@code into} (for merging duplicate accounts). Idempotent.
     *
     * @param from non-null member whose identities move
     * @param into non-null member receiving them
     * @return the identities moved
     */
    public List<Identity> moveAll(MemberId from, MemberId into) {
        List<Identity> moved = identities(from);
        for (Identity id : moved) {
            store.replace(id, from, into);
        }
        return moved;
    }

    /**
     * Unlinks every identity of a member (for {@linkplain MemberProfiles#erase erasure}). Idempotent.
     *
     * @param member non-null member
     * @return the identities unlinked
     */
    public List<Identity> unlinkAll(MemberId member) {
        Objects.requireNonNull(member, "member");
        List<Identity> unlinked = new ArrayList<>();
        for (Identity id : identities(member)) {
            if (store.remove(id, member)) {
                unlinked.add(id);
            }
        }
        return unlinked;
    }
}

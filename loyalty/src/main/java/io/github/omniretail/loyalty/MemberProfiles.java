package io.github.omniretail.loyalty;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.privacy.AccessLevel;
import io.github.omniretail.core.privacy.PersonalField;
import io.github.omniretail.core.privacy.PersonalValue;
import io.github.omniretail.core.privacy.Redactor;
import io.github.omniretail.loyalty.spi.ProfileStore;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Members' personal data: kept in a {@link ProfileStore} (encrypted at rest on the database stores), shown to each
 * reader as its {@link AccessLevel} allows, and erased on request. Erasure replaces the personal data with a
 * pseudonym, unlinks the member's identities and withdraws every consent, while the member id — an opaque key, never
 * personal data itself — stays in the ledger and analytics, so balances, the double-entry sums and KPIs are
 * unchanged. Thread-safe: changes to one member are serialised in this instance; erasure is final.
 */
public final class MemberProfiles {

    /**
     * What an erasure did.
     *
     * @param member the member
     * @param pseudonym what stands in for the member's personal data from now on
     * @param fieldsErased the personal fields removed
     * @param identitiesUnlinked identity links removed from the directory
     * @param consentsWithdrawn channels whose consent was withdrawn
     */
    public record Erasure(MemberId member, String pseudonym, List<PersonalField> fieldsErased,
            int identitiesUnlinked, List<MarketingChannel> consentsWithdrawn) {

        /**
         * Copies the lists.
         *
         * @param member non-null
         * @param pseudonym non-null
         * @param fieldsErased non-null
         * @param identitiesUnlinked {@code >= 0}
         * @param consentsWithdrawn non-null
         */
        public Erasure {
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(pseudonym, "pseudonym");
            fieldsErased = List.copyOf(fieldsErased);
            consentsWithdrawn = List.copyOf(consentsWithdrawn);
        }
    }

    private final ProfileStore store;
    private final Redactor redactor;
    private final Optional<MemberDirectory> directory;
    private final Optional<ConsentRegistry> consents;
    private final Object[] locks = new Object[64];

    private MemberProfiles(Builder b) {
        this.store = b.store;
        this.redactor = b.redactor;
        this.directory = Optional.ofNullable(b.directory);
        this.consents = Optional.ofNullable(b.consents);
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * A builder.
     *
     * @param redactor non-null redactor: the policy for {@link #view} and the secret for pseudonyms
     * @return a builder over an in-memory store
     */
    public static Builder builder(Redactor redactor) {
        return new Builder(redactor);
    }

    private Object lock(MemberId member) {
        return locks[(member.hashCode() & 0x7fffffff) % locks.length];
    }

    /**
     * Sets personal fields of a member, keeping the others.
     *
     * @param member non-null member
     * @param values non-null clear values by field
     * @return the stored profile
     * @throws IllegalStateException if the member was erased (nothing changes)
     */
    public MemberProfile update(MemberId member, Map<PersonalField, String> values) {
        Objects.requireNonNull(member, "member");
        Map<PersonalField, String> copy = new EnumMap<>(PersonalField.class);
        copy.putAll(values);
        synchronized (lock(member)) {
            MemberProfile p = store.get(member).orElse(MemberProfile.of(member));
            if (p.erased()) {
                throw new IllegalStateException("member " + member + " was erased; personal data cannot be set");
            }
            for (Map.Entry<PersonalField, String> e : copy.entrySet()) {
                p = p.with(e.getKey(), Objects.requireNonNull(e.getValue(), "value of " + e.getKey()));
            }
            store.put(p);
            return p;
        }
    }

    /**
     * A member's profile, with clear values: for code that must act on them (delivery, sending the member a
     * message). Anything that shows them to a person or writes them out should use {@link #view}.
     *
     * @param member non-null member
     * @return the profile, or empty
     */
    public Optional<MemberProfile> profile(MemberId member) {
        return store.get(Objects.requireNonNull(member, "member"));
    }

    /**
     * A member's personal data as a reader at {@code level} may see it.
     *
     * @param member non-null member
     * @param level non-null reader's level
     * @return each field rendered clear, masked or hashed; empty if none or erased
     */
    public Map<PersonalField, String> view(MemberId member, AccessLevel level) {
        Objects.requireNonNull(level, "level");
        Map<PersonalField, String> out = new EnumMap<>(PersonalField.class);
        profile(member).ifPresent(p -> p.fields().forEach((f, v) -> out.put(f, redactor.render(level, v))));
        return out;
    }

    /**
     * Erases a member's personal data (the PIPL right to deletion). Idempotent: erasing again reports nothing
     * more erased.
     *
     * @param member non-null member
     * @return what was erased
     */
    public Erasure erase(MemberId member) {
        Objects.requireNonNull(member, "member");
        synchronized (lock(member)) {
            String pseudonym = "anon-" + redactor.hash(PersonalValue.of(PersonalField.NAME, "member:" + member.value()))
                    .substring(2);
            MemberProfile p = store.get(member).orElse(MemberProfile.of(member));
            List<PersonalField> fields = List.copyOf(p.fields().keySet());
            if (!p.erased()) {
                store.put(new MemberProfile(member, Map.of(), Optional.of(pseudonym)));
            }
            int unlinked = directory.map(d -> d.unlinkAll(member).size()).orElse(0);
            List<MarketingChannel> withdrawn = consents.map(c -> c.withdrawAll(member, "erasure").stream()
                    .map(Consent::channel).toList()).orElse(List.of());
            return new Erasure(member, p.pseudonym().orElse(pseudonym), fields, unlinked, withdrawn);
        }
    }

    /** Settings. Not thread-safe. */
    public static final class Builder {
        private final Redactor redactor;
        private ProfileStore store = ProfileStore.inMemory();
        private MemberDirectory directory;
        private ConsentRegistry consents;

        private Builder(Redactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
        }

        /**
         * @param store non-null store (default: in memory)
         * @return this
         */
        public Builder store(ProfileStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * @param directory non-null directory whose links erasure removes
         * @return this
         */
        public Builder directory(MemberDirectory directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * @param consents non-null registry whose consents erasure withdraws
         * @return this
         */
        public Builder consents(ConsentRegistry consents) {
            this.consents = Objects.requireNonNull(consents, "consents");
            return this;
        }

        /** @return the engine */
        public MemberProfiles build() {
            return new MemberProfiles(this);
        }
    }
}

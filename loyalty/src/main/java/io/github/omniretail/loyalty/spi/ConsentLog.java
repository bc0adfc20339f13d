package io.github.omniretail.loyalty.spi;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.loyalty.Consent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Durable, append-only consent decisions shared by every instance of a service: each row numbered by the store
 * when appended. It is what a {@link ConsentReplica} follows; the PostgreSQL and MySQL stores provide one
 * ({@code consentLog()}). Numbers grow with appends but may have gaps (a rolled-back insert, an auto-increment
 * step) and may become visible out of order (a transaction committing late): readers must not assume either.
 * Implementations must be thread-safe.
 */
public interface ConsentLog {

    /**
     * One stored decision and its number.
     *
     * @param seq positive number, unique in the log, greater than every number visible before the append began
     * @param consent non-null decision
     */
    record Entry(long seq, Consent consent) {
        /**
         * Validates.
         *
         * @param seq positive
         * @param consent non-null
         */
        public Entry {
            if (seq <= 0) {
                throw new IllegalArgumentException("consent log numbers are positive, got " + seq);
            }
            Objects.requireNonNull(consent, "consent");
        }
    }

    /**
     * Stores a decision durably; when this returns it is visible to every reader.
     *
     * @param consent non-null decision
     * @return its number
     */
    long append(Consent consent);

    /**
     * Every decision of a member, in the order of their numbers.
     *
     * @param member non-null member
     * @return the history, oldest first
     */
    List<Consent> history(MemberId member);

    /**
     * Decisions numbered above {@code seq}, in the order of their numbers.
     *
     * @param seq a number, or 0 for the whole log
     * @param max at most this many, positive
     * @return the entries, ascending by number
     */
    List<Entry> after(long seq, int max);

    /**
     * A log in this JVM's heap, numbering from 1 without gaps: for tests and a single instance.
     *
     * @return a new, empty log
     */
    static ConsentLog inMemory() {
        List<Entry> entries = new ArrayList<>();
        return new ConsentLog() {
            @Override
            public synchronized long append(Consent consent) {
                Objects.requireNonNull(consent, "consent");
                long seq = entries.size() + 1L;
                entries.add(new Entry(seq, consent));
                return seq;
            }

            @Override
            public synchronized List<Consent> history(MemberId member) {
                Objects.requireNonNull(member, "member");
                return entries.stream().map(Entry::consent).filter(c -> c.member().equals(member)).toList();
            }

            @Override
            public synchronized List<Entry> after(long seq, int max) {
                if (max <= 0) {
                    throw new IllegalArgumentException("max must be positive, got " + max);
                }
                int from = (int) Math.min(Math.max(seq, 0), entries.size());
                return List.copyOf(entries.subList(from, Math.min(entries.size(), from + max)));
            }
        };
    }
}

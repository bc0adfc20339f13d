package io.github.omniretail.engagement;

import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A group as it stands.
 *
 * @param id the group id
 * @param offer the offer id
 * @param status its state
 * @param openedAt when its first member opened it
 * @param deadline when it fails unless full
 * @param participants everyone who joined, in order, with their state
 */
public record Group(String id, String offer, Status status, Instant openedAt, Instant deadline,
        List<Participant> participants) {

    /** A group's lifecycle: open → succeeded or failed. */
    public enum Status {
        /** Filling: members may join or leave. */
        OPEN,
        /** Full in time: every active participant's payment was captured and order confirmed. */
        SUCCEEDED,
        /** Not full in time: every active participant's order cancelled, stock and payment released. */
        FAILED
    }

    /** A participant's state. */
    public enum ParticipantStatus {
        /** In the group, stock held, payment authorised (captured once the group succeeded). */
        JOINED,
        /** Left the open group: order cancelled, authorisation released. */
        LEFT,
        /** The group succeeded but the capture failed: order cancelled. */
        DROPPED
    }

    /**
     * One participant.
     *
     * @param key the join's key, also the order's key in the checkout
     * @param member the member
     * @param units units bought
     * @param status their state
     * @param captured whether their payment was captured
     */
    public record Participant(IdempotencyKey key, MemberId member, int units, ParticipantStatus status,
            boolean captured) {

        /**
         * Validates.
         *
         * @param key non-null
         * @param member non-null
         * @param units {@code >= 1}
         * @param status non-null
         * @param captured captured
         */
        public Participant {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(status, "status");
        }
    }

    /**
     * Copies.
     *
     * @param id non-null
     * @param offer non-null
     * @param status non-null
     * @param openedAt non-null
     * @param deadline non-null
     * @param participants non-null
     */
    public Group {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(deadline, "deadline");
        participants = List.copyOf(participants);
    }

    /** @return participants who joined and have not left or been dropped */
    public long active() {
        return participants.stream().filter(p -> p.status() == ParticipantStatus.JOINED).count();
    }
}

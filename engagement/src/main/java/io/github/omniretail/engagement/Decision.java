package io.github.omniretail.engagement;

import io.github.omniretail.core.MemberId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a treatment decided for a member in its audience.
 *
 * @param treatment non-null treatment id
 * @param member non-null member
 * @param outcome non-null outcome
 * @param arm the member's arm, or {@code "holdout"}; empty when refused before assignment (no consent)
 * @param action the action to carry out, present only when {@link Outcome#GRANTED}
 * @param deliverAt when to carry it out: now, or the end of the quiet hours
 */
public record Decision(String treatment, MemberId member, Outcome outcome, Optional<String> arm,
        Optional<Action> action, Instant deliverAt) {

    /** Why a member got an action or not. */
    public enum Outcome {
        /** Granted: carry out the action at {@link #deliverAt}; its cost is charged to the budget. */
        GRANTED,
        /** In the holdout: gets nothing, and is the baseline of the uplift. */
        HOLDOUT,
        /** The member has not consented to the treatment's channel. */
        NO_CONSENT,
        /** The member had the treatment as often as its frequency cap allows. */
        CAPPED,
        /** What remains of the budget does not cover the action. */
        BUDGET_EXHAUSTED
    }

    /**
     * Validates.
     *
     * @param treatment non-null
     * @param member non-null
     * @param outcome non-null
     * @param arm non-null optional
     * @param action non-null optional, present iff granted
     * @param deliverAt non-null
     */
    public Decision {
        Objects.requireNonNull(treatment, "treatment");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(arm, "arm");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(deliverAt, "deliverAt");
        if (action.isPresent() != (outcome == Outcome.GRANTED)) {
            throw new IllegalArgumentException("an action goes with GRANTED only, was " + outcome + " " + action);
        }
    }
}

package io.github.omniretail.routing;

import java.util.List;
import java.util.Objects;

/**
 * Why a plan is what it is: the policy used, a verdict for every candidate node considered, and notes such as
 * re-routes after stock moved.
 *
 * @param policy non-null policy name
 * @param candidates verdicts in order of distance (copied)
 * @param notes notes in words (copied)
 */
public record Explanation(String policy, List<CandidateVerdict> candidates, List<String> notes) {

    /**
     * Copies the lists.
     *
     * @param policy non-null policy name
     * @param candidates verdicts in order of distance
     * @param notes notes in words
     */
    public Explanation {
        Objects.requireNonNull(policy, "policy");
        candidates = List.copyOf(candidates);
        notes = List.copyOf(notes);
    }

    /**
     * This explanation with a note added.
     *
     * @param note non-null note
     * @return the new explanation
     */
    public Explanation withNote(String note) {
        java.util.List<String> more = new java.util.ArrayList<>(notes);
        more.add(Objects.requireNonNull(note, "note"));
        return new Explanation(policy, candidates, more);
    }
}

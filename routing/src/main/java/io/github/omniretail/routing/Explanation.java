package io.github.omniretail.routing;

import java.util.List;
import java.util.Objects;

/**
 * Why a plan is what it is: the policy used, a verdict for every candidate node considered, and notes such as
 * re-routes after stock moved.
 *
 * @param policy non-null policy name
 * @param candidates verdicts, nearest first (copied and sorted by distance; equal distances keep their order)
 * @param notes notes in words (copied)
 */
public record Explanation(String policy, List<CandidateVerdict> candidates, List<String> notes) {

    /**
     * Copies the lists and sorts the verdicts nearest first, in every delivery mode.
     *
     * @param policy non-null policy name
     * @param candidates verdicts in any order
     * @param notes notes in words
     */
    public Explanation {
        Objects.requireNonNull(policy, "policy");
        candidates = nearestFirst(candidates);
        notes = List.copyOf(notes);
    }

    /** A copy sorted by distance (stable); the common already-sorted list is only copied. */
    private static List<CandidateVerdict> nearestFirst(List<CandidateVerdict> verdicts) {
        for (int i = 1; i < verdicts.size(); i++) {
            if (verdicts.get(i).distanceMetres() < verdicts.get(i - 1).distanceMetres()) {
                return verdicts.stream().sorted(java.util.Comparator.comparingDouble(
                        CandidateVerdict::distanceMetres)).toList();
            }
        }
        return List.copyOf(verdicts);
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

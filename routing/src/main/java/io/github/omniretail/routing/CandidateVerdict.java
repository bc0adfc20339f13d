package io.github.omniretail.routing;

import io.github.omniretail.core.NodeId;
import java.util.List;
import java.util.Objects;

/**
 * Why a candidate node was chosen or not.
 *
 * @param node non-null node
 * @param distanceMetres great-circle distance to the delivery point (to the pickup node for transfers)
 * @param verdict non-null outcome
 * @param reasons non-empty reasons in words, e.g. {@code "no stock for MILK-1L (atp 0 < 2)"}
 */
public record CandidateVerdict(NodeId node, double distanceMetres, Verdict verdict, List<String> reasons) {

    /** The outcome for one candidate. */
    public enum Verdict {
        /** The node ships part or all of the order. */
        CHOSEN,
        /** The node could not be used: capability, radius, capacity or stock. */
        REJECTED,
        /** The node could have been used, but the plan is better without it. */
        NOT_CHOSEN
    }

    /**
     * Copies the reasons.
     *
     * @param node non-null node
     * @param distanceMetres great-circle distance to the delivery point
     * @param verdict non-null outcome
     * @param reasons non-empty reasons in words
     */
    public CandidateVerdict {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(verdict, "verdict");
        reasons = List.copyOf(reasons);
    }
}

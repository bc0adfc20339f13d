package io.github.omniretail.routing.spi;

import io.github.omniretail.core.FulfillmentNode;
import java.util.Objects;
import java.util.function.IntUnaryOperator;

/**
 * A node that may fulfil (part of) an order: its distance from the delivery point, the units of each order line
 * it can promise right now (read lazily from inventory, from the order channel's point of view, and cached), and
 * whether it has order capacity left today. Not thread-safe: one routing call owns it.
 */
public final class Candidate {

    private final int index;
    private final FulfillmentNode node;
    private final double distanceMetres;
    private final IntUnaryOperator atpSource;
    private final int[] atp;
    private final int capacityLeft;

    /**
     * Creates a candidate.
     *
     * @param index its position in {@link RoutingProblem#candidates()}
     * @param node non-null node
     * @param distanceMetres great-circle distance to the delivery point
     * @param lines number of order lines
     * @param atpSource units the node can promise for line {@code i}; called at most once per line
     * @param capacityLeft orders the node can still take today ({@link Integer#MAX_VALUE} if unlimited)
     */
    public Candidate(int index, FulfillmentNode node, double distanceMetres, int lines, IntUnaryOperator atpSource,
            int capacityLeft) {
        this.index = index;
        this.node = Objects.requireNonNull(node, "node");
        this.distanceMetres = distanceMetres;
        this.atpSource = Objects.requireNonNull(atpSource, "atpSource");
        this.atp = new int[lines];
        java.util.Arrays.fill(atp, -1);
        this.capacityLeft = capacityLeft;
    }

    /** @return the candidate's index in the problem */
    public int index() {
        return index;
    }

    /** @return the node */
    public FulfillmentNode node() {
        return node;
    }

    /** @return great-circle distance to the delivery point, metres */
    public double distanceMetres() {
        return distanceMetres;
    }

    /** @return orders the node can still take today; 0 means it must not be used */
    public int capacityLeft() {
        return capacityLeft;
    }

    /**
     * Units of line {@code line} this node can promise now.
     *
     * @param line line index
     * @return units, {@code >= 0}
     */
    public int atp(int line) {
        int v = atp[line];
        if (v < 0) {
            v = Math.max(0, atpSource.applyAsInt(line));
            atp[line] = v;
        }
        return v;
    }

    /**
     * Whether this candidate's stock for line {@code line} has been read (reading is lazy).
     *
     * @param line line index
     * @return true if {@link #atp(int)} was called for it
     */
    public boolean known(int line) {
        return atp[line] >= 0;
    }

    /**
     * Whether the node can take the whole of line {@code line}.
     *
     * @param line line index
     * @param quantity the line's quantity
     * @return true if {@code atp(line) >= quantity}
     */
    public boolean covers(int line, int quantity) {
        return atp(line) >= quantity;
    }
}

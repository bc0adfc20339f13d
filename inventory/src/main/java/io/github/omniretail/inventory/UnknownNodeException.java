package io.github.omniretail.inventory;

import io.github.omniretail.core.NodeId;

/** A call named a node the engine does not know (and the builder did not enable auto-registration). */
public final class UnknownNodeException extends InventoryException {

    private static final long serialVersionUID = 1L;

    /** The unknown node. */
    private final NodeId node;

    /**
     * Creates the exception (public so that store implementations can report it).
     *
     * @param node the unknown node
     */
    public UnknownNodeException(NodeId node) {
        super("unknown node " + node + "; register it first or build the engine with autoRegister(true)");
        this.node = node;
    }

    /** @return the unknown node */
    public NodeId node() {
        return node;
    }
}

package io.github.omniretail.inventory;

import io.github.omniretail.core.Sku;

/** A call named a SKU the engine does not know (and the builder did not enable auto-registration). */
public final class UnknownSkuException extends InventoryException {

    private static final long serialVersionUID = 1L;

    /** The unknown SKU. */
    private final Sku sku;

    /**
     * Creates the exception (public so that store implementations can report it).
     *
     * @param sku the unknown SKU
     */
    public UnknownSkuException(Sku sku) {
        super("unknown SKU " + sku + "; register it first or build the engine with autoRegister(true)");
        this.sku = sku;
    }

    /** @return the unknown SKU */
    public Sku sku() {
        return sku;
    }
}

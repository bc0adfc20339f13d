package io.github.omniretail.core;

import java.util.Objects;

/**
 * A call named a SKU an engine does not know: not registered in inventory, or without a list price in pricing's
 * rules. One type for every engine, so a caller handles an unknown SKU once. Nothing was changed.
 */
public final class UnknownSkuException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The unknown SKU. */
    private final transient Sku sku;

    /**
     * Creates the exception (public so that engines and store implementations can report it).
     *
     * @param sku non-null unknown SKU
     * @param detail non-null where it is unknown and what to do, e.g. "register it first"
     */
    public UnknownSkuException(Sku sku, String detail) {
        super("unknown SKU " + Objects.requireNonNull(sku, "sku") + ": " + Objects.requireNonNull(detail, "detail"));
        this.sku = sku;
    }

    /** @return the unknown SKU */
    public Sku sku() {
        return sku;
    }
}

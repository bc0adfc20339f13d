package io.github.omniretail.pricing;

import io.github.omniretail.core.Sku;

/** A SKU has no list price in the rules, so it cannot be priced. Nothing was quoted. */
public final class UnknownSkuException extends PricingException {

    private static final long serialVersionUID = 1L;

    /** The SKU without a list price. */
    private final Sku sku;

    UnknownSkuException(Sku sku, String rulesVersion) {
        super("no list price for SKU " + sku + " in rules version " + rulesVersion);
        this.sku = sku;
    }

    /** @return the SKU without a list price */
    public Sku sku() {
        return sku;
    }
}

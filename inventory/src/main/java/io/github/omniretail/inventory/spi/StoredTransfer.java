package io.github.omniretail.inventory.spi;

import io.github.omniretail.core.Sku;
import java.util.Objects;

/**
 * A stored transfer.
 *
 * @param id positive id
 * @param sku non-null SKU (whose row lock guards it)
 * @param open whether units are still in transit
 * @param body non-null JSON written by the engine
 */
public record StoredTransfer(long id, Sku sku, boolean open, String body) {

    /** Checks for nulls and a positive id. */
    public StoredTransfer {
        if (id <= 0) {
            throw new IllegalArgumentException("transfer id must be positive, was " + id);
        }
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(body, "body");
    }
}

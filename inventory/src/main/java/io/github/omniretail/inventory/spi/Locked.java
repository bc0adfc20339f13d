package io.github.omniretail.inventory.spi;

import io.github.omniretail.core.Sku;
import java.util.Map;

/**
 * Rows one transaction locked and loaded.
 *
 * @param catalogueVersion the catalogue version read under the catalogue lock
 * @param skus non-null locked SKU rows by SKU (SKUs without a row are absent: unknown)
 * @param holds non-null holds by id: those requested that exist and those due on the locked SKUs
 * @param transfers non-null transfers by id, those requested that exist
 * @param outcomes non-null idempotency records by key, those requested that exist
 */
public record Locked(long catalogueVersion, Map<Sku, StoredSku> skus, Map<Long, StoredHold> holds,
        Map<Long, StoredTransfer> transfers, Map<String, StoredOutcome> outcomes) {

    /** Copies the maps. */
    public Locked {
        skus = Map.copyOf(skus);
        holds = Map.copyOf(holds);
        transfers = Map.copyOf(transfers);
        outcomes = Map.copyOf(outcomes);
    }
}

package io.github.omniretail.inventory.spi;

import io.github.omniretail.core.Sku;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What one transaction needs locked and loaded (see {@link InventoryStorage.Session#lock}).
 *
 * @param skus non-null SKUs to lock
 * @param create non-null SKUs among them whose rows are created, empty, if missing (auto-registration)
 * @param holds non-null ids of holds to load; their SKUs are locked too
 * @param transfers non-null ids of transfers to load
 * @param keys non-null idempotency keys whose records to load
 * @param now the instant holds are due against
 */
public record LockRequest(Set<Sku> skus, Set<Sku> create, Set<Long> holds, Set<Long> transfers, Set<String> keys,
        Instant now) {

    /** Copies the sets and checks for nulls. */
    public LockRequest {
        skus = Set.copyOf(skus);
        create = Set.copyOf(create);
        holds = Set.copyOf(holds);
        transfers = Set.copyOf(transfers);
        keys = Set.copyOf(keys);
        Objects.requireNonNull(now, "now");
    }
}

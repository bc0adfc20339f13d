package io.github.omniretail.inventory.spi;

import java.util.List;

/**
 * Rows one transaction writes.
 *
 * @param skus non-null SKU rows to update (each was locked)
 * @param holds non-null holds to insert or replace
 * @param transfers non-null transfers to insert or replace
 * @param outcomes non-null idempotency records to insert; a key that exists fails the transaction (retried)
 */
public record StoredRows(List<StoredSku> skus, List<StoredHold> holds, List<StoredTransfer> transfers,
        List<StoredOutcome> outcomes) {

    /** Copies the lists. */
    public StoredRows {
        skus = List.copyOf(skus);
        holds = List.copyOf(holds);
        transfers = List.copyOf(transfers);
        outcomes = List.copyOf(outcomes);
    }

    /** Whether there is nothing to write. */
    public boolean isEmpty() {
        return skus.isEmpty() && holds.isEmpty() && transfers.isEmpty() && outcomes.isEmpty();
    }
}

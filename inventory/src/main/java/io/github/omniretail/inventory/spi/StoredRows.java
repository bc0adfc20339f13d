package io.github.omniretail.inventory.spi;

import java.util.List;

/**
 * Rows one transaction writes, and the events of the change (the outbox).
 *
 * @param skus non-null SKU rows to update (each was locked)
 * @param holds non-null holds to insert or replace
 * @param transfers non-null transfers to insert or replace
 * @param outcomes non-null idempotency records to insert; a key that exists fails the transaction (retried)
 * @param events non-null events of the change, in the order they happened, to append to the outbox
 */
public record StoredRows(List<StoredSku> skus, List<StoredHold> holds, List<StoredTransfer> transfers,
        List<StoredOutcome> outcomes, List<StoredEvent> events) {

    /** Copies the lists. */
    public StoredRows {
        skus = List.copyOf(skus);
        holds = List.copyOf(holds);
        transfers = List.copyOf(transfers);
        outcomes = List.copyOf(outcomes);
        events = List.copyOf(events);
    }

    /** Whether there is nothing to write. */
    public boolean isEmpty() {
        return skus.isEmpty() && holds.isEmpty() && transfers.isEmpty() && outcomes.isEmpty() && events.isEmpty();
    }
}

package io.github.omniretail.kafka;

import io.github.omniretail.inventory.spi.StoredCatalogue;
import io.github.omniretail.inventory.spi.StoredEvent;
import io.github.omniretail.inventory.spi.StoredHold;
import io.github.omniretail.inventory.spi.StoredOutcome;
import io.github.omniretail.inventory.spi.StoredSku;
import io.github.omniretail.inventory.spi.StoredTransfer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rows a partition's transactions committed: the new images of the catalogue, SKU rows, holds, transfers and
 * idempotency records, the events, the rows pruned, and the id sequences' next values — what one Kafka transaction
 * writes to the partition's compacted changelog (and the event topic). Immutable.
 *
 * @param catalogue the catalogue's new image, if it changed
 * @param skus SKU rows written
 * @param holds holds written
 * @param transfers transfers written
 * @param outcomes idempotency records written
 * @param events events, in commit order
 * @param removedOutcomes idempotency keys pruned
 * @param removedHolds final holds pruned
 * @param sequences id sequences' next values
 */
record Changes(Optional<StoredCatalogue> catalogue, List<StoredSku> skus, List<StoredHold> holds,
        List<StoredTransfer> transfers, List<StoredOutcome> outcomes, List<StoredEvent> events,
        List<String> removedOutcomes, List<Long> removedHolds, Map<String, Long> sequences) {

    Changes {
        skus = List.copyOf(skus);
        holds = List.copyOf(holds);
        transfers = List.copyOf(transfers);
        outcomes = List.copyOf(outcomes);
        events = List.copyOf(events);
        removedOutcomes = List.copyOf(removedOutcomes);
        removedHolds = List.copyOf(removedHolds);
        sequences = Map.copyOf(sequences);
    }

    static Changes none() {
        return new Changes(Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                Map.of());
    }

    static Changes sequence(String name, long next) {
        return new Changes(Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                Map.of(name, next));
    }

    static Changes removed(List<String> outcomes, List<Long> holds) {
        return new Changes(Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of(), outcomes, holds,
                Map.of());
    }

    boolean isEmpty() {
        return catalogue.isEmpty() && skus.isEmpty() && holds.isEmpty() && transfers.isEmpty() && outcomes.isEmpty()
                && events.isEmpty() && removedOutcomes.isEmpty() && removedHolds.isEmpty() && sequences.isEmpty();
    }

    /** These changes followed by {@code later}; later images of a row win when compacted. */
    Changes plus(Changes later) {
        if (isEmpty()) {
            return later;
        }
        if (later.isEmpty()) {
            return this;
        }
        Map<String, Long> seq = new HashMap<>(sequences);
        seq.putAll(later.sequences);
        return new Changes(later.catalogue.isPresent() ? later.catalogue : catalogue, concat(skus, later.skus),
                concat(holds, later.holds), concat(transfers, later.transfers), concat(outcomes, later.outcomes),
                concat(events, later.events), concat(removedOutcomes, later.removedOutcomes),
                concat(removedHolds, later.removedHolds), seq);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a.size() + b.size());
        out.addAll(a);
        out.addAll(b);
        return out;
    }
}

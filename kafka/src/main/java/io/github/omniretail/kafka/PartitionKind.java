package io.github.omniretail.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.omniretail.core.event.DomainEvent;
import io.github.omniretail.core.event.EventSink;
import java.util.List;

/**
 * A kind of engine partitioned on Kafka (the inventory, the points ledger): its topics' name, its calls' wire form,
 * and how an owner opens a partition's engine over rows restored from the changelog. Stateless; thread-safe.
 *
 * @param <C> the engine's store context ({@code InventoryStoreContext}, {@code LedgerStoreContext})
 */
interface PartitionKind<C> {

    /** @return the kind's name in topic names, groups and transactional ids: {@code inventory}, {@code ledger} */
    String name();

    /** @return the engine's calls' wire form */
    EngineWire wire();

    /**
     * Opens one partition's engine over the rows of its changelog.
     *
     * @param partition the partition
     * @param log the changelog read to its end, oldest first; empty for a partition that never committed
     * @param context the engine's settings, as the instance's engine was built
     * @param raised where the engine hands each call's events, on the owner's thread
     * @return the partition
     */
    Partition open(int partition, List<Changelog.Entry> log, C context, EventSink<DomainEvent> raised);

    /**
     * @param event an event the engine raised
     * @return its JSON, for the reply
     */
    JsonNode event(DomainEvent event);

    /**
     * @param json an event's JSON from a reply
     * @return the event
     */
    DomainEvent event(JsonNode json);

    /** One partition's engine and rows, as its owner runs them. Not thread-safe: the owner's thread only. */
    interface Partition {

        /** @return the engine the owner invokes calls on */
        Object engine();

        /** @return the changelog records of the rows changed since the last call; forgets them */
        List<Changelog.Entry> takeRows();

        /** @return the outbox events committed since the last call, keyed by type; forgets them */
        List<Changelog.Entry> takeEvents();
    }
}

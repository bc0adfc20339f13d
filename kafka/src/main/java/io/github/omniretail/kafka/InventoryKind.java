package io.github.omniretail.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.core.event.DomainEvent;
import io.github.omniretail.core.event.EventSink;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.InventorySnapshot;
import io.github.omniretail.inventory.StockEvent;
import io.github.omniretail.inventory.spi.InventoryStoreContext;
import io.github.omniretail.inventory.spi.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The inventory partitioned: each partition a stored engine over {@link PartitionInventoryStorage}, the same rules
 * kernel as the PostgreSQL and MySQL stores. A snapshot to start from seeds only a partition that never committed.
 * Stateless; thread-safe.
 */
final class InventoryKind implements PartitionKind<InventoryStoreContext> {
    static final InventoryKind INSTANCE = new InventoryKind();
    private static final EngineWire WIRE = EngineWire.of(InventoryEngine.class);

    private InventoryKind() {
    }

    @Override
    public String name() {
        return "inventory";
    }

    @Override
    public EngineWire wire() {
        return WIRE;
    }

    @Override
    public Partition open(int partition, List<Changelog.Entry> log, InventoryStoreContext settings,
            EventSink<DomainEvent> raised) {
        PartitionInventoryStorage storage = new PartitionInventoryStorage(partition);
        storage.restore(List.of(Changelog.read(log)));
        Optional<InventorySnapshot> seed = log.isEmpty() ? settings.restore() : Optional.empty();
        InventoryEngine engine = InventoryEngine.storedIn(storage, GroupCommit.OFF).open(
                new InventoryStoreContext(settings.clock(), raised::publish, false, settings.autoRegister(),
                        settings.idempotencyRetention(), settings.finalHoldRetention(), seed,
                        settings.minShelfLife()));
        return new Partition() {
            private Changes taken = Changes.none();

            @Override
            public Object engine() {
                return engine;
            }

            @Override
            public List<Changelog.Entry> takeRows() {
                taken = storage.takeChanges();
                return Changelog.records(taken);
            }

            @Override
            public List<Changelog.Entry> takeEvents() {
                List<Changelog.Entry> out = taken.events().stream().map(e -> new Changelog.Entry(e.type(),
                        e.body().getBytes(StandardCharsets.UTF_8))).toList();
                taken = Changes.none();
                return out;
            }
        };
    }

    @Override
    public JsonNode event(DomainEvent event) {
        StoredEvent stored = StoredEvent.of((StockEvent) event);
        ObjectNode o = EngineWire.JSON.createObjectNode();
        return o.put("type", stored.type()).put("occurredAt", stored.occurredAt().toString())
                .put("body", stored.body());
    }

    @Override
    public DomainEvent event(JsonNode json) {
        return new StoredEvent(json.get("type").asText(), Instant.parse(json.get("occurredAt").asText()),
                json.get("body").asText()).event();
    }
}

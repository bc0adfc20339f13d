package io.github.omniretail.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.core.event.DomainEvent;
import io.github.omniretail.core.event.EventSink;
import io.github.omniretail.loyalty.LedgerEntry;
import io.github.omniretail.loyalty.PointsEvent;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.spi.LedgerStoreContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The points ledger partitioned by member: each partition a stored ledger over {@link PartitionLedgerStorage}, the
 * same rules kernel as the PostgreSQL and MySQL stores. Stateless; thread-safe.
 */
final class LedgerKind implements PartitionKind<LedgerStoreContext> {
    static final LedgerKind INSTANCE = new LedgerKind();
    private static final EngineWire WIRE = EngineWire.of(PointsLedger.class);

    private LedgerKind() {
    }

    @Override
    public String name() {
        return "ledger";
    }

    @Override
    public EngineWire wire() {
        return WIRE;
    }

    @Override
    public Partition open(int partition, List<Changelog.Entry> log, LedgerStoreContext settings,
            EventSink<DomainEvent> raised) {
        PartitionLedgerStorage storage = new PartitionLedgerStorage();
        storage.restore(log);
        PointsLedger ledger = PointsLedger.storedIn(storage, GroupCommit.OFF).open(new LedgerStoreContext(
                settings.clock(), raised::publish, false, settings.rules(), settings.tiers(), settings.categories()));
        return new Partition() {
            @Override
            public Object engine() {
                return ledger;
            }

            @Override
            public List<Changelog.Entry> takeRows() {
                return storage.takeRows();
            }

            @Override
            public List<Changelog.Entry> takeEvents() {
                return storage.takeEvents();
            }
        };
    }

    @Override
    public JsonNode event(DomainEvent event) {
        ObjectNode o = EngineWire.JSON.createObjectNode();
        o.put("occurredAt", event.occurredAt().toString());
        if (event instanceof PointsEvent.EntryWritten w) {
            o.put("kind", "entry").set("entry", EngineWire.JSON.valueToTree(w.entry()));
        } else if (event instanceof PointsEvent.TierChanged t) {
            o.put("kind", "tier").put("member", t.member().value()).put("from", t.from()).put("to", t.to());
        } else {
            throw new IllegalArgumentException("no wire form for " + event);
        }
        return o;
    }

    @Override
    public DomainEvent event(JsonNode json) {
        Instant at = Instant.parse(json.get("occurredAt").asText());
        if (json.get("kind").asText().equals("tier")) {
            return new PointsEvent.TierChanged(at, io.github.omniretail.core.MemberId.of(json.get("member").asText()),
                    json.get("from").asText(), json.get("to").asText());
        }
        try {
            return new PointsEvent.EntryWritten(at, EngineWire.JSON.treeToValue(json.get("entry"), LedgerEntry.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

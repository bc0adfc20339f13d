package io.github.omniretail.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.inventory.PoolId;
import io.github.omniretail.inventory.spi.StoredCatalogue;
import io.github.omniretail.inventory.spi.StoredHold;
import io.github.omniretail.inventory.spi.StoredOutcome;
import io.github.omniretail.inventory.spi.StoredSku;
import io.github.omniretail.inventory.spi.StoredTransfer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A partition's changelog records: one record per row, keyed by the row ({@code catalogue}, {@code sku:<sku>},
 * {@code hold:<id>}, {@code transfer:<id>}, {@code outcome:<key>}, {@code seq:<name>}), the value the row's latest
 * image as JSON, or null (a tombstone) for a pruned row — so a compacted topic keeps exactly the partition's state.
 * Events are not rows: they go to the event topic. Stateless; thread-safe.
 */
final class Changelog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Changelog() {
    }

    /** One changelog record: a key and a value, null for a tombstone. */
    record Entry(String key, byte @org.jspecify.annotations.Nullable [] value) {
    }

    static List<Entry> records(Changes c) {
        Map<String, byte @org.jspecify.annotations.Nullable []> out = new LinkedHashMap<>();
        c.catalogue().ifPresent(cat -> out.put("catalogue", bytes(catalogue(cat))));
        for (StoredSku s : c.skus()) {
            ObjectNode n = JSON.createObjectNode();
            n.put("sku", s.sku().value());
            ArrayNode p = n.putArray("positions");
            for (int v : s.positions()) {
                p.add(v);
            }
            s.detail().ifPresent(d -> n.put("detail", d));
            out.put("sku:" + s.sku().value(), bytes(n));
        }
        for (StoredHold h : c.holds()) {
            ObjectNode n = JSON.createObjectNode();
            n.put("id", h.id()).put("status", h.status().name()).put("expiresAt", h.expiresAt().toString())
                    .put("open", h.open()).put("body", h.body());
            h.finalisedAt().ifPresent(f -> n.put("finalisedAt", f.toString()));
            ArrayNode skus = n.putArray("skus");
            h.skus().forEach(s -> skus.add(s.value()));
            out.put("hold:" + h.id(), bytes(n));
        }
        for (StoredTransfer t : c.transfers()) {
            ObjectNode n = JSON.createObjectNode();
            n.put("id", t.id()).put("sku", t.sku().value()).put("open", t.open()).put("body", t.body());
            out.put("transfer:" + t.id(), bytes(n));
        }
        for (StoredOutcome o : c.outcomes()) {
            ObjectNode n = JSON.createObjectNode();
            n.put("key", o.key()).put("request", o.request()).put("failed", o.failed()).put("outcome", o.outcome())
                    .put("recordedAt", o.recordedAt().toString());
            out.put("outcome:" + o.key(), bytes(n));
        }
        c.removedOutcomes().forEach(k -> out.put("outcome:" + k, null));
        c.removedHolds().forEach(id -> out.put("hold:" + id, null));
        c.sequences().forEach((name, next) -> out.put("seq:" + name,
                bytes(JSON.createObjectNode().put("next", next))));
        List<Entry> list = new ArrayList<>(out.size());
        out.forEach((k, v) -> list.add(new Entry(k, v)));
        return list;
    }

    /** The state the records describe, read oldest first: the latest image of each key wins. */
    static Changes read(List<Entry> records) {
        Map<String, byte @org.jspecify.annotations.Nullable []> latest = new LinkedHashMap<>();
        records.forEach(e -> latest.put(e.key(), e.value()));
        Optional<StoredCatalogue> catalogue = Optional.empty();
        List<StoredSku> skus = new ArrayList<>();
        List<StoredHold> holds = new ArrayList<>();
        List<StoredTransfer> transfers = new ArrayList<>();
        List<StoredOutcome> outcomes = new ArrayList<>();
        List<String> removedOutcomes = new ArrayList<>();
        List<Long> removedHolds = new ArrayList<>();
        Map<String, Long> sequences = new TreeMap<>();
        for (Map.Entry<String, byte @org.jspecify.annotations.Nullable []> e : latest.entrySet()) {
            String key = e.getKey();
            byte[] value = e.getValue();
            if (value == null) {
                if (key.startsWith("outcome:")) {
                    removedOutcomes.add(key.substring(8));
                } else if (key.startsWith("hold:")) {
                    removedHolds.add(Long.parseLong(key.substring(5)));
                }
                continue;
            }
            JsonNode n = tree(value);
            if (key.equals("catalogue")) {
                catalogue = Optional.of(catalogue(n));
            } else if (key.startsWith("sku:")) {
                int[] positions = new int[n.get("positions").size()];
                for (int i = 0; i < positions.length; i++) {
                    positions[i] = n.get("positions").get(i).intValue();
                }
                skus.add(new StoredSku(Sku.of(n.get("sku").textValue()), positions,
                        n.has("detail") ? Optional.of(n.get("detail").textValue()) : Optional.empty()));
            } else if (key.startsWith("hold:")) {
                List<Sku> s = new ArrayList<>();
                n.get("skus").forEach(x -> s.add(Sku.of(x.textValue())));
                holds.add(new StoredHold(n.get("id").longValue(), HoldStatus.valueOf(n.get("status").textValue()),
                        Instant.parse(n.get("expiresAt").textValue()),
                        n.has("finalisedAt") ? Optional.of(Instant.parse(n.get("finalisedAt").textValue()))
                                : Optional.empty(), s, n.get("open").booleanValue(), n.get("body").textValue()));
            } else if (key.startsWith("transfer:")) {
                transfers.add(new StoredTransfer(n.get("id").longValue(), Sku.of(n.get("sku").textValue()),
                        n.get("open").booleanValue(), n.get("body").textValue()));
            } else if (key.startsWith("outcome:")) {
                outcomes.add(new StoredOutcome(n.get("key").textValue(), n.get("request").textValue(),
                        n.get("failed").booleanValue(), n.get("outcome").textValue(),
                        Instant.parse(n.get("recordedAt").textValue())));
            } else if (key.startsWith("seq:")) {
                sequences.put(key.substring(4), n.get("next").longValue());
            } else {
                throw new IllegalArgumentException("unknown changelog key '" + key + "'");
            }
        }
        return new Changes(catalogue, skus, holds, transfers, outcomes, List.of(), removedOutcomes, removedHolds,
                sequences);
    }

    private static ObjectNode catalogue(StoredCatalogue c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("version", c.version());
        ArrayNode nodes = n.putArray("nodes");
        c.nodes().forEach(id -> nodes.add(id.value()));
        ArrayNode pools = n.putArray("pools");
        for (Map.Entry<PoolId, Set<NodeId>> p : c.pools()) {
            ObjectNode pool = pools.addObject().put("id", p.getKey().value());
            ArrayNode members = pool.putArray("nodes");
            p.getValue().stream().sorted().forEach(id -> members.add(id.value()));
        }
        ObjectNode rules = n.putObject("rules");
        new TreeMap<>(c.rules()).forEach((node, json) -> rules.put(node.value(), json));
        ObjectNode kits = n.putObject("kits");
        new TreeMap<>(c.kits()).forEach((kit, parts) -> {
            ObjectNode k = kits.putObject(kit.value());
            new TreeMap<>(parts).forEach((part, units) -> k.put(part.value(), units));
        });
        return n;
    }

    private static StoredCatalogue catalogue(JsonNode n) {
        List<NodeId> nodes = new ArrayList<>();
        n.get("nodes").forEach(x -> nodes.add(NodeId.of(x.textValue())));
        List<Map.Entry<PoolId, Set<NodeId>>> pools = new ArrayList<>();
        for (JsonNode p : n.get("pools")) {
            Set<NodeId> members = new LinkedHashSet<>();
            p.get("nodes").forEach(x -> members.add(NodeId.of(x.textValue())));
            pools.add(Map.entry(PoolId.of(p.get("id").textValue()), members));
        }
        Map<NodeId, String> rules = new LinkedHashMap<>();
        n.get("rules").fields().forEachRemaining(e -> rules.put(NodeId.of(e.getKey()), e.getValue().textValue()));
        Map<Sku, Map<Sku, Integer>> kits = new LinkedHashMap<>();
        n.get("kits").fields().forEachRemaining(e -> {
            Map<Sku, Integer> parts = new LinkedHashMap<>();
            e.getValue().fields().forEachRemaining(p -> parts.put(Sku.of(p.getKey()), p.getValue().intValue()));
            kits.put(Sku.of(e.getKey()), parts);
        });
        return new StoredCatalogue(n.get("version").longValue(), nodes, pools, rules, kits);
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(byte[] value) {
        try {
            return JSON.readTree(new String(value, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("a changelog record is not JSON", e);
        }
    }
}

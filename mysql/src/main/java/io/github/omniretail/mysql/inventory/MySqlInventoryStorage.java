package io.github.omniretail.mysql.inventory;

import org.jspecify.annotations.Nullable;
import static io.github.omniretail.mysql.jdbc.Unchecked.sql;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.inventory.PoolId;
import io.github.omniretail.inventory.spi.InventoryStorage;
import io.github.omniretail.inventory.spi.LockRequest;
import io.github.omniretail.inventory.spi.Locked;
import io.github.omniretail.inventory.spi.StoredCatalogue;
import io.github.omniretail.inventory.spi.StoredEvent;
import io.github.omniretail.inventory.spi.StoredHold;
import io.github.omniretail.inventory.spi.StoredOutcome;
import io.github.omniretail.inventory.spi.StoredRows;
import io.github.omniretail.inventory.spi.StoredSku;
import io.github.omniretail.inventory.spi.StoredTransfer;
import io.github.omniretail.mysql.jdbc.Rows;
import io.github.omniretail.mysql.jdbc.Transactions;
import io.github.omniretail.mysql.jdbc.Unchecked;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Inventory rows on MySQL / MariaDB (inventory schema V1): one row per SKU holding its positions, holds and
 * transfers with their query columns and the engine's JSON body, idempotency records, the catalogue in one row and
 * the outbox. {@link Session#lock} takes the catalogue row shared, then the SKU rows {@code FOR UPDATE} in key
 * order (with the SKUs of requested and due holds), creating missing rows, and loads them; {@link Session#write}
 * writes each kind of row with one multi-row statement. Decides nothing. Thread-safe; holds no connection between
 * transactions.
 */
public final class MySqlInventoryStorage implements InventoryStorage {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Rows per multi-row statement. */
    private static final int CHUNK = 500;

    private final Transactions tx;
    private final String t;

    /**
     * @param tx non-null transaction runner (retries transient failures and duplicate keys)
     * @param prefix the database qualifier ({@code "shop."}) or empty, already validated
     */
    public MySqlInventoryStorage(Transactions tx, String prefix) {
        this.tx = tx;
        this.t = prefix + "omniretail_inv_";
    }

    @Override
    public <T> T transaction(String operation, Work<T> work) {
        return tx.run(operation, c -> Unchecked.rethrown(() -> work.run(new MySession(c))));
    }

    @Override
    public long reserveIds(String sequence, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive, was " + count);
        }
        return tx.run("reserve " + sequence + " ids", c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE " + t + "ids SET next = next + ? WHERE name = ?")) {
                p.setLong(1, count);
                p.setString(2, sequence);
                if (p.executeUpdate() != 1) {
                    throw new IllegalArgumentException("no id sequence " + sequence);
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT next - ? FROM " + t + "ids WHERE name = ?")) {
                p.setLong(1, count);
                p.setString(2, sequence);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    @Override
    public String toString() {
        return "MySqlInventoryStorage[" + t + "*]";
    }

    /** One transaction on one connection. */
    private final class MySession implements Session {
        private final Connection c;
        private boolean exclusive;

        MySession(Connection c) {
            this.c = c;
        }

        @Override
        public StoredCatalogue lockCatalogue() {
            exclusive = true;
            return sql(() -> catalogue(" FOR UPDATE"));
        }

        @Override
        public StoredCatalogue readCatalogue() {
            return sql(() -> catalogue(exclusive ? "" : " LOCK IN SHARE MODE"));
        }

        private StoredCatalogue catalogue(String lock) throws SQLException {
            try (PreparedStatement p = c.prepareStatement("SELECT version, nodes, pools, rules, kits FROM " + t
                    + "catalogue WHERE id = 1" + lock); ResultSet r = p.executeQuery()) {
                r.next();
                List<NodeId> nodes = new ArrayList<>();
                json(r.getString(2)).forEach(n -> nodes.add(NodeId.of(n.asText())));
                List<Map.Entry<PoolId, Set<NodeId>>> pools = new ArrayList<>();
                for (JsonNode pool : json(r.getString(3))) {
                    Set<NodeId> members = new LinkedHashSet<>();
                    pool.get(1).forEach(n -> members.add(NodeId.of(n.asText())));
                    pools.add(Map.entry(PoolId.of(pool.get(0).asText()), members));
                }
                Map<NodeId, String> rules = new HashMap<>();
                json(r.getString(4)).fields().forEachRemaining(e -> rules.put(NodeId.of(e.getKey()),
                        e.getValue().toString()));
                Map<Sku, Map<Sku, Integer>> kits = new HashMap<>();
                json(r.getString(5)).fields().forEachRemaining(kit -> {
                    Map<Sku, Integer> parts = new HashMap<>();
                    kit.getValue().fields().forEachRemaining(part -> parts.put(Sku.of(part.getKey()),
                            part.getValue().intValue()));
                    kits.put(Sku.of(kit.getKey()), parts);
                });
                return new StoredCatalogue(r.getLong(1), nodes, pools, rules, kits);
            }
        }

        @Override
        public void writeCatalogue(StoredCatalogue catalogue) {
            sql(() -> {
                ArrayNode nodes = JSON.createArrayNode();
                catalogue.nodes().forEach(n -> nodes.add(n.value()));
                ArrayNode pools = JSON.createArrayNode();
                for (Map.Entry<PoolId, Set<NodeId>> e : catalogue.pools()) {
                    ArrayNode pool = pools.addArray().add(e.getKey().value()).addArray();
                    e.getValue().stream().map(NodeId::value).sorted().forEach(pool::add);
                }
                ObjectNode rules = JSON.createObjectNode();
                new TreeMap<>(catalogue.rules()).forEach((node, rule) -> rules.set(node.value(), json(rule)));
                ObjectNode kits = JSON.createObjectNode();
                for (Map.Entry<Sku, Map<Sku, Integer>> e : new TreeMap<>(catalogue.kits()).entrySet()) {
                    ObjectNode parts = kits.putObject(e.getKey().value());
                    new TreeMap<>(e.getValue()).forEach((sku, units) -> parts.put(sku.value(), units));
                }
                try (PreparedStatement p = c.prepareStatement("UPDATE " + t + "catalogue SET version = version + 1, "
                        + "nodes = ?, pools = ?, rules = ?, kits = ? WHERE id = 1")) {
                    p.setString(1, nodes.toString());
                    p.setString(2, pools.toString());
                    p.setString(3, rules.toString());
                    p.setString(4, kits.toString());
                    p.executeUpdate();
                }
                return null;
            });
        }

        @Override
        public Locked lock(LockRequest request) {
            return sql(() -> {
                long version;
                try (PreparedStatement p = c.prepareStatement("SELECT version FROM " + t + "catalogue WHERE id = 1"
                        + (exclusive ? "" : " LOCK IN SHARE MODE")); ResultSet r = p.executeQuery()) {
                    r.next();
                    version = r.getLong(1);
                }
                TreeSet<String> want = new TreeSet<>();
                request.skus().forEach(s -> want.add(s.value()));
                // a hold's SKUs and a transfer's SKU never change: read them before locking, the rows after
                if (!request.holds().isEmpty()) {
                    for (StoredHold h : holds("id", request.holds())) {
                        h.skus().forEach(s -> want.add(s.value()));
                    }
                }
                if (!request.transfers().isEmpty()) {
                    for (StoredTransfer x : transfers(request.transfers())) {
                        want.add(x.sku().value());
                    }
                }
                Set<String> create = new java.util.HashSet<>();
                request.create().forEach(s -> create.add(s.value()));
                Map<Sku, StoredSku> skus = new HashMap<>();
                Set<String> locked = new TreeSet<>();
                Set<Long> due = new TreeSet<>();
                while (true) {
                    List<String> next = new ArrayList<>();
                    for (String s : want) {
                        if (!locked.contains(s)) {
                            next.add(s);
                        }
                    }
                    if (next.isEmpty()) {
                        break;
                    }
                    lockSkus(next, create, skus);
                    locked.addAll(next);
                    // holds due on the newly locked SKUs: their other SKUs are locked too (out of order, rarely:
                    // a deadlock is possible and is retried)
                    for (Map.Entry<Long, List<String>> d : dueOn(next, request.now()).entrySet()) {
                        due.add(d.getKey());
                        want.addAll(d.getValue());
                    }
                }
                Map<Long, StoredHold> holds = new HashMap<>();
                Set<Long> ids = new TreeSet<>(request.holds());
                ids.addAll(due);
                if (!ids.isEmpty()) {
                    for (StoredHold h : holds("id", ids)) {
                        boolean requested = request.holds().contains(h.id());
                        if (requested || (h.status() == HoldStatus.HELD && !h.expiresAt().isAfter(request.now())
                                && h.skus().stream().allMatch(s -> locked.contains(s.value())))) {
                            holds.put(h.id(), h);
                        }
                    }
                }
                Map<Long, StoredTransfer> transfers = new HashMap<>();
                if (!request.transfers().isEmpty()) {
                    transfers(request.transfers()).forEach(x -> transfers.put(x.id(), x));
                }
                Map<String, StoredOutcome> outcomes = new HashMap<>();
                if (!request.keys().isEmpty()) {
                    outcomes(new ArrayList<>(request.keys())).forEach(o -> outcomes.put(o.key(), o));
                }
                return new Locked(version, skus, holds, transfers, outcomes);
            });
        }

        /** Locks the rows of {@code names} (sorted) in key order, creating the missing ones that are to be created. */
        private void lockSkus(List<String> names, Set<String> create, Map<Sku, StoredSku> into) throws SQLException {
            Set<String> found = new java.util.HashSet<>();
            for (List<String> chunk : Rows.chunks(names, CHUNK)) {
                try (PreparedStatement p = c.prepareStatement("SELECT sku, positions, detail FROM " + t + "sku WHERE sku "
                        + "IN " + Rows.in(chunk.size()) + " ORDER BY sku FOR UPDATE")) {
                    Rows.bind(p, 1, chunk);
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            Sku sku = Sku.of(r.getString(1));
                            found.add(sku.value());
                            into.put(sku, new StoredSku(sku, ints(r.getString(2)),
                                    Optional.ofNullable(r.getString(3))));
                        }
                    }
                }
            }
            List<String> missing = new ArrayList<>();
            for (String s : names) {
                if (!found.contains(s) && create.contains(s)) {
                    missing.add(s);
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            // a racing instance inserting the same SKU fails this transaction with a duplicate key: it is rerun
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + "sku (sku, positions) VALUES "
                    + Rows.tuples(missing.size(), 2))) {
                int i = 1;
                for (String s : missing) {
                    p.setString(i++, s);
                    p.setString(i++, "");
                }
                p.executeUpdate();
            }
            for (String s : missing) {
                Sku sku = Sku.of(s);
                into.put(sku, new StoredSku(sku, new int[0], Optional.empty()));
            }
        }

        /** The HELD holds due at {@code now} on these SKUs, with all of their SKUs. */
        private Map<Long, List<String>> dueOn(List<String> names, Instant now) throws SQLException {
            Map<Long, List<String>> out = new TreeMap<>();
            for (List<String> chunk : Rows.chunks(names, CHUNK)) {
                try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT h.id, h.skus FROM " + t + "hold_due d "
                        + "JOIN " + t + "hold h ON h.id = d.hold_id WHERE d.sku IN " + Rows.in(chunk.size())
                        + " AND d.expires_at <= ?")) {
                    int i = Rows.bind(p, 1, chunk);
                    p.setLong(i, now.toEpochMilli());
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            List<String> skus = new ArrayList<>();
                            json(r.getString(2)).forEach(s -> skus.add(s.asText()));
                            out.put(r.getLong(1), skus);
                        }
                    }
                }
            }
            return out;
        }

        private List<StoredHold> holds(String column, Collection<Long> ids) throws SQLException {
            List<StoredHold> out = new ArrayList<>();
            for (List<Long> chunk : Rows.chunks(new ArrayList<>(ids), CHUNK)) {
                try (PreparedStatement p = c.prepareStatement("SELECT id, status, expires_at, finalised_at, skus, open, "
                        + "body FROM " + t + "hold WHERE " + column + " IN " + Rows.in(chunk.size()))) {
                    Rows.bind(p, 1, chunk);
                    readHolds(p, out);
                }
            }
            return out;
        }

        private void readHolds(PreparedStatement p, List<StoredHold> out) throws SQLException {
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    List<Sku> skus = new ArrayList<>();
                    json(r.getString(5)).forEach(s -> skus.add(Sku.of(s.asText())));
                    long finalised = r.getLong(4);
                    Optional<Instant> fin = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(finalised));
                    out.add(new StoredHold(r.getLong(1), HoldStatus.valueOf(r.getString(2)),
                            Instant.ofEpochMilli(r.getLong(3)), fin, skus, r.getBoolean(6), r.getString(7)));
                }
            }
        }

        private List<StoredTransfer> transfers(Collection<Long> ids) throws SQLException {
            List<StoredTransfer> out = new ArrayList<>();
            for (List<Long> chunk : Rows.chunks(new ArrayList<>(ids), CHUNK)) {
                try (PreparedStatement p = c.prepareStatement("SELECT id, sku, open, body FROM " + t + "transfer WHERE id "
                        + "IN " + Rows.in(chunk.size()))) {
                    Rows.bind(p, 1, chunk);
                    readTransfers(p, out);
                }
            }
            return out;
        }

        private void readTransfers(PreparedStatement p, List<StoredTransfer> out) throws SQLException {
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new StoredTransfer(r.getLong(1), Sku.of(r.getString(2)), r.getBoolean(3), r.getString(4)));
                }
            }
        }

        private List<StoredOutcome> outcomes(List<String> keys) throws SQLException {
            List<StoredOutcome> out = new ArrayList<>();
            for (List<String> chunk : Rows.chunks(keys, CHUNK)) {
                try (PreparedStatement p = c.prepareStatement("SELECT idem_key, request, failed, outcome, recorded_at FROM "
                        + t + "idempotency WHERE idem_key IN " + Rows.in(chunk.size()))) {
                    Rows.bind(p, 1, chunk);
                    readOutcomes(p, out);
                }
            }
            return out;
        }

        private void readOutcomes(PreparedStatement p, List<StoredOutcome> out) throws SQLException {
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new StoredOutcome(r.getString(1), r.getString(2), r.getBoolean(3), r.getString(4),
                            Instant.ofEpochMilli(r.getLong(5))));
                }
            }
        }

        @Override
        public Locked lockAll(boolean idempotency) {
            return sql(() -> {
                Map<Sku, StoredSku> skus = new HashMap<>();
                try (PreparedStatement p = c.prepareStatement("SELECT sku, positions, detail FROM " + t + "sku");
                        ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        Sku sku = Sku.of(r.getString(1));
                        skus.put(sku, new StoredSku(sku, ints(r.getString(2)), Optional.ofNullable(r.getString(3))));
                    }
                }
                List<StoredHold> holdRows = new ArrayList<>();
                try (PreparedStatement p = c.prepareStatement("SELECT id, status, expires_at, finalised_at, skus, open, "
                        + "body FROM " + t + "hold")) {
                    readHolds(p, holdRows);
                }
                Map<Long, StoredHold> holds = new HashMap<>();
                holdRows.forEach(h -> holds.put(h.id(), h));
                List<StoredTransfer> transferRows = new ArrayList<>();
                try (PreparedStatement p = c.prepareStatement("SELECT id, sku, open, body FROM " + t + "transfer")) {
                    readTransfers(p, transferRows);
                }
                Map<Long, StoredTransfer> transfers = new HashMap<>();
                transferRows.forEach(x -> transfers.put(x.id(), x));
                Map<String, StoredOutcome> outcomes = new HashMap<>();
                if (idempotency) {
                    List<StoredOutcome> rows = new ArrayList<>();
                    try (PreparedStatement p = c.prepareStatement("SELECT idem_key, request, failed, outcome, "
                            + "recorded_at FROM " + t + "idempotency")) {
                        readOutcomes(p, rows);
                    }
                    rows.forEach(o -> outcomes.put(o.key(), o));
                }
                long version;
                try (PreparedStatement p = c.prepareStatement("SELECT version FROM " + t + "catalogue WHERE id = 1");
                        ResultSet r = p.executeQuery()) {
                    r.next();
                    version = r.getLong(1);
                }
                return new Locked(version, skus, holds, transfers, outcomes);
            });
        }

        @Override
        public void write(StoredRows rows) {
            sql(() -> {
                for (List<StoredSku> chunk : Rows.chunks(rows.skus(), CHUNK)) {
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + "sku (sku, positions, detail, "
                            + "has_lots) VALUES " + Rows.tuples(chunk.size(), 4) + " ON DUPLICATE KEY UPDATE "
                            + "positions = VALUES(positions), detail = VALUES(detail), has_lots = VALUES(has_lots)")) {
                        int i = 1;
                        for (StoredSku s : chunk) {
                            p.setString(i++, s.sku().value());
                            p.setString(i++, intsText(s.positions()));
                            p.setString(i++, s.detail().orElse(null));
                            p.setBoolean(i++, s.detail().map(MySqlInventoryStorage::hasLots).orElse(false));
                        }
                        p.executeUpdate();
                    }
                }
                writeHolds(rows.holds());
                for (List<StoredTransfer> chunk : Rows.chunks(rows.transfers(), CHUNK)) {
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + "transfer (id, sku, open, body) "
                            + "VALUES " + Rows.tuples(chunk.size(), 4) + " ON DUPLICATE KEY UPDATE open = VALUES(open), "
                            + "body = VALUES(body)")) {
                        int i = 1;
                        for (StoredTransfer x : chunk) {
                            p.setLong(i++, x.id());
                            p.setString(i++, x.sku().value());
                            p.setBoolean(i++, x.open());
                            p.setString(i++, x.body());
                        }
                        p.executeUpdate();
                    }
                }
                for (List<StoredOutcome> chunk : Rows.chunks(rows.outcomes(), CHUNK)) {
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + "idempotency (idem_key, request, "
                            + "failed, outcome, recorded_at) VALUES " + Rows.tuples(chunk.size(), 5))) {
                        int i = 1;
                        for (StoredOutcome o : chunk) {
                            p.setString(i++, o.key());
                            p.setString(i++, o.request());
                            p.setBoolean(i++, o.failed());
                            p.setString(i++, o.outcome());
                            p.setLong(i++, o.recordedAt().toEpochMilli());
                        }
                        p.executeUpdate();
                    }
                }
                if (!rows.events().isEmpty()) {
                    gate();
                    for (List<StoredEvent> chunk : Rows.chunks(rows.events(), CHUNK)) {
                        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + "event (occurred_at, type, "
                                + "body) VALUES " + Rows.tuples(chunk.size(), 3))) {
                            int i = 1;
                            for (StoredEvent e : chunk) {
                                p.setLong(i++, e.occurredAt().toEpochMilli());
                                p.setString(i++, e.type());
                                p.setString(i++, e.body());
                            }
                            p.executeUpdate();
                        }
                    }
                }
                return null;
            });
        }

        /** Holds the outbox gate shared until commit (see the event table in the migration). */
        private void gate() throws SQLException {
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM " + t + "event_gate WHERE id = 1 "
                    + "LOCK IN SHARE MODE"); ResultSet r = p.executeQuery()) {
                r.next();
            }
        }

        private void writeHolds(List<StoredHold> holds) throws SQLException {
            for (List<StoredHold> chunk : Rows.chunks(holds, CHUNK)) {
                // the due entries go by hold id; those HELD now come back below
                try (PreparedStatement p = c.prepareStatement("DELETE FROM " + t + "hold_due WHERE hold_id IN "
                        + Rows.in(chunk.size()))) {
                    Rows.bind(p, 1, chunk.stream().map(StoredHold::id).toList());
                    p.executeUpdate();
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + "hold (id, status, expires_at, "
                        + "finalised_at, skus, open, body) VALUES " + Rows.tuples(chunk.size(), 7)
                        + " ON DUPLICATE KEY UPDATE status = VALUES(status), expires_at = VALUES(expires_at), "
                        + "finalised_at = VALUES(finalised_at), open = VALUES(open), body = VALUES(body)")) {
                    int i = 1;
                    for (StoredHold h : chunk) {
                        p.setLong(i++, h.id());
                        p.setString(i++, h.status().name());
                        p.setLong(i++, h.expiresAt().toEpochMilli());
                        if (h.finalisedAt().isPresent()) {
                            p.setLong(i++, h.finalisedAt().get().toEpochMilli());
                        } else {
                            p.setNull(i++, java.sql.Types.BIGINT);
                        }
                        ArrayNode skus = JSON.createArrayNode();
                        h.skus().forEach(s -> skus.add(s.value()));
                        p.setString(i++, skus.toString());
                        p.setBoolean(i++, h.open());
                        p.setString(i++, h.body());
                    }
                    p.executeUpdate();
                }
                List<Object[]> due = new ArrayList<>();
                for (StoredHold h : chunk) {
                    if (h.status() == HoldStatus.HELD) {
                        for (Sku s : new LinkedHashSet<>(h.skus())) {
                            due.add(new Object[] {s.value(), h.expiresAt().toEpochMilli(), h.id()});
                        }
                    }
                }
                for (List<Object[]> part : Rows.chunks(due, CHUNK)) {
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + "hold_due (sku, expires_at, "
                            + "hold_id) VALUES " + Rows.tuples(part.size(), 3))) {
                        int i = 1;
                        for (Object[] d : part) {
                            p.setString(i++, (String) d[0]);
                            p.setLong(i++, (Long) d[1]);
                            p.setLong(i++, (Long) d[2]);
                        }
                        p.executeUpdate();
                    }
                }
            }
        }

        @Override
        public long prune(Instant idempotencyBefore, Instant finalHoldsBefore) {
            return sql(() -> {
                long deleted;
                try (PreparedStatement p = c.prepareStatement("DELETE FROM " + t + "idempotency WHERE recorded_at < ?")) {
                    p.setLong(1, idempotencyBefore.toEpochMilli());
                    deleted = p.executeUpdate();
                }
                try (PreparedStatement p = c.prepareStatement("DELETE FROM " + t + "hold WHERE open = FALSE "
                        + "AND status <> 'HELD' AND finalised_at < ?")) {
                    p.setLong(1, finalHoldsBefore.toEpochMilli());
                    deleted += p.executeUpdate();
                }
                return deleted;
            });
        }

        @Override
        public List<Sku> lotSkus(@Nullable Sku after, int limit) {
            return sql(() -> {
                try (PreparedStatement p = c.prepareStatement("SELECT sku FROM " + t + "sku WHERE has_lots = TRUE "
                        + "AND sku > ? ORDER BY sku LIMIT ?")) {
                    p.setString(1, after == null ? "" : after.value());
                    p.setInt(2, limit);
                    return skuColumn(p);
                }
            });
        }

        @Override
        public List<Sku> dueSkus(Instant now, int limit) {
            return sql(() -> {
                try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT sku FROM " + t + "hold_due "
                        + "WHERE expires_at <= ? ORDER BY sku LIMIT ?")) {
                    p.setLong(1, now.toEpochMilli());
                    p.setInt(2, limit);
                    return skuColumn(p);
                }
            });
        }
    }

    private static List<Sku> skuColumn(PreparedStatement p) throws SQLException {
        List<Sku> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(Sku.of(r.getString(1)));
            }
        }
        return out;
    }

    /** Whether a SKU's detail has a top-level {@code "lots"} member (read as a stream, children skipped). */
    static boolean hasLots(String detail) {
        try (JsonParser p = JSON.getFactory().createParser(detail)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                if (p.currentName().equals("lots")) {
                    return true;
                }
                p.nextToken();
                p.skipChildren();
            }
            return false;
        } catch (IOException e) {
            throw new IllegalStateException("a SKU's detail is not JSON", e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON is not in the form this version writes", e);
        }
    }

    /** Parses comma-separated ints; empty text is no ints. */
    static int[] ints(String text) {
        int len = text.length();
        if (len == 0) {
            return new int[0];
        }
        int count = 1;
        for (int i = 0; i < len; i++) {
            if (text.charAt(i) == ',') {
                count++;
            }
        }
        int[] out = new int[count];
        int at = 0;
        int value = 0;
        boolean negative = false;
        for (int i = 0; i < len; i++) {
            char ch = text.charAt(i);
            if (ch == ',') {
                out[at++] = negative ? -value : value;
                value = 0;
                negative = false;
            } else if (ch == '-') {
                negative = true;
            } else {
                value = value * 10 + (ch - '0');
            }
        }
        out[at] = negative ? -value : value;
        return out;
    }

    static String intsText(int[] values) {
        StringBuilder b = new StringBuilder(values.length * 4);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(values[i]);
        }
        return b.toString();
    }
}

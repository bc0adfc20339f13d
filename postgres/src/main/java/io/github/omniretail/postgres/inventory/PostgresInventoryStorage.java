package io.github.omniretail.postgres.inventory;

import org.jspecify.annotations.Nullable;
import static io.github.omniretail.postgres.jdbc.Unchecked.sql;

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
import io.github.omniretail.postgres.jdbc.Transactions;
import io.github.omniretail.postgres.jdbc.Unchecked;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Inventory rows on PostgreSQL (schema V2): one row per SKU holding its positions as an {@code int[]}, holds and
 * transfers with their query columns and the engine's JSON body, idempotency records keyed by caller key, the
 * catalogue in one row, the outbox of events. {@link Session#lock} is one call of the {@code omniretail_inv_lock}
 * function shipped in the migration (one round trip: catalogue lock shared, an advisory lock per SKU in key order,
 * then SKU rows, holds, transfers and idempotency records loaded); {@link Session#write} is one call of
 * {@code omniretail_inv_write} (arrays, {@code unnest}; events appended in order).
 * Decides nothing. Thread-safe; holds no connection between transactions.
 */
public final class PostgresInventoryStorage implements InventoryStorage {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Transactions tx;
    private final String schema;
    private final String t;
    private final long catalogueLock;

    /**
     * @param tx non-null transaction runner (retries transient failures and unique violations)
     * @param schema the schema holding the tables, already validated
     */
    public PostgresInventoryStorage(Transactions tx, String schema) {
        this.tx = tx;
        this.schema = schema;
        this.t = schema + ".omniretail_inv_";
        this.catalogueLock = lockKey("omniretail.inventory.catalogue." + schema);
    }

    /** A stable 64-bit advisory lock key for a name (FNV-1a). */
    private static long lockKey(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    @Override
    public <T> T transaction(String operation, Work<T> work) {
        return tx.run(operation, c -> Unchecked.rethrown(() -> work.run(new PgSession(c))));
    }

    @Override
    public long reserveIds(String sequence, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive, was " + count);
        }
        return tx.run("reserve " + sequence + " ids", c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE " + t + "ids SET next = next + ? WHERE name = ? "
                    + "RETURNING next - ?")) {
                p.setLong(1, count);
                p.setString(2, sequence);
                p.setLong(3, count);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        throw new IllegalArgumentException("no id sequence " + sequence);
                    }
                    return r.getLong(1);
                }
            }
        });
    }

    @Override
    public String toString() {
        return "PostgresInventoryStorage[" + schema + "]";
    }

    /** One transaction on one connection. */
    private final class PgSession implements Session {
        private final Connection c;

        PgSession(Connection c) {
            this.c = c;
        }

        @Override
        public StoredCatalogue lockCatalogue() {
            return sql(() -> {
                try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    p.setLong(1, catalogueLock);
                    p.execute();
                }
                return catalogue();
            });
        }

        @Override
        public StoredCatalogue readCatalogue() {
            return sql(() -> {
                try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock_shared(?)")) {
                    p.setLong(1, catalogueLock);
                    p.execute();
                }
                return catalogue();
            });
        }

        private StoredCatalogue catalogue() throws SQLException {
            try (PreparedStatement p = c.prepareStatement("SELECT version, nodes, pools::text, rules::text, "
                    + "kits::text FROM " + t + "catalogue");
                    ResultSet r = p.executeQuery()) {
                r.next();
                List<NodeId> nodes = new ArrayList<>();
                for (String n : (String[]) r.getArray(2).getArray()) {
                    nodes.add(NodeId.of(n));
                }
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
                ArrayNode pools = JSON.createArrayNode();
                for (Map.Entry<PoolId, Set<NodeId>> e : catalogue.pools()) {
                    ArrayNode pool = pools.addArray().add(e.getKey().value()).addArray();
                    e.getValue().stream().map(NodeId::value).sorted().forEach(pool::add);
                }
                ObjectNode rules = JSON.createObjectNode();
                for (Map.Entry<NodeId, String> e : catalogue.rules().entrySet()) {
                    rules.set(e.getKey().value(), json(e.getValue()));
                }
                ObjectNode kits = JSON.createObjectNode();
                for (Map.Entry<Sku, Map<Sku, Integer>> e : new java.util.TreeMap<>(catalogue.kits()).entrySet()) {
                    ObjectNode parts = kits.putObject(e.getKey().value());
                    new java.util.TreeMap<>(e.getValue()).forEach((sku, units) -> parts.put(sku.value(), units));
                }
                try (PreparedStatement p = c.prepareStatement("UPDATE " + t + "catalogue SET version = version + 1, "
                        + "nodes = ?, pools = ?::jsonb, rules = ?::jsonb, kits = ?::jsonb")) {
                    p.setArray(1, c.createArrayOf("text", catalogue.nodes().stream().map(NodeId::value)
                            .toArray(String[]::new)));
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
                try (PreparedStatement p = c.prepareStatement("SELECT * FROM " + schema
                        + ".omniretail_inv_lock(?, ?, ?, ?, ?, ?, ?)")) {
                    p.setLong(1, catalogueLock);
                    p.setArray(2, texts(request.skus().stream().map(Sku::value)));
                    p.setArray(3, texts(request.create().stream().map(Sku::value)));
                    p.setArray(4, c.createArrayOf("bigint", request.holds().toArray()));
                    p.setArray(5, c.createArrayOf("bigint", request.transfers().toArray()));
                    p.setArray(6, texts(request.keys().stream()));
                    p.setTimestamp(7, Timestamp.from(request.now()));
                    try (ResultSet r = p.executeQuery()) {
                        return read(r);
                    }
                }
            });
        }

        private Array texts(java.util.stream.Stream<String> values) throws SQLException {
            return c.createArrayOf("text", values.toArray(String[]::new));
        }

        /** Reads rows of the lock function's shape (see the V2 migration). */
        private Locked read(ResultSet r) throws SQLException {
            long version = -1;
            Map<Sku, StoredSku> skus = new HashMap<>();
            Map<Long, StoredHold> holds = new HashMap<>();
            Map<Long, StoredTransfer> transfers = new HashMap<>();
            Map<String, StoredOutcome> outcomes = new HashMap<>();
            while (r.next()) {
                switch (r.getInt(1)) {
                    case 0 -> version = r.getLong(2);
                    case 1 -> {
                        Sku sku = Sku.of(r.getString(3));
                        skus.put(sku, new StoredSku(sku, ints(r.getString(4)), Optional.ofNullable(r.getString(5))));
                    }
                    case 2 -> {
                        StoredHold h = hold(r.getLong(2), r.getString(3), r.getTimestamp(7), r.getTimestamp(8),
                                (String[]) r.getArray(9).getArray(), r.getBoolean(6), r.getString(5));
                        holds.put(h.id(), h);
                    }
                    case 3 -> transfers.put(r.getLong(2), new StoredTransfer(r.getLong(2), Sku.of(r.getString(3)),
                            r.getBoolean(6), r.getString(5)));
                    case 4 -> outcomes.put(r.getString(3), new StoredOutcome(r.getString(3), r.getString(10),
                            r.getBoolean(6), r.getString(5), r.getTimestamp(7).toInstant()));
                    default -> throw new IllegalStateException("unknown row kind " + r.getInt(1));
                }
            }
            return new Locked(version, skus, holds, transfers, outcomes);
        }

        @Override
        public Locked lockAll(boolean idempotency) {
            return sql(() -> {
                Map<Sku, StoredSku> skus = new HashMap<>();
                try (PreparedStatement p = c.prepareStatement("SELECT sku, positions::text, detail::text FROM " + t
                        + "sku"); ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        Sku sku = Sku.of(r.getString(1));
                        skus.put(sku, new StoredSku(sku, ints(r.getString(2)), Optional.ofNullable(r.getString(3))));
                    }
                }
                Map<Long, StoredHold> holds = new HashMap<>();
                try (PreparedStatement p = c.prepareStatement("SELECT id, status, expires_at, finalised_at, skus, "
                        + "open, body::text FROM " + t + "hold"); ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        StoredHold h = hold(r.getLong(1), r.getString(2), r.getTimestamp(3), r.getTimestamp(4),
                                (String[]) r.getArray(5).getArray(), r.getBoolean(6), r.getString(7));
                        holds.put(h.id(), h);
                    }
                }
                Map<Long, StoredTransfer> transfers = new HashMap<>();
                try (PreparedStatement p = c.prepareStatement("SELECT id, sku, open, body::text FROM " + t
                        + "transfer"); ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        transfers.put(r.getLong(1), new StoredTransfer(r.getLong(1), Sku.of(r.getString(2)),
                                r.getBoolean(3), r.getString(4)));
                    }
                }
                Map<String, StoredOutcome> outcomes = new HashMap<>();
                if (idempotency) {
                    try (PreparedStatement p = c.prepareStatement("SELECT key, request, failed, outcome::text, "
                            + "recorded_at FROM " + t + "idempotency"); ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            outcomes.put(r.getString(1), new StoredOutcome(r.getString(1), r.getString(2),
                                    r.getBoolean(3), r.getString(4), r.getTimestamp(5).toInstant()));
                        }
                    }
                }
                long version;
                try (PreparedStatement p = c.prepareStatement("SELECT version FROM " + t + "catalogue");
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
                int s = rows.skus().size();
                String[] skuNames = new String[s];
                String[] positions = new String[s];
                String[] details = new String[s];
                for (int i = 0; i < s; i++) {
                    StoredSku row = rows.skus().get(i);
                    skuNames[i] = row.sku().value();
                    positions[i] = intsLiteral(row.positions());
                    details[i] = row.detail().orElse(null);
                }
                int h = rows.holds().size();
                Long[] holdIds = new Long[h];
                String[] statuses = new String[h];
                Long[] expires = new Long[h];
                Long[] finals = new Long[h];
                String[] holdSkus = new String[h];
                Boolean[] open = new Boolean[h];
                String[] bodies = new String[h];
                for (int i = 0; i < h; i++) {
                    StoredHold row = rows.holds().get(i);
                    holdIds[i] = row.id();
                    statuses[i] = row.status().name();
                    expires[i] = row.expiresAt().toEpochMilli();
                    finals[i] = row.finalisedAt().map(Instant::toEpochMilli).orElse(null);
                    holdSkus[i] = textsLiteral(row.skus());
                    open[i] = row.open();
                    bodies[i] = row.body();
                }
                int n = rows.transfers().size();
                Long[] trIds = new Long[n];
                String[] trSkus = new String[n];
                Boolean[] trOpen = new Boolean[n];
                String[] trBodies = new String[n];
                for (int i = 0; i < n; i++) {
                    StoredTransfer row = rows.transfers().get(i);
                    trIds[i] = row.id();
                    trSkus[i] = row.sku().value();
                    trOpen[i] = row.open();
                    trBodies[i] = row.body();
                }
                int k = rows.outcomes().size();
                String[] keys = new String[k];
                String[] requests = new String[k];
                Boolean[] failed = new Boolean[k];
                String[] outcomes = new String[k];
                Long[] recorded = new Long[k];
                for (int i = 0; i < k; i++) {
                    StoredOutcome row = rows.outcomes().get(i);
                    keys[i] = row.key();
                    requests[i] = row.request();
                    failed[i] = row.failed();
                    outcomes[i] = row.outcome();
                    recorded[i] = row.recordedAt().toEpochMilli();
                }
                int e = rows.events().size();
                String[] evTypes = new String[e];
                Long[] evAt = new Long[e];
                String[] evBodies = new String[e];
                for (int i = 0; i < e; i++) {
                    StoredEvent row = rows.events().get(i);
                    evTypes[i] = row.type();
                    evAt[i] = row.occurredAt().toEpochMilli();
                    evBodies[i] = row.body();
                }
                try (PreparedStatement p = c.prepareStatement("SELECT " + schema + ".omniretail_inv_write("
                        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    p.setArray(1, c.createArrayOf("text", skuNames));
                    p.setArray(2, c.createArrayOf("text", positions));
                    p.setArray(3, c.createArrayOf("text", details));
                    p.setArray(4, c.createArrayOf("bigint", holdIds));
                    p.setArray(5, c.createArrayOf("text", statuses));
                    p.setArray(6, c.createArrayOf("bigint", expires));
                    p.setArray(7, c.createArrayOf("bigint", finals));
                    p.setArray(8, c.createArrayOf("text", holdSkus));
                    p.setArray(9, c.createArrayOf("boolean", open));
                    p.setArray(10, c.createArrayOf("text", bodies));
                    p.setArray(11, c.createArrayOf("bigint", trIds));
                    p.setArray(12, c.createArrayOf("text", trSkus));
                    p.setArray(13, c.createArrayOf("boolean", trOpen));
                    p.setArray(14, c.createArrayOf("text", trBodies));
                    p.setArray(15, c.createArrayOf("text", keys));
                    p.setArray(16, c.createArrayOf("text", requests));
                    p.setArray(17, c.createArrayOf("boolean", failed));
                    p.setArray(18, c.createArrayOf("text", outcomes));
                    p.setArray(19, c.createArrayOf("bigint", recorded));
                    p.setArray(20, c.createArrayOf("text", evTypes));
                    p.setArray(21, c.createArrayOf("bigint", evAt));
                    p.setArray(22, c.createArrayOf("text", evBodies));
                    p.execute();
                }
                return null;
            });
        }

        @Override
        public long prune(Instant idempotencyBefore, Instant finalHoldsBefore) {
            return sql(() -> {
                long deleted;
                try (PreparedStatement p = c.prepareStatement("DELETE FROM " + t + "idempotency WHERE recorded_at < ?")) {
                    p.setTimestamp(1, Timestamp.from(idempotencyBefore));
                    deleted = p.executeUpdate();
                }
                try (PreparedStatement p = c.prepareStatement("DELETE FROM " + t + "hold WHERE NOT open "
                        + "AND status <> 'HELD' AND finalised_at < ?")) {
                    p.setTimestamp(1, Timestamp.from(finalHoldsBefore));
                    deleted += p.executeUpdate();
                }
                return deleted;
            });
        }

        @Override
        public List<Sku> lotSkus(@Nullable Sku after, int limit) {
            return sql(() -> {
                try (PreparedStatement p = c.prepareStatement("SELECT sku FROM " + t + "sku WHERE jsonb_exists(detail, 'lots') "
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
                    p.setTimestamp(1, Timestamp.from(now));
                    p.setInt(2, limit);
                    return skuColumn(p);
                }
            });
        }
    }

    /** The first column of every row, as SKUs. */
    private static List<Sku> skuColumn(PreparedStatement p) throws SQLException {
        List<Sku> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(Sku.of(r.getString(1)));
            }
        }
        return out;
    }

    private static StoredHold hold(long id, String status, Timestamp expires, Timestamp finalised, String[] skus,
            boolean open, String body) {
        List<Sku> names = new ArrayList<>(skus.length);
        for (String s : skus) {
            names.add(Sku.of(s));
        }
        return new StoredHold(id, HoldStatus.valueOf(status), expires.toInstant(),
                Optional.ofNullable(finalised).map(Timestamp::toInstant), names, open, body);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored catalogue JSON is not in the form this version writes", e);
        }
    }

    /** Parses PostgreSQL's text form of an {@code int[]}: {@code {1,2,3}}. */
    static int[] ints(String text) {
        int len = text.length();
        if (len <= 2) {
            return new int[0];
        }
        int count = 1;
        for (int i = 1; i < len - 1; i++) {
            if (text.charAt(i) == ',') {
                count++;
            }
        }
        int[] out = new int[count];
        int at = 0;
        int value = 0;
        boolean negative = false;
        for (int i = 1; i < len - 1; i++) {
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

    static String intsLiteral(int[] values) {
        StringBuilder b = new StringBuilder(values.length * 4 + 2).append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(values[i]);
        }
        return b.append('}').toString();
    }

    /** A {@code text[]} literal with every element quoted. */
    static String textsLiteral(List<Sku> values) {
        StringBuilder b = new StringBuilder().append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"');
            String v = values.get(i).value();
            for (int j = 0; j < v.length(); j++) {
                char ch = v.charAt(j);
                if (ch == '"' || ch == '\\') {
                    b.append('\\');
                }
                b.append(ch);
            }
            b.append('"');
        }
        return b.append('}').toString();
    }
}

package io.github.omniretail.postgres.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.omniretail.core.BasisPoints;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelId;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.ChannelRule;
import io.github.omniretail.inventory.ChannelSelector;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldId;
import io.github.omniretail.inventory.HoldLineState;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.inventory.IllegalHoldStateException;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.InventorySnapshot;
import io.github.omniretail.inventory.PoolId;
import io.github.omniretail.inventory.Position;
import io.github.omniretail.inventory.SafetyStockPolicy;
import io.github.omniretail.inventory.Transfer;
import io.github.omniretail.inventory.TransferId;
import io.github.omniretail.inventory.UnknownHoldException;
import io.github.omniretail.inventory.UnknownNodeException;
import io.github.omniretail.inventory.UnknownPoolException;
import io.github.omniretail.core.UnknownSkuException;
import io.github.omniretail.inventory.UnknownTransferException;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the inventory of schema V1 (its tables renamed {@code omniretail_inv1_*} by the V2 migration) as an
 * {@link InventorySnapshot}, which the store then restores into the V2 rows: every position with its policy, sales
 * and reorder point, every hold (open, confirmed and final, pool lines included), transfer and idempotency record,
 * and the id sequences. The V1 JSON forms are read here and nowhere else. Stateless.
 */
public final class V1Inventory {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private V1Inventory() {
    }

    /**
     * Whether the schema still holds V1 tables to convert.
     *
     * @param c non-null connection
     * @param schema the schema
     * @return true if {@code omniretail_inv1_meta} exists
     * @throws SQLException on a database error
     */
    public static boolean present(Connection c, String schema) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            p.setString(1, schema + ".omniretail_inv1_meta");
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    /**
     * Reads everything of V1.
     *
     * @param c non-null connection
     * @param schema the schema holding the renamed V1 tables
     * @return the snapshot, taken at the database's current time
     * @throws SQLException on a database error
     */
    public static InventorySnapshot read(Connection c, String schema) throws SQLException {
        String t = schema + ".omniretail_inv1_";
        Instant now = one(c, "SELECT now()", r -> r.getTimestamp(1).toInstant());
        Set<NodeId> nodes = new HashSet<>();
        each(c, "SELECT node FROM " + t + "node", r -> nodes.add(NodeId.of(r.getString(1))));
        Set<Sku> skus = new HashSet<>();
        each(c, "SELECT sku FROM " + t + "sku", r -> skus.add(Sku.of(r.getString(1))));
        Map<PoolId, Set<NodeId>> pools = new HashMap<>();
        each(c, "SELECT pool, node FROM " + t + "pool", r -> pools.computeIfAbsent(PoolId.of(r.getString(1)),
                k -> new HashSet<>()).add(NodeId.of(r.getString(2))));
        Map<NodeId, List<ChannelRule>> rules = new HashMap<>();
        each(c, "SELECT node, rules::text FROM " + t + "channel_rules", r -> rules.put(NodeId.of(r.getString(1)),
                rules(json(r.getString(2)))));
        List<InventorySnapshot.PositionState> positions = new ArrayList<>();
        each(c, "SELECT sku, node, on_hand, safety_policy::text, safety_stock, daily_sales::text, reorder_point, "
                + "hysteresis, low_stock FROM " + t + "position", r -> positions.add(new InventorySnapshot.PositionState(
                        Sku.of(r.getString(1)), NodeId.of(r.getString(2)), r.getInt(3), policy(json(r.getString(4))),
                        r.getInt(5), sales(json(r.getString(6))), r.getInt(7), r.getInt(8), r.getBoolean(9))));
        List<Hold> holds = new ArrayList<>();
        each(c, "SELECT body::text FROM " + t + "hold ORDER BY id", r -> holds.add(hold(json(r.getString(1)))));
        List<Transfer> transfers = new ArrayList<>();
        each(c, "SELECT body::text FROM " + t + "transfer ORDER BY id",
                r -> transfers.add(transfer(json(r.getString(1)))));
        List<InventorySnapshot.IdempotencyEntry> keys = new ArrayList<>();
        each(c, "SELECT key, request, failed, outcome::text, recorded_at FROM " + t + "idempotency "
                + "ORDER BY recorded_at, key", r -> keys.add(new InventorySnapshot.IdempotencyEntry(r.getString(1),
                        r.getString(2), r.getBoolean(3) ? failure(json(r.getString(4))) : outcome(json(r.getString(4))),
                        r.getTimestamp(5).toInstant())));
        long nextHold = one(c, "SELECT last_value + 1 FROM " + t + "hold_seq", r -> r.getLong(1));
        long nextTransfer = one(c, "SELECT last_value + 1 FROM " + t + "transfer_seq", r -> r.getLong(1));
        return new InventorySnapshot(now, skus, nodes, pools, rules, positions, holds, transfers, keys, nextHold,
                nextTransfer);
    }

    /**
     * Drops the V1 tables, once their contents are in V2.
     *
     * @param c non-null connection in a transaction
     * @param schema the schema
     * @throws SQLException on a database error
     */
    public static void drop(Connection c, String schema) throws SQLException {
        String t = schema + ".omniretail_inv1_";
        try (var s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + t + "hold_line, " + t + "hold, " + t + "idempotency, " + t + "transfer, " + t
                    + "position, " + t + "channel_rules, " + t + "pool, " + t + "sku, " + t + "node, " + t + "meta");
            s.execute("DROP SEQUENCE IF EXISTS " + t + "hold_seq, " + t + "transfer_seq");
            s.execute("UPDATE " + schema + ".omniretail_inv_catalogue SET converted_from_v1 = true");
        }
    }

    // ---- the V1 JSON forms

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("V1 inventory JSON is not in the form V1 wrote: " + text, e);
        }
    }

    private static Optional<String> text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static Channel channel(JsonNode o) {
        return new Channel(ChannelId.of(o.get("channel").asText()), ChannelKind.valueOf(o.get("channelKind").asText()));
    }

    private static Hold hold(JsonNode o) {
        List<HoldLineState> lines = new ArrayList<>();
        for (JsonNode l : o.get("lines")) {
            lines.add(new HoldLineState(Sku.of(l.get("sku").asText()), text(l, "node").map(NodeId::of),
                    text(l, "pool").map(PoolId::of), l.get("quantity").asInt(), l.get("fulfilled").asInt(),
                    l.get("released").asInt()));
        }
        return new Hold(HoldId.of(o.get("id").asLong()), channel(o), HoldStatus.valueOf(o.get("status").asText()),
                Instant.parse(o.get("createdAt").asText()), Instant.parse(o.get("expiresAt").asText()), lines,
                text(o, "reference"));
    }

    private static Transfer transfer(JsonNode o) {
        return new Transfer(new TransferId(o.get("id").asLong()), Sku.of(o.get("sku").asText()),
                NodeId.of(o.get("from").asText()), NodeId.of(o.get("to").asText()), o.get("quantity").asInt(),
                o.get("received").asInt(), Instant.parse(o.get("dispatchedAt").asText()),
                text(o, "receivedAt").map(Instant::parse));
    }

    private static Position position(JsonNode o) {
        return new Position(Sku.of(o.get("sku").asText()), NodeId.of(o.get("node").asText()), o.get("onHand").asInt(),
                o.get("held").asInt(), o.get("safetyStock").asInt(), o.get("atp").asInt(), o.get("shortage").asInt(),
                o.get("reorderPoint").asInt(), o.get("lowStock").asBoolean());
    }

    private static SafetyStockPolicy policy(JsonNode o) {
        return o.has("fixed") ? new SafetyStockPolicy.Fixed(o.get("fixed").asInt())
                : new SafetyStockPolicy.DaysOfCover(new BigDecimal(o.get("days").asText()), o.get("windowDays").asInt());
    }

    private static TreeMap<LocalDate, Integer> sales(JsonNode o) {
        TreeMap<LocalDate, Integer> sales = new TreeMap<>();
        o.fields().forEachRemaining(e -> sales.put(LocalDate.parse(e.getKey()), e.getValue().asInt()));
        return sales;
    }

    private static List<ChannelRule> rules(JsonNode a) {
        List<ChannelRule> rules = new ArrayList<>();
        for (JsonNode o : a) {
            ChannelSelector selector = new ChannelSelector(text(o, "kind").map(ChannelKind::valueOf),
                    text(o, "channel").map(ChannelId::of));
            rules.add(new ChannelRule(selector, o.get("reservedUnits").asInt(),
                    o.has("capUnits") ? OptionalInt.of(o.get("capUnits").asInt()) : OptionalInt.empty(),
                    text(o, "capShare").map(s -> new BasisPoints(Integer.parseInt(s)))));
        }
        return rules;
    }

    private static Object outcome(JsonNode o) {
        JsonNode v = o.get("value");
        return switch (o.get("type").asText()) {
            case "hold" -> hold(v);
            case "position" -> position(v);
            case "transfer" -> transfer(v);
            default -> throw new IllegalStateException("unknown V1 outcome type " + o.get("type"));
        };
    }

    private static RuntimeException failure(JsonNode o) {
        String message = o.get("message").asText();
        return switch (o.get("type").asText()) {
            case "insufficientStock" -> new InsufficientStockException(Sku.of(o.get("sku").asText()),
                    text(o, "node").map(NodeId::of), text(o, "pool").map(PoolId::of),
                    ChannelId.of(o.get("channel").asText()), o.get("requested").asLong(), o.get("available").asLong());
            case "illegalHoldState" -> {
                HoldId hold = HoldId.of(o.get("hold").asLong());
                HoldStatus status = HoldStatus.valueOf(o.get("status").asText());
                String operation = o.get("operation").asText();
                String prefix = new IllegalHoldStateException(hold, status, operation, "").getMessage();
                yield new IllegalHoldStateException(hold, status, operation,
                        message.startsWith(prefix + ": ") ? message.substring(prefix.length() + 2) : "");
            }
            case "unknownHold" -> new UnknownHoldException(HoldId.of(o.get("hold").asLong()));
            case "unknownTransfer" -> new UnknownTransferException(new TransferId(o.get("transfer").asLong()));
            case "unknownSku" -> new UnknownSkuException(Sku.of(o.get("sku").asText()), "register it first or build the engine with autoRegister(true)");
            case "unknownNode" -> new UnknownNodeException(NodeId.of(o.get("node").asText()));
            case "unknownPool" -> new UnknownPoolException(PoolId.of(o.get("pool").asText()));
            case "illegalArgument" -> new IllegalArgumentException(message);
            case "illegalState" -> new IllegalStateException(message);
            default -> throw new IllegalStateException("unknown V1 failure type " + o.get("type"));
        };
    }

    // ---- JDBC

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet r) throws SQLException;
    }

    @FunctionalInterface
    private interface RowAction {
        void accept(ResultSet r) throws SQLException;
    }

    private static <T> T one(Connection c, String sql, Row<T> row) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql); ResultSet r = p.executeQuery()) {
            r.next();
            return row.read(r);
        }
    }

    private static void each(Connection c, String sql, RowAction action) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql); ResultSet r = p.executeQuery()) {
            while (r.next()) {
                action.accept(r);
            }
        }
    }
}

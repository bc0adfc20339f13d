package io.github.omniretail.postgres.loyalty;

import static io.github.omniretail.postgres.jdbc.Unchecked.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.loyalty.AccountKind;
import io.github.omniretail.loyalty.spi.LedgerStorage;
import io.github.omniretail.postgres.jdbc.Transactions;
import io.github.omniretail.postgres.jdbc.Unchecked;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ledger rows on PostgreSQL (loyalty schema V2): a member row, a lot row per earn, open holds, redemptions,
 * entries with the balances after each, idempotency records, earned orders, striped program accounts and the
 * outbox. {@link Session#lock} is one call of {@code omniretail_ldg_lock} and {@link Session#write} one call of
 * {@code omniretail_ldg_write}, both shipped in the migration and both taking and returning JSON (one round trip
 * each). Decides nothing. Thread-safe; holds no connection between transactions.
 */
public final class PostgresLedgerStorage implements LedgerStorage {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Program account rows per account: concurrent batches rarely add to the same one. */
    private static final int STRIPES = 16;

    private final Transactions tx;
    private final String schema;
    private final String t;

    /**
     * @param tx non-null transaction runner (retries transient failures and unique violations)
     * @param schema the schema holding the tables, already validated
     */
    public PostgresLedgerStorage(Transactions tx, String schema) {
        this.tx = tx;
        this.schema = schema;
        this.t = schema + ".omniretail_ldg_";
    }

    @Override
    public <T> T transaction(String operation, Work<T> work) {
        return tx.run(operation, c -> Unchecked.rethrown(() -> work.run(new PgSession(c))));
    }

    @Override
    public String toString() {
        return "PostgresLedgerStorage[" + schema + "]";
    }

    /**
     * The same rows seen through one open transaction: every {@link #transaction} runs its work on {@code c}
     * without committing (the caller commits or rolls back the whole). For a conversion that must be all or nothing.
     *
     * @param c non-null connection inside a transaction
     * @return a storage bound to that transaction; not thread-safe
     */
    LedgerStorage within(Connection c) {
        return new LedgerStorage() {
            @Override
            public <T> T transaction(String operation, Work<T> work) {
                return work.run(new PgSession(c));
            }

            @Override
            public String toString() {
                return PostgresLedgerStorage.this + " within one transaction";
            }
        };
    }

    // =====================================================================================================
    // JSON forms of the rows (keys are the column names)

    private static ObjectNode json(Member m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("member", m.member().value());
        o.put("merged_into", m.mergedInto().map(MemberId::value).orElse(null));
        o.put("available", m.available());
        o.put("pending", m.pending());
        o.put("held", m.held());
        o.put("tier", m.tier());
        o.put("tier_since", m.tierSince());
        o.put("review_at", m.reviewAt());
        o.put("in_grace", m.inGrace());
        o.put("last_activity", m.lastActivity());
        o.put("qualifying_sum", m.qualifyingSum());
        o.put("qualifying_from", m.qualifyingFrom());
        o.put("lot_seq", m.lotSeq());
        o.put("entries", m.entries());
        o.put("last_entry_at", m.lastEntryAt());
        o.put("dormant_at", m.dormantAt());
        return o;
    }

    private static Member member(JsonNode o) {
        return new Member(MemberId.of(o.get("member").asText()), optional(o, "merged_into").map(MemberId::of),
                o.get("available").asLong(), o.get("pending").asLong(), o.get("held").asLong(), o.get("tier").asText(),
                o.get("tier_since").asLong(), o.get("review_at").asLong(), o.get("in_grace").asBoolean(),
                o.get("last_activity").asLong(), o.get("qualifying_sum").asLong(), o.get("qualifying_from").asLong(),
                o.get("lot_seq").asLong(), o.get("entries").asLong(), o.get("last_entry_at").asLong(),
                o.get("dormant_at").asLong());
    }

    private static ObjectNode json(Lot l) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", l.id().value());
        o.put("member", l.member().value());
        o.put("seq", l.seq());
        o.put("consume_key", l.consumeKey());
        o.put("points", l.points());
        o.put("remaining", l.remaining());
        o.put("earned_at", l.earnedAt());
        o.put("available_at", l.availableAt());
        o.put("expires_at", l.expiresAt());
        o.put("pending", l.pending());
        if (l.amount().isPresent()) {
            o.putRawValue("amount", new RawValue(l.amount().get()));
        } else {
            o.putNull("amount");
        }
        o.put("reversed", l.reversed());
        o.put("qualifying", l.qualifying());
        return o;
    }

    private static Lot lot(JsonNode o) {
        JsonNode amount = o.get("amount");
        return new Lot(MemberId.of(o.get("member").asText()), IdempotencyKey.of(o.get("id").asText()),
                o.get("seq").asLong(), o.get("consume_key").asLong(), o.get("points").asLong(),
                o.get("remaining").asLong(), o.get("earned_at").asLong(), o.get("available_at").asLong(),
                o.get("expires_at").asLong(), o.get("pending").asBoolean(),
                amount == null || amount.isNull() ? Optional.empty() : Optional.of(amount.toString()),
                o.get("reversed").asLong(), o.get("qualifying").asLong());
    }

    private static void taken(ObjectNode o, List<Taken> taken) {
        ArrayNode lots = o.putArray("taken_lots");
        ArrayNode points = o.putArray("taken_points");
        for (Taken t : taken) {
            lots.add(t.lot().value());
            points.add(t.points());
        }
    }

    private static List<Taken> taken(JsonNode o) {
        List<Taken> out = new ArrayList<>();
        JsonNode lots = o.get("taken_lots");
        JsonNode points = o.get("taken_points");
        for (int i = 0; i < lots.size(); i++) {
            out.add(new Taken(IdempotencyKey.of(lots.get(i).asText()), points.get(i).asLong()));
        }
        return out;
    }

    private static Optional<String> optional(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static ArrayNode strings(java.util.Collection<?> values) {
        ArrayNode a = JSON.createArrayNode();
        for (Object v : values) {
            a.add(v instanceof MemberId m ? m.value() : v instanceof IdempotencyKey id ? id.value()
                    : ((OrderId) v).value());
        }
        return a;
    }

    /** One transaction on one connection. */
    private final class PgSession implements Session {
        private final Connection c;

        PgSession(Connection c) {
            this.c = c;
        }

        @Override
        public Locked lock(LockRequest request) {
            ObjectNode p = JSON.createObjectNode();
            p.set("members", strings(request.members()));
            ArrayNode create = p.putArray("create");
            request.create().forEach(m -> create.add(json(m)));
            p.set("references", strings(request.references()));
            p.set("idempotency", strings(request.idempotency()));
            p.set("orders", strings(request.orders()));
            ObjectNode debits = p.putObject("debits");
            request.debits().forEach((m, points) -> debits.put(m.value(), points));
            p.set("full", strings(request.full()));
            p.put("now", request.now());
            p.put("windowStart", request.windowStart());
            JsonNode r = call("SELECT " + t + "lock(?::jsonb)", p);
            List<Member> members = new ArrayList<>();
            r.get("members").forEach(m -> members.add(member(m)));
            Map<IdempotencyKey, MemberId> owners = new HashMap<>();
            r.get("owners").fields().forEachRemaining(e -> owners.put(IdempotencyKey.of(e.getKey()),
                    MemberId.of(e.getValue().asText())));
            List<Lot> lots = new ArrayList<>();
            r.get("lots").forEach(l -> lots.add(lot(l)));
            Map<MemberId, Lot> more = new HashMap<>();
            r.get("more").fields().forEachRemaining(e -> more.put(MemberId.of(e.getKey()), lot(e.getValue())));
            List<Hold> holds = new ArrayList<>();
            r.get("holds").forEach(h -> holds.add(new Hold(MemberId.of(h.get("member").asText()),
                    IdempotencyKey.of(h.get("id").asText()), h.get("points").asLong(), h.get("expires_at").asLong(),
                    taken(h))));
            List<Redemption> redemptions = new ArrayList<>();
            r.get("redemptions").forEach(x -> redemptions.add(new Redemption(MemberId.of(x.get("member").asText()),
                    IdempotencyKey.of(x.get("id").asText()), x.get("points").asLong(), x.get("cancelled").asBoolean(),
                    taken(x))));
            List<Outcome> outcomes = new ArrayList<>();
            r.get("outcomes").forEach(o -> outcomes.add(new Outcome(IdempotencyKey.of(o.get("txn_id").asText()),
                    optional(o, "owner").map(MemberId::of), o.get("request").asText(), o.get("failed").asBoolean(),
                    o.get("outcome").toString(), o.get("at").asLong())));
            Map<OrderId, String> orders = new HashMap<>();
            r.get("orders").fields().forEachRemaining(e -> orders.put(OrderId.of(e.getKey()), e.getValue().toString()));
            return new Locked(members, owners, lots, more, holds, redemptions, outcomes, orders);
        }

        @Override
        public List<Lot> lotsAfter(MemberId member, Lot after, int limit) {
            return sql(() -> {
                try (PreparedStatement p = c.prepareStatement("SELECT row_to_json(l)::text FROM " + t + "lot l "
                        + "WHERE l.member = ? AND l.remaining > 0 AND NOT l.pending AND (l.consume_key, l.seq, l.id) > "
                        + "(?, ?, ?) ORDER BY l.consume_key, l.seq, l.id LIMIT ?")) {
                    p.setString(1, member.value());
                    p.setLong(2, after.consumeKey());
                    p.setLong(3, after.seq());
                    p.setString(4, after.id().value());
                    p.setInt(5, limit);
                    List<Lot> out = new ArrayList<>();
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            out.add(lot(parse(r.getString(1))));
                        }
                    }
                    return out;
                }
            });
        }

        @Override
        public void write(LedgerRows rows) {
            ObjectNode p = JSON.createObjectNode();
            ArrayNode members = p.putArray("members");
            rows.members().forEach(m -> members.add(json(m)));
            ArrayNode lots = p.putArray("lots");
            rows.lots().forEach(l -> lots.add(json(l)));
            ArrayNode holds = p.putArray("holds");
            for (Hold h : rows.holds()) {
                ObjectNode o = holds.addObject();
                o.put("id", h.id().value());
                o.put("member", h.member().value());
                o.put("points", h.points());
                o.put("expires_at", h.expiresAt());
                taken(o, h.taken());
            }
            p.set("settled", strings(rows.settledHolds()));
            ArrayNode redemptions = p.putArray("redemptions");
            for (Redemption r : rows.redemptions()) {
                ObjectNode o = redemptions.addObject();
                o.put("id", r.id().value());
                o.put("member", r.member().value());
                o.put("points", r.points());
                o.put("cancelled", r.cancelled());
                taken(o, r.taken());
            }
            ArrayNode entries = p.putArray("entries");
            for (Entry e : rows.entries()) {
                ObjectNode o = entries.addObject();
                o.put("member", e.member().value());
                o.put("seq", e.seq());
                o.put("txn_id", e.id().value());
                o.put("at", e.at());
                o.putRawValue("body", new RawValue(e.body()));
                o.put("available", e.available());
                o.put("pending", e.pending());
                o.put("held", e.held());
            }
            ArrayNode outcomes = p.putArray("outcomes");
            for (Outcome x : rows.outcomes()) {
                ObjectNode o = outcomes.addObject();
                o.put("txn_id", x.id().value());
                o.put("owner", x.owner().map(MemberId::value).orElse(null));
                o.put("request", x.request());
                o.put("failed", x.failed());
                o.putRawValue("outcome", new RawValue(x.outcome()));
                o.put("at", x.at());
            }
            ArrayNode orders = p.putArray("orders");
            rows.orders().forEach((order, entry) -> orders.addObject().put("order_id", order.value())
                    .putRawValue("entry", new RawValue(entry)));
            ObjectNode program = p.putObject("program");
            rows.program().forEach((k, v) -> program.put(k.name(), v));
            p.put("stripe", ThreadLocalRandom.current().nextInt(STRIPES));
            ObjectNode merged = p.putObject("merged");
            rows.merged().forEach((s, target) -> merged.put(s.value(), target.value()));
            ArrayNode events = p.putArray("events");
            for (Event e : rows.events()) {
                ObjectNode o = events.addObject();
                o.put("member", e.member().value());
                o.put("at", e.at());
                o.put("type", e.type());
                o.putRawValue("body", new RawValue(e.body()));
            }
            sql(() -> {
                try (PreparedStatement s = c.prepareStatement("SELECT " + t + "write(?::jsonb)")) {
                    s.setString(1, p.toString());
                    s.execute();
                }
                return null;
            });
        }

        @Override
        public List<Entry> entries(MemberId member, long from, int limit) {
            return sql(() -> {
                try (PreparedStatement p = c.prepareStatement("SELECT seq, txn_id, at, body::text, available, pending, "
                        + "held FROM " + t + "entry WHERE member = ? AND seq >= ? ORDER BY seq LIMIT ?")) {
                    p.setString(1, member.value());
                    p.setLong(2, from);
                    p.setInt(3, limit);
                    return entries(member, p);
                }
            });
        }

        @Override
        public Optional<Entry> entryAsOf(MemberId member, long at) {
            return sql(() -> {
                try (PreparedStatement p = c.prepareStatement("SELECT seq, txn_id, at, body::text, available, pending, "
                        + "held FROM " + t + "entry WHERE member = ? AND at <= ? ORDER BY seq DESC LIMIT 1")) {
                    p.setString(1, member.value());
                    p.setLong(2, at);
                    return entries(member, p).stream().findFirst();
                }
            });
        }

        private List<Entry> entries(MemberId member, PreparedStatement p) throws SQLException {
            List<Entry> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Entry(member, r.getLong(1), IdempotencyKey.of(r.getString(2)), r.getLong(3),
                            r.getString(4), r.getLong(5), r.getLong(6), r.getLong(7)));
                }
            }
            return out;
        }

        @Override
        public long programBalance(AccountKind account) {
            return sql(() -> {
                try (PreparedStatement p = c.prepareStatement("SELECT coalesce(sum(points), 0) FROM " + t
                        + "program WHERE account = ?")) {
                    p.setString(1, account.name());
                    try (ResultSet r = p.executeQuery()) {
                        r.next();
                        return r.getLong(1);
                    }
                }
            });
        }

        @Override
        public List<MemberId> dueMembers(long now, int limit) {
            return sql(() -> {
                try (PreparedStatement p = c.prepareStatement("SELECT member FROM ("
                        + "(SELECT member FROM " + t + "member WHERE merged_into IS NULL AND review_at <= ? LIMIT ?) "
                        + "UNION (SELECT member FROM " + t + "member WHERE merged_into IS NULL AND dormant_at <= ? "
                        + "AND dormant_at < 9223372036854775807 LIMIT ?) "
                        + "UNION (SELECT member FROM " + t + "lot WHERE remaining > 0 AND NOT pending AND expires_at <= ? "
                        + "LIMIT ?) "
                        + "UNION (SELECT member FROM " + t + "lot WHERE pending AND available_at <= ? LIMIT ?) "
                        + "UNION (SELECT member FROM " + t + "hold WHERE expires_at <= ? LIMIT ?)) d "
                        + "ORDER BY member LIMIT ?")) {
                    for (int i = 0; i < 5; i++) {
                        p.setLong(2 * i + 1, now);
                        p.setInt(2 * i + 2, limit);
                    }
                    p.setInt(11, limit);
                    List<MemberId> out = new ArrayList<>();
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            out.add(MemberId.of(r.getString(1)));
                        }
                    }
                    return out;
                }
            });
        }

        private JsonNode call(String statement, ObjectNode argument) {
            return sql(() -> {
                try (PreparedStatement s = c.prepareStatement(statement)) {
                    s.setString(1, argument.toString());
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        return parse(r.getString(1));
                    }
                }
            });
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the ledger lock function returned malformed JSON", e);
        }
    }
}

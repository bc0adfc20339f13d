package io.github.omniretail.mysql.loyalty;

import static io.github.omniretail.mysql.jdbc.Unchecked.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.loyalty.AccountKind;
import io.github.omniretail.loyalty.spi.LedgerStorage;
import io.github.omniretail.mysql.jdbc.Rows;
import io.github.omniretail.mysql.jdbc.Transactions;
import io.github.omniretail.mysql.jdbc.Unchecked;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ledger rows on MySQL / MariaDB (loyalty schema V1): a member row, a lot row per earn, open holds, redemptions,
 * entries with the balances after each, idempotency records, earned orders, striped program accounts and the
 * outbox. {@link Session#lock} resolves referenced transactions to their live owners, locks the member rows
 * {@code FOR UPDATE} in key order and loads what the kernel needs: per member a prefix of its active lots in
 * consumption order covering its debits, what fell due, what the call names — the same selection as the PostgreSQL
 * store's lock function, in a few statements. Decides nothing. Thread-safe; holds no connection between
 * transactions.
 *
 * <p>Longer than most files: the lock's selection and the writes of the eleven kinds of row are one contract with
 * the kernel (see {@link LedgerStorage}) and read best side by side; there is no logic here beyond choosing rows.
 */
public final class MySqlLedgerStorage implements LedgerStorage {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Program account rows per account. */
    private static final int STRIPES = 16;
    /** Lots read ahead for a member with debits (the PostgreSQL store reads as many). */
    private static final int PREFIX = 65;
    private static final int CHUNK = 500;
    private static final String MEMBER_COLUMNS = "member, merged_into, available, pending, held, tier, tier_since, "
            + "review_at, in_grace, last_activity, qualifying_sum, qualifying_from, lot_seq, entries, last_entry_at, "
            + "dormant_at";
    private static final String LOT_COLUMNS = "member, id, seq, consume_key, points, remaining, earned_at, "
            + "available_at, expires_at, pending, amount, reversed, qualifying";

    private final Transactions tx;
    private final String t;

    /**
     * @param tx non-null transaction runner (retries transient failures and duplicate keys)
     * @param prefix the database qualifier ({@code "shop."}) or empty, already validated
     */
    public MySqlLedgerStorage(Transactions tx, String prefix) {
        this.tx = tx;
        this.t = prefix + "omniretail_ldg_";
    }

    @Override
    public <T> T transaction(String operation, Work<T> work) {
        return tx.run(operation, c -> Unchecked.rethrown(() -> work.run(new MySession(c))));
    }

    @Override
    public String toString() {
        return "MySqlLedgerStorage[" + t + "*]";
    }

    private static Member member(ResultSet r) throws SQLException {
        return new Member(MemberId.of(r.getString(1)), Optional.ofNullable(r.getString(2)).map(MemberId::of),
                r.getLong(3), r.getLong(4), r.getLong(5), r.getString(6), r.getLong(7), r.getLong(8),
                r.getBoolean(9), r.getLong(10), r.getLong(11), r.getLong(12), r.getLong(13), r.getLong(14),
                r.getLong(15), r.getLong(16));
    }

    private static Lot lot(ResultSet r) throws SQLException {
        return new Lot(MemberId.of(r.getString(1)), IdempotencyKey.of(r.getString(2)), r.getLong(3), r.getLong(4),
                r.getLong(5), r.getLong(6), r.getLong(7), r.getLong(8), r.getLong(9), r.getBoolean(10),
                Optional.ofNullable(r.getString(11)), r.getLong(12), r.getLong(13));
    }

    private static String taken(List<Taken> taken) {
        ArrayNode a = JSON.createArrayNode();
        for (Taken x : taken) {
            a.addArray().add(x.lot().value()).add(x.points());
        }
        return a.toString();
    }

    private static List<Taken> taken(String text) {
        List<Taken> out = new ArrayList<>();
        try {
            for (JsonNode x : JSON.readTree(text)) {
                out.add(new Taken(IdempotencyKey.of(x.get(0).asText()), x.get(1).asLong()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored lots taken are not JSON", e);
        }
        return out;
    }

    private static List<String> values(Collection<?> ids) {
        List<String> out = new ArrayList<>(ids.size());
        for (Object v : ids) {
            out.add(v instanceof MemberId m ? m.value() : v instanceof IdempotencyKey k ? k.value()
                    : ((OrderId) v).value());
        }
        out.sort(null);
        return out;
    }

    /** One transaction on one connection. */
    private final class MySession implements Session {
        private final Connection c;

        MySession(Connection c) {
            this.c = c;
        }

        /** Runs a query with an IN list, in chunks, handing each row to {@code row}. */
        private void each(String before, List<String> in, String after, List<Object> extra, RowReader row)
                throws SQLException {
            for (List<String> chunk : Rows.chunks(in, CHUNK)) {
                try (PreparedStatement p = c.prepareStatement(before + Rows.in(chunk.size()) + after)) {
                    Rows.bind(p, Rows.bind(p, 1, chunk), extra);
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            row.read(r);
                        }
                    }
                }
            }
        }

        @Override
        public Locked lock(LockRequest request) {
            return sql(() -> {
                List<String> refs = values(request.references());
                Set<String> named = new TreeSet<>(values(request.members()));
                Map<String, Member> rows = new TreeMap<>();
                Map<IdempotencyKey, MemberId> owners = new HashMap<>();
                while (true) {
                    owners.clear();
                    Set<String> roots = new TreeSet<>();
                    if (!refs.isEmpty()) {
                        resolveOwners(refs, owners);
                        owners.values().forEach(m -> roots.add(m.value()));
                    }
                    Set<String> want = new TreeSet<>(named);
                    want.addAll(roots);
                    want.removeAll(rows.keySet());
                    if (!want.isEmpty()) {
                        each("SELECT " + MEMBER_COLUMNS + " FROM " + t + "member WHERE member IN ",
                                new ArrayList<>(want), " ORDER BY member FOR UPDATE", List.of(),
                                r -> rows.put(r.getString(1), member(r)));
                    }
                    // an owner merged away while we waited: resolve again
                    if (roots.stream().noneMatch(m -> rows.containsKey(m) && rows.get(m).mergedInto().isPresent())) {
                        break;
                    }
                }
                List<Member> create = new ArrayList<>();
                for (Member m : request.create()) {
                    if (!rows.containsKey(m.member().value())) {
                        create.add(m);
                    }
                }
                create.sort(java.util.Comparator.comparing(m -> m.member().value()));
                if (!create.isEmpty()) {
                    writeMembers(create, false); // a racing creator fails this transaction: it reruns
                    create.forEach(m -> rows.put(m.member().value(), m));
                }
                List<String> locked = new ArrayList<>(rows.keySet());
                Set<String> full = new TreeSet<>();
                Set<String> dormant = new TreeSet<>();
                Set<String> prefix = new TreeSet<>();
                Set<String> fullRequested = new HashSet<>(values(request.full()));
                for (Member m : rows.values()) {
                    String id = m.member().value();
                    (fullRequested.contains(id) ? full : m.dormantAt() <= request.now() ? dormant : prefix).add(id);
                }
                Map<String, Lot> lots = new LinkedHashMap<>();
                Map<MemberId, Lot> more = new HashMap<>();
                for (String m : prefix) {
                    prefixLots(m, request.debits().getOrDefault(MemberId.of(m), 0L), lots, more);
                }
                String select = "SELECT " + LOT_COLUMNS + " FROM " + t + "lot ";
                RowReader addLot = r -> {
                    Lot l = lot(r);
                    lots.putIfAbsent(l.id().value(), l);
                };
                long now = request.now();
                if (!full.isEmpty()) {
                    each(select + "WHERE member IN ", List.copyOf(full), "", List.of(), addLot);
                }
                if (!dormant.isEmpty()) {
                    each(select + "WHERE member IN ", List.copyOf(dormant), " AND active = TRUE", List.of(), addLot);
                }
                if (!prefix.isEmpty()) {
                    each(select + "WHERE member IN ", List.copyOf(prefix), " AND active = TRUE AND expires_at <= ?",
                            List.of(now), addLot);
                }
                List<String> partial = new ArrayList<>(prefix);
                partial.addAll(dormant);
                if (!partial.isEmpty()) {
                    each(select + "WHERE member IN ", partial, " AND pending = TRUE AND available_at <= ?",
                            List.of(now), addLot);
                    each(select + "WHERE member IN ", partial, " AND qualifying > 0 AND earned_at <= ?",
                            List.of(request.windowStart()), addLot);
                }
                Set<String> lockedSet = new HashSet<>(locked);
                if (!refs.isEmpty()) {
                    each(select + "WHERE id IN ", refs, "", List.of(), r -> {
                        if (lockedSet.contains(r.getString(1))) {
                            addLot.read(r);
                        }
                    });
                }
                List<Hold> holds = new ArrayList<>();
                List<Redemption> redemptions = new ArrayList<>();
                if (!locked.isEmpty()) {
                    each("SELECT member, id, points, expires_at, taken FROM " + t + "hold WHERE member IN ", locked,
                            "", List.of(), r -> holds.add(new Hold(MemberId.of(r.getString(1)),
                                    IdempotencyKey.of(r.getString(2)), r.getLong(3), r.getLong(4),
                                    taken(r.getString(5)))));
                    RowReader redemption = r -> redemptions.add(new Redemption(MemberId.of(r.getString(1)),
                            IdempotencyKey.of(r.getString(2)), r.getLong(3), r.getBoolean(4),
                            taken(r.getString(5))));
                    String redemptionSelect = "SELECT member, id, points, cancelled, taken FROM " + t + "redemption ";
                    if (!refs.isEmpty()) {
                        each(redemptionSelect + "WHERE id IN ", refs, "", List.of(), r -> {
                            if (lockedSet.contains(r.getString(1)) && !full.contains(r.getString(1))) {
                                redemption.read(r);
                            }
                        });
                    }
                    if (!full.isEmpty()) {
                        each(redemptionSelect + "WHERE member IN ", List.copyOf(full), "", List.of(), redemption);
                    }
                }
                // the lots open holds and named redemptions took
                Set<String> takenLots = new TreeSet<>();
                holds.forEach(h -> h.taken().forEach(x -> takenLots.add(x.lot().value())));
                redemptions.stream().filter(x -> !full.contains(x.member().value()))
                        .forEach(x -> x.taken().forEach(y -> takenLots.add(y.lot().value())));
                takenLots.removeAll(lots.keySet());
                if (!takenLots.isEmpty()) {
                    each(select + "WHERE id IN ", List.copyOf(takenLots), "", List.of(), addLot);
                }
                List<Outcome> outcomes = new ArrayList<>();
                if (!request.idempotency().isEmpty()) {
                    each("SELECT txn_id, owner, request, failed, outcome, at FROM " + t + "txn WHERE txn_id IN ",
                            values(request.idempotency()), "", List.of(), r -> outcomes.add(new Outcome(
                                    IdempotencyKey.of(r.getString(1)),
                                    Optional.ofNullable(r.getString(2)).map(MemberId::of), r.getString(3),
                                    r.getBoolean(4), r.getString(5), r.getLong(6))));
                }
                Map<OrderId, String> orders = new HashMap<>();
                if (!request.orders().isEmpty()) {
                    each("SELECT order_id, entry FROM " + t + "earned_order WHERE order_id IN ",
                            values(request.orders()), "", List.of(),
                            r -> orders.put(OrderId.of(r.getString(1)), r.getString(2)));
                }
                return new Locked(new ArrayList<>(rows.values()), owners, new ArrayList<>(lots.values()), more, holds,
                        redemptions, outcomes, orders);
            });
        }

        /** Owners of the referenced transactions, followed to the live member each was merged into. */
        private void resolveOwners(List<String> refs, Map<IdempotencyKey, MemberId> owners) throws SQLException {
            Map<String, String> owner = new HashMap<>();
            each("SELECT txn_id, owner FROM " + t + "txn WHERE txn_id IN ", refs,
                    " AND failed = FALSE AND owner IS NOT NULL", List.of(),
                    r -> owner.put(r.getString(1), r.getString(2)));
            Map<String, String> next = new HashMap<>();
            Set<String> ask = new TreeSet<>(owner.values());
            for (int depth = 0; depth < 1000 && !ask.isEmpty(); depth++) {
                Map<String, String> found = new HashMap<>();
                each("SELECT member, merged_into FROM " + t + "member WHERE member IN ", List.copyOf(ask),
                        " AND merged_into IS NOT NULL", List.of(), r -> found.put(r.getString(1), r.getString(2)));
                next.putAll(found);
                ask = new TreeSet<>(found.values());
                ask.removeAll(next.keySet());
            }
            owner.forEach((ref, member) -> {
                String m = member;
                for (int depth = 0; depth < 1000 && next.containsKey(m); depth++) {
                    m = next.get(m);
                }
                owners.put(IdempotencyKey.of(ref), MemberId.of(m));
            });
        }

        /** A member's active lots in consumption order covering {@code budget} points (at least one). */
        private void prefixLots(String member, long budget, Map<String, Lot> into, Map<MemberId, Lot> more)
                throws SQLException {
            int limit = budget == 0 ? 2 : PREFIX;
            List<Lot> fetched = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT " + LOT_COLUMNS + " FROM " + t + "lot WHERE member = ? "
                    + "AND active = TRUE ORDER BY consume_key, seq, id LIMIT ?")) {
                p.setString(1, member);
                p.setInt(2, limit);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        fetched.add(lot(r));
                    }
                }
            }
            long before = 0;
            int kept = 0;
            for (Lot l : fetched) {
                if (kept > 0 && before >= budget) {
                    break;
                }
                into.putIfAbsent(l.id().value(), l);
                before += l.remaining();
                kept++;
            }
            if (kept > 0 && (kept < fetched.size() || kept == PREFIX)) {
                more.put(MemberId.of(member), fetched.get(kept - 1));
            }
        }

        @Override
        public List<Lot> lotsAfter(MemberId member, Lot after, int limit) {
            return sql(() -> {
                try (PreparedStatement p = c.prepareStatement("SELECT " + LOT_COLUMNS + " FROM " + t + "lot "
                        + "WHERE member = ? AND active = TRUE AND (consume_key > ? OR (consume_key = ? AND (seq > ? OR "
                        + "(seq = ? AND id > ?)))) ORDER BY consume_key, seq, id LIMIT ?")) {
                    p.setString(1, member.value());
                    p.setLong(2, after.consumeKey());
                    p.setLong(3, after.consumeKey());
                    p.setLong(4, after.seq());
                    p.setLong(5, after.seq());
                    p.setString(6, after.id().value());
                    p.setInt(7, limit);
                    List<Lot> out = new ArrayList<>();
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            out.add(lot(r));
                        }
                    }
                    return out;
                }
            });
        }

        private void writeMembers(List<Member> members, boolean upsert) throws SQLException {
            for (List<Member> chunk : Rows.chunks(members, CHUNK)) {
                StringBuilder s = new StringBuilder("INSERT INTO " + t + "member (" + MEMBER_COLUMNS + ") VALUES ")
                        .append(Rows.tuples(chunk.size(), 16));
                if (upsert) {
                    s.append(" ON DUPLICATE KEY UPDATE ");
                    String[] columns = MEMBER_COLUMNS.split(", ");
                    for (int i = 1; i < columns.length; i++) {
                        s.append(i == 1 ? "" : ", ").append(columns[i]).append(" = VALUES(").append(columns[i])
                                .append(')');
                    }
                }
                try (PreparedStatement p = c.prepareStatement(s.toString())) {
                    int i = 1;
                    for (Member m : chunk) {
                        p.setString(i++, m.member().value());
                        p.setString(i++, m.mergedInto().map(MemberId::value).orElse(null));
                        p.setLong(i++, m.available());
                        p.setLong(i++, m.pending());
                        p.setLong(i++, m.held());
                        p.setString(i++, m.tier());
                        p.setLong(i++, m.tierSince());
                        p.setLong(i++, m.reviewAt());
                        p.setBoolean(i++, m.inGrace());
                        p.setLong(i++, m.lastActivity());
                        p.setLong(i++, m.qualifyingSum());
                        p.setLong(i++, m.qualifyingFrom());
                        p.setLong(i++, m.lotSeq());
                        p.setLong(i++, m.entries());
                        p.setLong(i++, m.lastEntryAt());
                        p.setLong(i++, m.dormantAt());
                    }
                    p.executeUpdate();
                }
            }
        }

        @Override
        public void write(LedgerRows rows) {
            sql(() -> {
                if (!rows.members().isEmpty()) {
                    writeMembers(rows.members(), true);
                }
                for (List<Lot> chunk : Rows.chunks(rows.lots(), CHUNK)) {
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + "lot (" + LOT_COLUMNS
                            + ", active) VALUES " + Rows.tuples(chunk.size(), 14) + " ON DUPLICATE KEY UPDATE "
                            + "member = VALUES(member), seq = VALUES(seq), consume_key = VALUES(consume_key), "
                            + "remaining = VALUES(remaining), pending = VALUES(pending), reversed = VALUES(reversed), "
                            + "qualifying = VALUES(qualifying), active = VALUES(active)")) {
                        int i = 1;
                        for (Lot l : chunk) {
                            p.setString(i++, l.member().value());
                            p.setString(i++, l.id().value());
                            p.setLong(i++, l.seq());
                            p.setLong(i++, l.consumeKey());
                            p.setLong(i++, l.points());
                            p.setLong(i++, l.remaining());
                            p.setLong(i++, l.earnedAt());
                            p.setLong(i++, l.availableAt());
                            p.setLong(i++, l.expiresAt());
                            p.setBoolean(i++, l.pending());
                            if (l.amount().isPresent()) {
                                p.setString(i++, l.amount().get());
                            } else {
                                p.setNull(i++, Types.VARCHAR);
                            }
                            p.setLong(i++, l.reversed());
                            p.setLong(i++, l.qualifying());
                            p.setBoolean(i++, l.remaining() > 0 && !l.pending());
                        }
                        p.executeUpdate();
                    }
                }
                if (!rows.settledHolds().isEmpty()) {
                    for (List<String> chunk : Rows.chunks(values(rows.settledHolds()), CHUNK)) {
                        try (PreparedStatement p = c.prepareStatement("DELETE FROM " + t + "hold WHERE id IN "
                                + Rows.in(chunk.size()))) {
                            Rows.bind(p, 1, chunk);
                            p.executeUpdate();
                        }
                    }
                }
                for (List<Hold> chunk : Rows.chunks(rows.holds(), CHUNK)) {
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + "hold (id, member, points, "
                            + "expires_at, taken) VALUES " + Rows.tuples(chunk.size(), 5))) {
                        int i = 1;
                        for (Hold h : chunk) {
                            p.setString(i++, h.id().value());
                            p.setString(i++, h.member().value());
                            p.setLong(i++, h.points());
                            p.setLong(i++, h.expiresAt());
                            p.setString(i++, taken(h.taken()));
                        }
                        p.executeUpdate();
                    }
                }
                for (List<Redemption> chunk : Rows.chunks(rows.redemptions(), CHUNK)) {
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + "redemption (id, member, points, "
                            + "cancelled, taken) VALUES " + Rows.tuples(chunk.size(), 5) + " ON DUPLICATE KEY UPDATE "
                            + "member = VALUES(member), cancelled = VALUES(cancelled), taken = VALUES(taken)")) {
                        int i = 1;
                        for (Redemption x : chunk) {
                            p.setString(i++, x.id().value());
                            p.setString(i++, x.member().value());
                            p.setLong(i++, x.points());
                            p.setBoolean(i++, x.cancelled());
                            p.setString(i++, taken(x.taken()));
                        }
                        p.executeUpdate();
                    }
                }
                for (List<Entry> chunk : Rows.chunks(rows.entries(), CHUNK)) {
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + "entry (member, seq, txn_id, at, "
                            + "body, available, pending, held) VALUES " + Rows.tuples(chunk.size(), 8))) {
                        int i = 1;
                        for (Entry e : chunk) {
                            p.setString(i++, e.member().value());
                            p.setLong(i++, e.seq());
                            p.setString(i++, e.id().value());
                            p.setLong(i++, e.at());
                            p.setString(i++, e.body());
                            p.setLong(i++, e.available());
                            p.setLong(i++, e.pending());
                            p.setLong(i++, e.held());
                        }
                        p.executeUpdate();
                    }
                }
                for (List<Outcome> chunk : Rows.chunks(rows.outcomes(), CHUNK)) {
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + "txn (txn_id, owner, request, "
                            + "failed, outcome, at) VALUES " + Rows.tuples(chunk.size(), 6))) {
                        int i = 1;
                        for (Outcome o : chunk) {
                            p.setString(i++, o.id().value());
                            p.setString(i++, o.owner().map(MemberId::value).orElse(null));
                            p.setString(i++, o.request());
                            p.setBoolean(i++, o.failed());
                            p.setString(i++, o.outcome());
                            p.setLong(i++, o.at());
                        }
                        p.executeUpdate();
                    }
                }
                if (!rows.orders().isEmpty()) {
                    List<Map.Entry<OrderId, String>> orders = new ArrayList<>(rows.orders().entrySet());
                    for (List<Map.Entry<OrderId, String>> chunk : Rows.chunks(orders, CHUNK)) {
                        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + "earned_order (order_id, "
                                + "entry) VALUES " + Rows.tuples(chunk.size(), 2))) {
                            int i = 1;
                            for (Map.Entry<OrderId, String> o : chunk) {
                                p.setString(i++, o.getKey().value());
                                p.setString(i++, o.getValue());
                            }
                            p.executeUpdate();
                        }
                    }
                }
                if (!rows.program().isEmpty()) {
                    Map<AccountKind, Long> program = new TreeMap<>(rows.program());
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + "program (account, stripe, points) "
                            + "VALUES " + Rows.tuples(program.size(), 3) + " ON DUPLICATE KEY UPDATE "
                            + "points = points + VALUES(points)")) {
                        int stripe = ThreadLocalRandom.current().nextInt(STRIPES);
                        int i = 1;
                        for (Map.Entry<AccountKind, Long> e : program.entrySet()) {
                            p.setString(i++, e.getKey().name());
                            p.setInt(i++, stripe);
                            p.setLong(i++, e.getValue());
                        }
                        p.executeUpdate();
                    }
                }
                for (Map.Entry<MemberId, MemberId> m : rows.merged().entrySet()) {
                    for (String table : List.of("lot", "redemption")) {
                        try (PreparedStatement p = c.prepareStatement("UPDATE " + t + table + " SET member = ? "
                                + "WHERE member = ?")) {
                            p.setString(1, m.getValue().value());
                            p.setString(2, m.getKey().value());
                            p.executeUpdate();
                        }
                    }
                }
                if (!rows.events().isEmpty()) {
                    try (PreparedStatement p = c.prepareStatement("SELECT id FROM " + t + "event_gate WHERE id = 1 "
                            + "LOCK IN SHARE MODE"); ResultSet r = p.executeQuery()) {
                        r.next();
                    }
                    for (List<Event> chunk : Rows.chunks(rows.events(), CHUNK)) {
                        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + "event (member, occurred_at, "
                                + "type, body) VALUES " + Rows.tuples(chunk.size(), 4))) {
                            int i = 1;
                            for (Event e : chunk) {
                                p.setString(i++, e.member().value());
                                p.setLong(i++, e.at());
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

        @Override
        public List<Entry> entries(MemberId member, long from, int limit) {
            return sql(() -> {
                try (PreparedStatement p = c.prepareStatement("SELECT seq, txn_id, at, body, available, pending, held "
                        + "FROM " + t + "entry WHERE member = ? AND seq >= ? ORDER BY seq LIMIT ?")) {
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
                try (PreparedStatement p = c.prepareStatement("SELECT seq, txn_id, at, body, available, pending, held "
                        + "FROM " + t + "entry WHERE member = ? AND at <= ? ORDER BY seq DESC LIMIT 1")) {
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
                        + "UNION (SELECT member FROM " + t + "lot WHERE active = TRUE AND expires_at <= ? LIMIT ?) "
                        + "UNION (SELECT member FROM " + t + "lot WHERE pending = TRUE AND available_at <= ? LIMIT ?) "
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
    }

    /** Reads one row. */
    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet r) throws SQLException;
    }
}

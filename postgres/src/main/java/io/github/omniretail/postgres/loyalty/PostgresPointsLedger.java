package io.github.omniretail.postgres.loyalty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.MemberId;
import io.github.omniretail.core.Money;
import io.github.omniretail.core.Order;
import io.github.omniretail.core.OrderId;
import io.github.omniretail.core.event.LoyaltyEvent;
import io.github.omniretail.postgres.jdbc.Transactions;
import io.github.omniretail.loyalty.AccountKind;
import io.github.omniretail.loyalty.Balance;
import io.github.omniretail.loyalty.LedgerEntry;
import io.github.omniretail.loyalty.Lot;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.Tier;
import io.github.omniretail.loyalty.TransactionId;
import io.github.omniretail.loyalty.spi.LedgerStoreContext;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The points ledger on PostgreSQL. A member's state is the in-memory ledger's rules replayed over the member's
 * command log at the instants the commands were applied; every lazy effect (activation, expiry, hold time-out) is
 * dated at its due time, so the replay is exact whenever it runs. Each operation locks its members' rows in member
 * order, replays them, applies the command at {@code max(now, the members' last command)}, and appends in the same
 * transaction the command, its entries, the refreshed balances and lots, and the idempotency record keyed by the
 * transaction id. Members merged into another are replayed with it. Thread-safe.
 */
public final class PostgresPointsLedger implements PointsLedger {

    private static final Logger LOG = LoggerFactory.getLogger(PointsLedger.class);

    /** A clock the replay moves from command to command. */
    private static final class ReplayClock extends Clock {
        volatile Instant now = Instant.EPOCH;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the replay clock is UTC");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A command as logged. */
    private record Command(String kind, MemberId member, Optional<TransactionId> txn, JsonNode args, Instant at) {
    }

    /** A kernel replayed up to the members' last command. */
    private record Kernel(PointsLedger ledger, ReplayClock clock, List<LoyaltyEvent> events, boolean[] live,
            List<Command> commands) {
    }

    private record Outcome<T>(T result, RuntimeException failure, List<LoyaltyEvent> events) {
    }

    private final Transactions tx;
    private final String s;
    private final LedgerStoreContext context;

    public PostgresPointsLedger(Transactions tx, String schema, LedgerStoreContext context) {
        this.tx = tx;
        this.s = schema + ".omniretail_ldg_";
        this.context = context;
    }

    // =====================================================================================================
    // commands

    @Override
    public void enrol(MemberId member) {
        Objects.requireNonNull(member, "member");
        write("enrol", null, null, c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + s + "member (member, last_at) VALUES (?, ?) "
                    + "ON CONFLICT DO NOTHING")) {
                p.setString(1, member.value());
                p.setTimestamp(2, Timestamp.from(Instant.EPOCH));
                p.executeUpdate();
            }
            return List.of(member);
        }, member, "enrol", LedgerJson.object(), k -> {
            k.enrol(member);
            return null;
        });
    }

    @Override
    public LedgerEntry earn(TransactionId id, MemberId member, OrderId order, Channel channel, Money amount) {
        Check.id(id);
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(amount, "amount");
        ObjectNode args = LedgerJson.object();
        args.put("order", order.value());
        args.set("channel", LedgerJson.tree(channel));
        args.set("amount", LedgerJson.tree(amount));
        return write("earn", id, "earn " + member + " " + order + " " + channel + " " + amount, members(member), member,
                "earn", args, k -> k.earn(id, member, order, channel, amount));
    }

    @Override
    public LedgerEntry earn(TransactionId id, MemberId member, Order order) {
        Check.id(id);
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(order, "order");
        ObjectNode args = LedgerJson.object();
        args.set("order", LedgerJson.tree(order));
        return write("earn", id, "earnOrder " + member + " " + order, members(member), member, "earnOrder", args,
                k -> k.earn(id, member, order));
    }

    @Override
    public LedgerEntry hold(TransactionId id, MemberId member, long points, Duration ttl) {
        Check.id(id);
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(ttl, "ttl");
        Check.positive(points);
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        ObjectNode args = LedgerJson.object();
        args.put("points", points);
        args.put("ttl", ttl.toString());
        return write("hold", id, "hold " + member + " " + points + " " + ttl, members(member), member, "hold", args,
                k -> k.hold(id, member, points, ttl));
    }

    @Override
    public LedgerEntry post(TransactionId id, TransactionId hold, long points) {
        Check.id(id);
        Objects.requireNonNull(hold, "hold");
        Check.positive(points);
        ObjectNode args = LedgerJson.object();
        args.put("hold", hold.value());
        args.put("points", points);
        return onTransaction("post", id, "post " + hold + " " + points, hold, "post", args, k -> k.post(id, hold, points));
    }

    @Override
    public LedgerEntry voidHold(TransactionId id, TransactionId hold) {
        Check.id(id);
        Objects.requireNonNull(hold, "hold");
        ObjectNode args = LedgerJson.object();
        args.put("hold", hold.value());
        return onTransaction("voidHold", id, "void " + hold, hold, "void", args, k -> k.voidHold(id, hold));
    }

    @Override
    public LedgerEntry redeem(TransactionId id, MemberId member, long points) {
        Check.id(id);
        Objects.requireNonNull(member, "member");
        Check.positive(points);
        ObjectNode args = LedgerJson.object();
        args.put("points", points);
        return write("redeem", id, "redeem " + member + " " + points, members(member), member, "redeem", args,
                k -> k.redeem(id, member, points));
    }

    @Override
    public LedgerEntry refund(TransactionId id, TransactionId earn, Money refunded) {
        Check.id(id);
        Objects.requireNonNull(earn, "earn");
        Objects.requireNonNull(refunded, "refunded");
        ObjectNode args = LedgerJson.object();
        args.put("earn", earn.value());
        args.set("refunded", LedgerJson.tree(refunded));
        return onTransaction("refund", id, "refund " + earn + " " + refunded, earn, "refund", args,
                k -> k.refund(id, earn, refunded));
    }

    @Override
    public LedgerEntry cancelRedemption(TransactionId id, TransactionId redemption) {
        Check.id(id);
        Objects.requireNonNull(redemption, "redemption");
        ObjectNode args = LedgerJson.object();
        args.put("redemption", redemption.value());
        return onTransaction("cancelRedemption", id, "cancel " + redemption, redemption, "cancel", args,
                k -> k.cancelRedemption(id, redemption));
    }

    @Override
    public LedgerEntry merge(TransactionId id, MemberId source, MemberId target) {
        Check.id(id);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        if (source.equals(target)) {
            throw new IllegalArgumentException("cannot merge member " + source + " into itself");
        }
        ObjectNode args = LedgerJson.object();
        args.put("source", source.value());
        args.put("target", target.value());
        return write("merge", id, "merge " + source + " " + target, c -> roots(c, List.of(source, target)), target,
                "merge", args, k -> k.merge(id, source, target));
    }

    @Override
    public int expireDue() {
        Instant now = context.clock().instant();
        List<MemberId> due = tx.run("expireDue", c -> {
            List<MemberId> members = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT member FROM " + s + "member WHERE next_due <= ? "
                    + "AND merged_into IS NULL ORDER BY member")) {
                p.setTimestamp(1, Timestamp.from(now));
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        members.add(MemberId.of(r.getString(1)));
                    }
                }
            }
            return members;
        });
        int written = 0;
        for (MemberId member : due) {
            written += write("expireDue", null, null, members(member), member, "sweep", LedgerJson.object(),
                    PointsLedger::expireDue);
        }
        return written;
    }

    private LedgerEntry onTransaction(String operation, TransactionId id, String request, TransactionId referenced,
            String kind, ObjectNode args, Function<PointsLedger, LedgerEntry> op) {
        MemberId[] owner = new MemberId[1];
        return write(operation, id, request, c -> {
            Optional<MemberId> o = owner(c, referenced);
            owner[0] = o.orElse(null);
            return o.isPresent() ? roots(c, List.of(o.get())) : List.of();
        }, null, kind, args, op, owner);
    }

    // =====================================================================================================
    // reads

    @Override
    public Balance balance(MemberId member) {
        return read("balance", member, k -> k.balance(member));
    }

    @Override
    public Balance balanceAsOf(MemberId member, Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return read("balanceAsOf", member, k -> k.balanceAsOf(member, instant));
    }

    @Override
    public List<Lot> lots(MemberId member) {
        return read("lots", member, k -> k.lots(member));
    }

    @Override
    public long expiringWithin(MemberId member, Duration window) {
        Objects.requireNonNull(window, "window");
        return read("expiringWithin", member, k -> k.expiringWithin(member, window));
    }

    @Override
    public List<LedgerEntry> statement(MemberId member, int page, int size) {
        if (page < 0 || size < 1 || size > 1_000) {
            throw new IllegalArgumentException("page must be >= 0 and size 1..1000, were " + page + " and " + size);
        }
        return read("statement", member, k -> k.statement(member, page, size));
    }

    @Override
    public Tier tier(MemberId member) {
        return read("tier", member, k -> k.tier(member));
    }

    @Override
    public long qualifyingPoints(MemberId member) {
        return read("qualifyingPoints", member, k -> k.qualifyingPoints(member));
    }

    @Override
    public Balance rebuild(MemberId member) {
        return read("rebuild", member, k -> k.rebuild(member));
    }

    @Override
    public long programBalance(AccountKind account) {
        Objects.requireNonNull(account, "account");
        if (account.memberAccount()) {
            throw new IllegalArgumentException(account + " is a member account");
        }
        return tx.run("programBalance", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT coalesce(sum((p->>'points')::bigint), 0) FROM " + s
                    + "entry e, jsonb_array_elements(e.body->'postings') p WHERE p->>'account' = ?")) {
                p.setString(1, account.name());
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    /**
     * A read on the member replayed to now, in a repeatable-read snapshot. If something fell due since the
     * member's last command (activation, expiry, a hold timing out), its entries are then written by a sweep, as
     * the in-memory ledger writes them on read, so program balances and other instances see them.
     */
    @SuppressWarnings("unchecked")
    private <T> T read(String operation, MemberId member, Function<PointsLedger, T> query) {
        Objects.requireNonNull(member, "member");
        Object[] result = new Object[1];
        boolean due = tx.read(operation, c -> {
            Instant now = context.clock().instant();
            Kernel k = replay(c, roots(c, List.of(member)), null);
            k.clock().now = max(now, k.commands().isEmpty() ? now : k.commands().get(k.commands().size() - 1).at());
            result[0] = query.apply(k.ledger());
            return unwritten(c, k);
        });
        if (due) {
            write("sweep", null, null, c -> roots(c, List.of(member)), member, "sweep", LedgerJson.object(),
                    PointsLedger::expireDue);
        }
        return (T) result[0];
    }

    /** Whether the kernel holds entries (fallen due on replay to now) that the entry table does not. */
    private boolean unwritten(Connection c, Kernel k) throws SQLException {
        Set<MemberId> members = new TreeSet<>(java.util.Comparator.comparing(MemberId::value));
        k.commands().forEach(cmd -> members.add(cmd.member()));
        for (MemberId m : members) {
            try (PreparedStatement p = c.prepareStatement("SELECT entries FROM " + s + "member WHERE member = ?")) {
                p.setString(1, m.value());
                try (ResultSet r = p.executeQuery()) {
                    if (r.next() && entriesIn(k.ledger(), m) > r.getInt(1)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static int entriesIn(PointsLedger ledger, MemberId m) {
        try {
            return all(ledger, m).size();
        } catch (RuntimeException notEnrolled) {
            return 0;
        }
    }

    // =====================================================================================================
    // the transaction skeleton

    @FunctionalInterface
    private interface Scope {
        List<MemberId> members(Connection c) throws SQLException;
    }

    private static Scope members(MemberId member) {
        return c -> List.of(member);
    }

    private <T> T write(String operation, TransactionId id, String request, Scope scope, MemberId commandMember,
            String kind, ObjectNode args, Function<PointsLedger, T> op) {
        return write(operation, id, request, scope, commandMember, kind, args, op, null);
    }

    private <T> T write(String operation, TransactionId id, String request, Scope scope, MemberId commandMember,
            String kind, ObjectNode args, Function<PointsLedger, T> op, MemberId[] resolvedOwner) {
        Outcome<T> outcome = tx.run(operation, c -> {
            Instant now = context.clock().instant();
            if (id != null) {
                Optional<Outcome<T>> replayed = replayed(c, id, request);
                if (replayed.isPresent()) {
                    return replayed.get();
                }
            }
            List<MemberId> requested = scope.members(c);
            List<MemberId> locked = lock(c, roots(c, requested));
            List<LoyaltyEvent> events = new ArrayList<>();
            Kernel k = replay(c, locked, events);
            Instant at = now;
            for (Command cmd : k.commands()) {
                at = max(at, cmd.at());
            }
            at = max(at, lastAt(c, locked));
            k.clock().now = at;
            k.live()[0] = true;
            T result = null;
            RuntimeException failure = null;
            try {
                result = op.apply(k.ledger());
            } catch (RuntimeException e) {
                failure = e;
            }
            MemberId owner = commandMember != null ? commandMember
                    : resolvedOwner != null && resolvedOwner[0] != null ? resolvedOwner[0] : null;
            if (failure == null && owner != null) {
                appendCommand(c, kind, owner, id, args, at);
            }
            project(c, k, locked, at, failure == null && owner != null ? kind : null,
                    failure == null ? args : null);
            if (id != null) {
                record(c, id, owner, request, result, failure, at);
            }
            return new Outcome<>(result, failure, events);
        });
        if (!context.silent()) {
            for (LoyaltyEvent e : outcome.events()) {
                try {
                    context.events().publish(e);
                } catch (RuntimeException ex) {
                    LOG.warn("event sink threw on {}; the operation itself succeeded", e, ex);
                }
            }
        }
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.result();
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<Outcome<T>> replayed(Connection c, TransactionId id, String request) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT request, failed, outcome::text FROM " + s
                + "txn WHERE txn_id = ?")) {
            p.setString(1, id.value());
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                if (!r.getString(1).equals(request)) {
                    return Optional.of(new Outcome<>(null, LedgerJson.conflict(id, r.getString(1), request), List.of()));
                }
                JsonNode outcome = LedgerJson.parse(r.getString(3));
                if (r.getBoolean(2)) {
                    return Optional.of(new Outcome<>(null, LedgerJson.failure(outcome), List.of()));
                }
                return Optional.of(new Outcome<>(outcome.isNull() ? null : (T) LedgerJson.entry(outcome), null,
                        List.of()));
            }
        }
    }

    private void record(Connection c, TransactionId id, MemberId owner, String request, Object result,
            RuntimeException failure, Instant at) throws SQLException {
        String json;
        if (failure != null) {
            json = LedgerJson.failure(failure);
            if (json == null) {
                return;
            }
        } else {
            json = result instanceof LedgerEntry e ? LedgerJson.entry(e) : "null";
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + s + "txn (txn_id, member, request, failed, "
                + "outcome, at) VALUES (?, ?, ?, ?, ?::jsonb, ?)")) {
            p.setString(1, id.value());
            p.setString(2, owner == null ? "" : owner.value());
            p.setString(3, request);
            p.setBoolean(4, failure != null);
            p.setString(5, json);
            p.setTimestamp(6, Timestamp.from(at));
            p.executeUpdate();
        }
    }

    private Optional<MemberId> owner(Connection c, TransactionId id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT member FROM " + s + "txn WHERE txn_id = ? AND NOT failed")) {
            p.setString(1, id.value());
            try (ResultSet r = p.executeQuery()) {
                return r.next() && !r.getString(1).isEmpty() ? Optional.of(MemberId.of(r.getString(1))) : Optional.empty();
            }
        }
    }

    /** Each member's live root: the member it was merged into, transitively. */
    private List<MemberId> roots(Connection c, Collection<MemberId> members) throws SQLException {
        Set<MemberId> roots = new TreeSet<>(java.util.Comparator.comparing(MemberId::value));
        for (MemberId m : members) {
            MemberId at = m;
            for (int guard = 0; guard < 1_000; guard++) {
                try (PreparedStatement p = c.prepareStatement("SELECT merged_into FROM " + s + "member WHERE member = ?")) {
                    p.setString(1, at.value());
                    try (ResultSet r = p.executeQuery()) {
                        if (!r.next() || r.getString(1) == null) {
                            break;
                        }
                        at = MemberId.of(r.getString(1));
                    }
                }
            }
            roots.add(at);
        }
        return List.copyOf(roots);
    }

    private List<MemberId> lock(Connection c, List<MemberId> members) throws SQLException {
        List<MemberId> locked = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT member FROM " + s + "member WHERE member = ANY(?) "
                + "ORDER BY member FOR UPDATE")) {
            p.setArray(1, array(c, members));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    locked.add(MemberId.of(r.getString(1)));
                }
            }
        }
        return locked;
    }

    private Instant lastAt(Connection c, List<MemberId> members) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT max(last_at) FROM " + s + "member WHERE member = ANY(?)")) {
            p.setArray(1, array(c, members));
            try (ResultSet r = p.executeQuery()) {
                r.next();
                Timestamp t = r.getTimestamp(1);
                return t == null ? Instant.EPOCH : t.toInstant();
            }
        }
    }

    // =====================================================================================================
    // replay

    /** Replays the roots and every member merged into them, in command order. */
    private Kernel replay(Connection c, List<MemberId> roots, List<LoyaltyEvent> events) throws SQLException {
        ReplayClock clock = new ReplayClock();
        boolean[] live = new boolean[1];
        List<LoyaltyEvent> sink = events == null ? new ArrayList<>() : events;
        PointsLedger.Builder b = PointsLedger.builder().clock(clock).rules(context.rules()).tiers(context.tiers())
                .categories(context.categories());
        if (events != null && !context.silent()) {
            b.eventSink(e -> {
                if (live[0]) {
                    sink.add(e);
                }
            });
        }
        PointsLedger ledger = b.build();
        List<Command> commands = new ArrayList<>();
        if (!roots.isEmpty()) {
            try (PreparedStatement p = c.prepareStatement("WITH RECURSIVE closure(member) AS (SELECT unnest(?::text[]) "
                    + "UNION SELECT m.member FROM " + s + "member m JOIN closure ON m.merged_into = closure.member) "
                    + "SELECT kind, member, txn_id, args::text, at FROM " + s + "command WHERE member IN "
                    + "(SELECT member FROM closure) ORDER BY seq")) {
                p.setArray(1, array(c, roots));
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        commands.add(new Command(r.getString(1), MemberId.of(r.getString(2)),
                                Optional.ofNullable(r.getString(3)).map(TransactionId::of), LedgerJson.parse(r.getString(4)),
                                r.getTimestamp(5).toInstant()));
                    }
                }
            }
        }
        for (Command cmd : commands) {
            clock.now = cmd.at();
            try {
                apply(ledger, cmd);
            } catch (RuntimeException e) {
                throw new IllegalStateException("replaying " + cmd.kind() + " " + cmd.txn().map(TransactionId::value)
                        .orElse("") + " of member " + cmd.member() + " at " + cmd.at() + " failed; were the loyalty rules "
                        + "changed in a way that alters history? " + e.getMessage(), e);
            }
        }
        return new Kernel(ledger, clock, sink, live, commands);
    }

    private static void apply(PointsLedger k, Command cmd) {
        JsonNode a = cmd.args();
        MemberId m = cmd.member();
        TransactionId id = cmd.txn().orElse(null);
        switch (cmd.kind()) {
            case "enrol" -> k.enrol(m);
            case "earn" -> k.earn(id, m, OrderId.of(a.get("order").asText()), LedgerJson.read(a.get("channel"),
                    Channel.class), LedgerJson.read(a.get("amount"), Money.class));
            case "earnOrder" -> k.earn(id, m, LedgerJson.read(a.get("order"), Order.class));
            case "hold" -> k.hold(id, m, a.get("points").asLong(), Duration.parse(a.get("ttl").asText()));
            case "post" -> k.post(id, TransactionId.of(a.get("hold").asText()), a.get("points").asLong());
            case "void" -> k.voidHold(id, TransactionId.of(a.get("hold").asText()));
            case "redeem" -> k.redeem(id, m, a.get("points").asLong());
            case "refund" -> k.refund(id, TransactionId.of(a.get("earn").asText()),
                    LedgerJson.read(a.get("refunded"), Money.class));
            case "cancel" -> k.cancelRedemption(id, TransactionId.of(a.get("redemption").asText()));
            case "merge" -> k.merge(id, MemberId.of(a.get("source").asText()), MemberId.of(a.get("target").asText()));
            case "sweep" -> k.expireDue();
            default -> throw new IllegalStateException("unknown command kind " + cmd.kind());
        }
    }

    // =====================================================================================================
    // writing back

    private void appendCommand(Connection c, String kind, MemberId member, TransactionId id, ObjectNode args, Instant at)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + s + "command (member, kind, txn_id, args, at) "
                + "VALUES (?, ?, ?, ?::jsonb, ?)")) {
            p.setString(1, member.value());
            p.setString(2, kind);
            p.setString(3, id == null ? null : id.value());
            p.setString(4, args.toString());
            p.setTimestamp(5, Timestamp.from(at));
            p.executeUpdate();
        }
    }

    /** Refreshes the locked members' rows, new entries and open lots, and records merges. */
    private void project(Connection c, Kernel k, List<MemberId> locked, Instant at, String kind, ObjectNode args)
            throws SQLException {
        Set<MemberId> touched = new TreeSet<>(java.util.Comparator.comparing(MemberId::value));
        touched.addAll(locked);
        if ("merge".equals(kind)) {
            MemberId source = MemberId.of(args.get("source").asText());
            MemberId target = MemberId.of(args.get("target").asText());
            try (PreparedStatement p = c.prepareStatement("UPDATE " + s + "member SET merged_into = ? WHERE member = ?")) {
                p.setString(1, target.value());
                p.setString(2, source.value());
                p.executeUpdate();
            }
        }
        PointsLedger ledger = k.ledger();
        for (MemberId m : touched) {
            int stored;
            try (PreparedStatement p = c.prepareStatement("SELECT entries FROM " + s + "member WHERE member = ?")) {
                p.setString(1, m.value());
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        continue;
                    }
                    stored = r.getInt(1);
                }
            }
            List<LedgerEntry> entries;
            Balance balance;
            List<Lot> lots;
            Tier tier;
            try {
                entries = all(ledger, m);
                balance = ledger.balance(m);
                lots = ledger.lots(m);
                tier = ledger.tier(m);
            } catch (RuntimeException notInKernel) {
                continue; // not enrolled: nothing to project
            }
            if (entries.size() > stored) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO " + s + "entry (member, seq, txn_id, type, at, "
                        + "body) VALUES (?, ?, ?, ?, ?, ?::jsonb)")) {
                    for (int i = stored; i < entries.size(); i++) {
                        LedgerEntry e = entries.get(i);
                        p.setString(1, m.value());
                        p.setInt(2, i);
                        p.setString(3, e.id().value());
                        p.setString(4, e.type().name());
                        p.setTimestamp(5, Timestamp.from(e.at()));
                        p.setString(6, LedgerJson.entry(e));
                        p.addBatch();
                    }
                    p.executeBatch();
                }
            }
            try (PreparedStatement d = c.prepareStatement("DELETE FROM " + s + "lot WHERE member = ?")) {
                d.setString(1, m.value());
                d.executeUpdate();
            }
            Instant nextDue = null;
            if (!lots.isEmpty()) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO " + s + "lot (member, lot, ordinal, points, "
                        + "remaining, earned_at, available_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    int ordinal = 0;
                    for (Lot lot : lots) {
                        p.setString(1, m.value());
                        p.setString(2, lot.id().value());
                        p.setInt(3, ordinal++);
                        p.setLong(4, lot.points());
                        p.setLong(5, lot.remaining());
                        p.setTimestamp(6, Timestamp.from(lot.earnedAt()));
                        p.setTimestamp(7, Timestamp.from(lot.availableAt()));
                        p.setTimestamp(8, Timestamp.from(lot.expiresAt()));
                        p.addBatch();
                        nextDue = min(nextDue, lot.availableAt().isAfter(at) ? lot.availableAt() : lot.expiresAt());
                    }
                    p.executeBatch();
                }
            }
            for (Command cmd : k.commands()) {
                if (cmd.kind().equals("hold")) {
                    Instant timeout = cmd.at().plus(Duration.parse(cmd.args().get("ttl").asText()));
                    if (timeout.isAfter(at)) {
                        nextDue = min(nextDue, timeout);
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE " + s + "member SET last_at = greatest(last_at, ?), "
                    + "next_due = ?, available = ?, pending = ?, held = ?, tier = ?, entries = ? WHERE member = ?")) {
                p.setTimestamp(1, Timestamp.from(at));
                p.setTimestamp(2, nextDue == null ? null : Timestamp.from(nextDue));
                p.setLong(3, balance.available());
                p.setLong(4, balance.pending());
                p.setLong(5, balance.held());
                p.setString(6, tier.id());
                p.setInt(7, entries.size());
                p.setString(8, m.value());
                p.executeUpdate();
            }
        }
    }

    private static List<LedgerEntry> all(PointsLedger ledger, MemberId m) {
        List<LedgerEntry> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<LedgerEntry> part = ledger.statement(m, page, 1_000);
            all.addAll(part);
            if (part.size() < 1_000) {
                return all;
            }
        }
    }

    private static Array array(Connection c, Collection<MemberId> members) throws SQLException {
        return c.createArrayOf("text", members.stream().map(MemberId::value).toArray());
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    /** Checks made before any connection is taken. */
    private static final class Check {
        private Check() {
        }

        static void id(TransactionId id) {
            Objects.requireNonNull(id, "id");
        }

        static void positive(long points) {
            if (points <= 0) {
                throw new IllegalArgumentException("points must be > 0, were " + points);
            }
        }
    }
}

package io.github.omniretail.postgres.inventory;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.event.EventSink;
import io.github.omniretail.core.event.InventoryEvent;
import io.github.omniretail.postgres.jdbc.Transactions;
import io.github.omniretail.inventory.ChannelRule;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldId;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldLineState;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.InventorySnapshot;
import io.github.omniretail.inventory.PoolId;
import io.github.omniretail.inventory.Position;
import io.github.omniretail.inventory.SafetyStockPolicy;
import io.github.omniretail.inventory.Transfer;
import io.github.omniretail.inventory.TransferId;
import io.github.omniretail.inventory.spi.InventoryStoreContext;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inventory engine on PostgreSQL. Every operation runs in one transaction: it takes the catalogue advisory lock
 * (shared; exclusive for catalogue changes), locks the rows of the SKUs it touches in SKU order — plus the SKUs of
 * any hold on them that is due to expire, so expiry never changes a hold whose SKUs are not all locked — loads
 * those SKUs' positions, open holds and transfers, runs the operation on an in-memory engine restored from exactly
 * that state at one fixed instant, and writes back what changed together with the idempotency record. The
 * in-memory engine is thus the single implementation of the rules; PostgreSQL provides durability, the
 * serialisation point per SKU, and uniqueness of idempotency keys across instances. Thread-safe.
 */
public final class PostgresInventoryEngine implements InventoryEngine {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryEngine.class);
    /** Advisory lock key of the catalogue (shared by stock operations, exclusive for catalogue changes). */
    private static final String CATALOGUE_LOCK = "omniretail.inventory.catalogue";

    /** The cached catalogue and the version it was read at. */
    private record Catalogue(long version, Set<NodeId> nodes, Map<PoolId, Set<NodeId>> pools,
            Map<NodeId, List<ChannelRule>> rules) {
    }

    /** State loaded for an operation. */
    private static final class Loaded {
        final Set<Sku> locked = new TreeSet<>();
        final Set<Sku> known = new HashSet<>();
        final Map<String, InventorySnapshot.PositionState> positions = new HashMap<>();
        final Map<Long, Hold> holds = new LinkedHashMap<>();
        final Map<Long, Transfer> transfers = new LinkedHashMap<>();
        /** Other open holds on the locked SKUs, summed per channel: they only weigh on stock. */
        final List<Hold> standIns = new ArrayList<>();
    }

    /** What an operation needs locked, found inside its transaction. */
    @FunctionalInterface
    private interface Scope {
        Set<Sku> skus(Connection c) throws SQLException;
    }

    /** Whether an operation creates a hold or transfer, and which existing hold or transfer it acts on. */
    private record Target(boolean newHold, boolean newTransfer, Optional<Long> hold, Optional<Long> transfer) {
        static final Target NONE = new Target(false, false, Optional.empty(), Optional.empty());
        static final Target NEW_HOLD = new Target(true, false, Optional.empty(), Optional.empty());
        static final Target NEW_TRANSFER = new Target(false, true, Optional.empty(), Optional.empty());
    }

    /** The outcome of a transaction: a result or a failure, and the events to publish after commit. */
    private record Outcome<T>(T result, RuntimeException failure, List<InventoryEvent> events) {
    }

    private final Transactions tx;
    private final String s;
    private final Clock clock;
    private final EventSink<InventoryEvent> sink;
    private final boolean silent;
    private final boolean autoRegister;
    private final Duration idempotencyRetention;
    private final Duration finalHoldRetention;
    private final AtomicReference<Catalogue> catalogue = new AtomicReference<>();

    public PostgresInventoryEngine(Transactions tx, String schema, InventoryStoreContext context) {
        this.tx = tx;
        this.s = schema + ".omniretail_inv_";
        this.clock = context.clock();
        this.sink = context.events();
        this.silent = context.silent();
        this.autoRegister = context.autoRegister();
        this.idempotencyRetention = context.idempotencyRetention();
        this.finalHoldRetention = context.finalHoldRetention();
        context.restore().ifPresent(this::importSnapshot);
    }

    // =====================================================================================================
    // catalogue

    @Override
    public void registerNode(NodeId node) {
        Objects.requireNonNull(node, "node");
        catalogueChange("registerNode", k -> {
            k.registerNode(node);
            return null;
        });
    }

    @Override
    public void registerSku(Sku sku) {
        Objects.requireNonNull(sku, "sku");
        tx.run("registerSku", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + s + "sku (sku) VALUES (?) ON CONFLICT DO NOTHING")) {
                p.setString(1, sku.value());
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void definePool(PoolId pool, Set<NodeId> nodes) {
        Objects.requireNonNull(pool, "pool");
        Set<NodeId> copy = Set.copyOf(nodes);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("pool " + pool + " needs at least one node");
        }
        catalogueChange("definePool", k -> {
            k.definePool(pool, copy);
            return null;
        });
    }

    @Override
    public void setChannelRules(NodeId node, List<ChannelRule> rules) {
        Objects.requireNonNull(node, "node");
        List<ChannelRule> copy = List.copyOf(rules);
        catalogueChange("setChannelRules", k -> {
            k.setChannelRules(node, copy);
            return null;
        });
    }

    @Override
    public List<ChannelRule> channelRules(NodeId node) {
        Objects.requireNonNull(node, "node");
        return read("channelRules", List.of(), k -> k.channelRules(node));
    }

    // =====================================================================================================
    // stock

    @Override
    public Position receive(String key, Sku sku, NodeId node, int quantity) {
        Check.key(key);
        Check.notNull(sku, node);
        Check.positive(quantity, "quantity");
        return write("receive", key, "ReceiveOp[sku=" + sku + ", node=" + node + ", quantity=" + quantity + "]", skus(sku), Set.of(node),
                k -> k.receive(key, sku, node, quantity));
    }

    @Override
    public void loadOnHand(Sku sku, NodeId node, int onHand) {
        Check.notNull(sku, node);
        if (onHand < 0) {
            throw new IllegalArgumentException("on-hand of " + sku + " at " + node + " must be >= 0, was " + onHand);
        }
        write("loadOnHand", null, null, skus(sku), Set.of(node), k -> {
            k.loadOnHand(sku, node, onHand);
            return null;
        });
    }

    @Override
    public Position adjust(String key, Sku sku, NodeId node, int delta, String reason) {
        Check.key(key);
        Check.notNull(sku, node);
        Check.reason(reason);
        if (delta == 0) {
            throw new IllegalArgumentException("adjustment of " + sku + " at " + node + " must not be zero");
        }
        return write("adjust", key, "AdjustOp[sku=" + sku + ", node=" + node + ", delta=" + delta + ", reason=" + reason + "]", skus(sku),
                Set.of(node), k -> k.adjust(key, sku, node, delta, reason));
    }

    @Override
    public Position count(String key, Sku sku, NodeId node, int counted, String reason) {
        Check.key(key);
        Check.notNull(sku, node);
        Check.reason(reason);
        if (counted < 0) {
            throw new IllegalArgumentException("count of " + sku + " at " + node + " must be >= 0, was " + counted);
        }
        return write("count", key, "CountOp[sku=" + sku + ", node=" + node + ", counted=" + counted + ", reason=" + reason + "]", skus(sku),
                Set.of(node), k -> k.count(key, sku, node, counted, reason));
    }

    @Override
    public Transfer dispatchTransfer(String key, Sku sku, NodeId from, NodeId to, int quantity) {
        Check.key(key);
        Check.notNull(sku, from);
        Objects.requireNonNull(to, "to");
        Check.positive(quantity, "quantity");
        if (from.equals(to)) {
            throw new IllegalArgumentException("transfer of " + sku + " from " + from + " to itself");
        }
        return write("dispatchTransfer", key, "DispatchOp[sku=" + sku + ", from=" + from + ", to=" + to + ", quantity=" + quantity + "]", skus(sku),
                Set.of(from, to), Target.NEW_TRANSFER, k -> k.dispatchTransfer(key, sku, from, to, quantity));
    }

    @Override
    public Transfer receiveTransfer(String key, TransferId transfer, int received) {
        Check.key(key);
        Objects.requireNonNull(transfer, "transfer");
        return write("receiveTransfer", key, "ReceiveTransferOp[transfer=" + transfer + ", received=" + received + "]",
                c -> transferSkus(c, transfer), Set.of(), new Target(false, false, Optional.empty(), Optional.of(transfer.value())),
                k -> k.receiveTransfer(key, transfer, received));
    }

    // =====================================================================================================
    // holds

    @Override
    public Hold hold(HoldRequest request) {
        Objects.requireNonNull(request, "request");
        Set<Sku> skus = new TreeSet<>();
        Set<NodeId> nodes = new HashSet<>();
        for (HoldLine line : request.lines()) {
            skus.add(line.sku());
            line.node().ifPresent(nodes::add);
        }
        return write("hold", request.idempotencyKey(), request.toString(), c -> skus, nodes, Target.NEW_HOLD, k -> k.hold(request));
    }

    @Override
    public Hold confirm(String key, HoldId hold) {
        return onHold("ConfirmOp", key, hold, "", k -> k.confirm(key, hold));
    }

    @Override
    public Hold extend(String key, HoldId hold, Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        return onHold("ExtendOp", key, hold, ", ttl=" + ttl, k -> k.extend(key, hold, ttl));
    }

    @Override
    public Hold pin(String key, HoldId hold, int line, NodeId node) {
        Objects.requireNonNull(node, "node");
        return onHold("PinOp", key, hold, ", line=" + line + ", node=" + node, k -> k.pin(key, hold, line, node));
    }

    @Override
    public Hold fulfil(String key, HoldId hold, int line, int quantity) {
        Check.positive(quantity, "quantity");
        return onHold("FulfilOp", key, hold, ", line=" + line + ", quantity=" + quantity, k -> k.fulfil(key, hold, line, quantity));
    }

    @Override
    public Hold fulfilAll(String key, HoldId hold) {
        return onHold("FulfilAllOp", key, hold, "", k -> k.fulfilAll(key, hold));
    }

    @Override
    public Hold release(String key, HoldId hold, int line, int quantity) {
        Check.positive(quantity, "quantity");
        return onHold("ReleaseOp", key, hold, ", line=" + line + ", quantity=" + quantity, k -> k.release(key, hold, line, quantity));
    }

    @Override
    public Hold releaseAll(String key, HoldId hold) {
        return onHold("ReleaseAllOp", key, hold, "", k -> k.releaseAll(key, hold));
    }

    /**
     * An operation on a hold. Request texts have the in-memory engine's form ({@code ConfirmOp[hold=H-1]}), so
     * idempotency records imported from an in-memory snapshot compare equal on retry.
     */
    private Hold onHold(String operation, String key, HoldId hold, String args, Function<InventoryEngine, Hold> op) {
        Check.key(key);
        Objects.requireNonNull(hold, "hold");
        return write(operation, key, operation + "[hold=" + hold + args + "]", c -> holdSkus(c, hold), Set.of(),
                new Target(false, false, Optional.of(hold.value()), Optional.empty()), op);
    }

    @Override
    public int expireDue() {
        Instant now = clock.instant();
        List<Sku> due = tx.run("expireDue", c -> {
            List<Sku> skus = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT hl.sku FROM " + s + "hold h JOIN " + s
                    + "hold_line hl ON hl.hold_id = h.id WHERE h.open AND h.status = 'HELD' AND h.expires_at <= ?")) {
                p.setTimestamp(1, Timestamp.from(now));
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        skus.add(Sku.of(r.getString(1)));
                    }
                }
            }
            return skus;
        });
        int expired = 0;
        for (Sku sku : due) {
            // one transaction per SKU (with the SKUs of the holds due there): no long lock on the whole table
            expired += write("expireDue", null, null, skus(sku), Set.of(), InventoryEngine::expireDue);
        }
        prune(now);
        return expired;
    }

    /** Forgets idempotency records and final holds past their retention. */
    private void prune(Instant now) {
        tx.run("prune", c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + s + "idempotency WHERE recorded_at < ?")) {
                p.setTimestamp(1, Timestamp.from(now.minus(idempotencyRetention)));
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + s + "hold WHERE NOT open AND finalised_at < ?")) {
                p.setTimestamp(1, Timestamp.from(now.minus(finalHoldRetention)));
                p.executeUpdate();
            }
            return null;
        });
    }

    // =====================================================================================================
    // planning, safety stock, reads

    @Override
    public void setSafetyStock(Sku sku, NodeId node, SafetyStockPolicy policy) {
        Check.notNull(sku, node);
        Objects.requireNonNull(policy, "policy");
        write("setSafetyStock", null, null, skus(sku), Set.of(node), k -> {
            k.setSafetyStock(sku, node, policy);
            return null;
        });
    }

    @Override
    public void recordDailySales(Sku sku, NodeId node, LocalDate day, int units) {
        Check.notNull(sku, node);
        Objects.requireNonNull(day, "day");
        if (units < 0) {
            throw new IllegalArgumentException("daily sales must be >= 0, were " + units);
        }
        write("recordDailySales", null, null, skus(sku), Set.of(node), k -> {
            k.recordDailySales(sku, node, day, units);
            return null;
        });
    }

    @Override
    public void setReorderPoint(Sku sku, NodeId node, int reorderPoint, int hysteresis) {
        Check.notNull(sku, node);
        if (reorderPoint < 0 || hysteresis < 0) {
            throw new IllegalArgumentException("reorder point and hysteresis must be >= 0, were " + reorderPoint
                    + " and " + hysteresis);
        }
        write("setReorderPoint", null, null, skus(sku), Set.of(node), k -> {
            k.setReorderPoint(sku, node, reorderPoint, hysteresis);
            return null;
        });
    }

    @Override
    public Position position(Sku sku, NodeId node) {
        Check.notNull(sku, node);
        return read("position", List.of(sku), k -> k.position(sku, node));
    }

    @Override
    public int atp(Sku sku, NodeId node, Channel channel) {
        Check.notNull(sku, node);
        Objects.requireNonNull(channel, "channel");
        return read("atp", List.of(sku), k -> k.atp(sku, node, channel));
    }

    @Override
    public long atp(Sku sku, Collection<NodeId> nodes, Channel channel) {
        Objects.requireNonNull(sku, "sku");
        List<NodeId> copy = List.copyOf(nodes);
        Objects.requireNonNull(channel, "channel");
        return read("atp", List.of(sku), k -> k.atp(sku, copy, channel));
    }

    @Override
    public long atp(Sku sku, PoolId pool, Channel channel) {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(channel, "channel");
        return read("atp", List.of(sku), k -> k.atp(sku, pool, channel));
    }

    @Override
    public Optional<Hold> hold(HoldId hold) {
        Objects.requireNonNull(hold, "hold");
        return readScoped("hold", c -> holdSkus(c, hold), Optional.of(hold.value()), Optional.empty(),
                k -> k.hold(hold));
    }

    @Override
    public Optional<Transfer> transfer(TransferId transfer) {
        Objects.requireNonNull(transfer, "transfer");
        return readScoped("transfer", c -> transferSkus(c, transfer), Optional.empty(),
                Optional.of(transfer.value()), k -> k.transfer(transfer));
    }

    @Override
    public InventorySnapshot snapshot() {
        return tx.read("snapshot", c -> {
            Instant now = clock.instant();
            Catalogue cat = catalogue(c);
            Loaded st = load(c, allSkus(c), Optional.empty(), Optional.empty(), Optional.empty(), true, now);
            InventorySnapshot k = kernel(cat, st, now, 1, 1, null).snapshot();
            List<InventorySnapshot.IdempotencyEntry> keys = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT key, request, failed, outcome::text, recorded_at FROM "
                    + s + "idempotency ORDER BY recorded_at, key")) {
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        Object outcome = r.getBoolean(3) ? InventoryJson.failure(r.getString(4))
                                : InventoryJson.outcome(r.getString(4));
                        keys.add(new InventorySnapshot.IdempotencyEntry(r.getString(1), r.getString(2), outcome,
                                r.getTimestamp(5).toInstant()));
                    }
                }
            }
            return new InventorySnapshot(now, k.skus(), k.nodes(), k.pools(), k.rules(), k.positions(), k.holds(),
                    k.transfers(), keys, sequence(c, "hold_seq", false), sequence(c, "transfer_seq", false));
        });
    }

    // =====================================================================================================
    // the transaction skeleton

    private static Scope skus(Sku sku) {
        Set<Sku> one = Set.of(sku);
        return c -> one;
    }

    private <T> T write(String operation, String key, String request, Scope scope, Set<NodeId> nodes,
            Function<InventoryEngine, T> op) {
        return write(operation, key, request, scope, nodes, Target.NONE, op);
    }

    private <T> T write(String operation, String key, String request, Scope scope, Set<NodeId> nodes, Target target,
            Function<InventoryEngine, T> op) {
        // registering a node on first use is a catalogue change: it runs under the exclusive lock
        boolean newNodes = autoRegister && !nodes.isEmpty() && !knownNodes().containsAll(nodes);
        return finish(tx.run(operation, c -> transaction(c, key, request, scope, newNodes, target, op)));
    }

    private <T> T catalogueChange(String operation, Function<InventoryEngine, T> op) {
        return finish(tx.run(operation, c -> transaction(c, null, null, this::allSkus, true, Target.NONE, op)));
    }

    private <T> T finish(Outcome<T> outcome) {
        if (!silent) {
            for (InventoryEvent e : outcome.events()) {
                try {
                    sink.publish(e);
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
    private <T> Outcome<T> transaction(Connection c, String key, String request, Scope scope, boolean catalogueMode,
            Target target, Function<InventoryEngine, T> op) throws SQLException {
        Instant now = clock.instant();
        if (key != null) {
            Optional<Outcome<T>> replay = replay(c, key, request);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        advisoryLock(c, catalogueMode);
        Catalogue cat = catalogue(c);
        Set<Sku> skus = expandDue(c, new TreeSet<>(scope.skus(c)), now);
        Set<Sku> known = lockSkus(c, skus);
        // an operation on a hold or transfer also loads it when it is final
        Loaded st = load(c, skus, Optional.of(known), target.hold(), target.transfer(), false, now);
        long nextHold = target.newHold() ? sequence(c, "hold_seq", true) : 1 + st.holds.keySet().stream()
                .mapToLong(Long::longValue).max().orElse(0);
        long nextTransfer = target.newTransfer() ? sequence(c, "transfer_seq", true) : 1 + st.transfers.keySet().stream()
                .mapToLong(Long::longValue).max().orElse(0);
        List<InventoryEvent> events = new ArrayList<>();
        InventoryEngine k = kernel(cat, st, now, nextHold, nextTransfer, events);
        T result = null;
        RuntimeException failure = null;
        try {
            result = op.apply(k);
        } catch (RuntimeException e) {
            failure = e;
        }
        InventorySnapshot after = k.snapshot();
        persist(c, cat, st, after, now, catalogueMode);
        if (key != null) {
            record(c, key, request, result, failure, now);
        }
        return new Outcome<>(result, failure, events);
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<Outcome<T>> replay(Connection c, String key, String request) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT request, failed, outcome::text FROM " + s
                + "idempotency WHERE key = ?")) {
            p.setString(1, key);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                String original = r.getString(1);
                if (!original.equals(request)) {
                    return Optional.of(new Outcome<>(null, InventoryJson.conflict(key, original, request), List.of()));
                }
                if (r.getBoolean(2)) {
                    return Optional.of(new Outcome<>(null, InventoryJson.failure(r.getString(3)), List.of()));
                }
                return Optional.of(new Outcome<>((T) InventoryJson.outcome(r.getString(3)), null, List.of()));
            }
        }
    }

    private void record(Connection c, String key, String request, Object result, RuntimeException failure,
            Instant now) throws SQLException {
        String json;
        if (failure != null) {
            json = InventoryJson.failure(failure);
            if (json == null) {
                return; // not an outcome of the request (such as a bug): a retry runs it again
            }
        } else {
            json = InventoryJson.outcome(result);
        }
        // a racing instance with the same key makes this fail with a unique violation: the transaction is rolled
        // back and retried, and the retry replays the winner's outcome
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + s
                + "idempotency (key, request, failed, outcome, recorded_at) VALUES (?, ?, ?, ?::jsonb, ?)")) {
            p.setString(1, key);
            p.setString(2, request);
            p.setBoolean(3, failure != null);
            p.setString(4, json);
            p.setTimestamp(5, Timestamp.from(now));
            p.executeUpdate();
        }
    }

    private <T> T read(String operation, List<Sku> skus, Function<InventoryEngine, T> query) {
        Set<Sku> set = new TreeSet<>(skus);
        return readScoped(operation, c -> set, Optional.empty(), Optional.empty(), query);
    }

    /**
     * A read in a consistent (repeatable-read) snapshot. A hold found past its expiry is first expired in a write
     * transaction, as the in-memory engine expires lazily on read (with its event), and the read is repeated.
     */
    @SuppressWarnings("unchecked")
    private <T> T readScoped(String operation, Scope scope, Optional<Long> hold, Optional<Long> transfer,
            Function<InventoryEngine, T> query) {
        Object due = new Object();
        for (int round = 0; ; round++) {
            boolean expireFirst = round < 2;
            Object result = tx.read(operation, c -> {
                Instant now = clock.instant();
                Catalogue cat = catalogue(c);
                Loaded st = load(c, new TreeSet<>(scope.skus(c)), Optional.empty(), hold, transfer, false, now);
                if (expireFirst && st.holds.values().stream().anyMatch(h -> h.status() == HoldStatus.HELD
                        && !h.expiresAt().isAfter(now))) {
                    return due;
                }
                return query.apply(kernel(cat, st, now, 1, 1, null));
            });
            if (result != due) {
                return (T) result;
            }
            write("expire", null, null, scope, Set.of(), InventoryEngine::expireDue);
        }
    }

    // =====================================================================================================
    // locking and loading

    private void advisoryLock(Connection c, boolean exclusive) throws SQLException {
        String fn = exclusive ? "pg_advisory_xact_lock" : "pg_advisory_xact_lock_shared";
        try (PreparedStatement p = c.prepareStatement("SELECT " + fn + "(hashtext(?))")) {
            p.setString(1, CATALOGUE_LOCK + "." + s);
            p.execute();
        }
    }

    /** Adds the SKUs of holds on {@code skus} that are due to expire, until no more are added. */
    private Set<Sku> expandDue(Connection c, Set<Sku> skus, Instant now) throws SQLException {
        while (true) {
            Set<Sku> more = new TreeSet<>(skus);
            try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT o.sku FROM " + s + "hold_line hs JOIN " + s
                    + "hold h ON h.id = hs.hold_id AND h.open AND h.status = 'HELD' AND h.expires_at <= ? JOIN " + s
                    + "hold_line o ON o.hold_id = h.id WHERE hs.sku = ANY(?)")) {
                p.setTimestamp(1, Timestamp.from(now));
                p.setArray(2, array(c, skus));
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        more.add(Sku.of(r.getString(1)));
                    }
                }
            }
            if (more.size() == skus.size()) {
                return skus;
            }
            skus = more;
        }
    }

    /** Locks the SKUs' rows in SKU order; returns those that exist. */
    private Set<Sku> lockSkus(Connection c, Set<Sku> skus) throws SQLException {
        Set<Sku> known = new HashSet<>();
        if (skus.isEmpty()) {
            return known;
        }
        try (PreparedStatement p = c.prepareStatement("SELECT sku FROM " + s + "sku WHERE sku = ANY(?) ORDER BY sku FOR UPDATE")) {
            p.setArray(1, array(c, skus));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    known.add(Sku.of(r.getString(1)));
                }
            }
        }
        return known;
    }

    private Set<Sku> holdSkus(Connection c, HoldId hold) throws SQLException {
        Set<Sku> skus = new TreeSet<>();
        try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT sku FROM " + s + "hold_line WHERE hold_id = ?")) {
            p.setLong(1, hold.value());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    skus.add(Sku.of(r.getString(1)));
                }
            }
        }
        return skus;
    }

    private Set<Sku> transferSkus(Connection c, TransferId transfer) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT sku FROM " + s + "transfer WHERE id = ?")) {
            p.setLong(1, transfer.value());
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Set.of(Sku.of(r.getString(1))) : Set.of();
            }
        }
    }

    private Set<Sku> allSkus(Connection c) throws SQLException {
        Set<Sku> skus = new TreeSet<>();
        try (PreparedStatement p = c.prepareStatement("SELECT sku FROM " + s + "sku")) {
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    skus.add(Sku.of(r.getString(1)));
                }
            }
        }
        return skus;
    }

    private Set<NodeId> knownNodes() {
        Catalogue cat = catalogue.get();
        return cat == null ? Set.of() : cat.nodes();
    }

    private Catalogue catalogue(Connection c) throws SQLException {
        long version;
        try (PreparedStatement p = c.prepareStatement("SELECT catalogue_version FROM " + s + "meta WHERE id = 1")) {
            try (ResultSet r = p.executeQuery()) {
                r.next();
                version = r.getLong(1);
            }
        }
        Catalogue cached = catalogue.get();
        if (cached != null && cached.version() == version) {
            return cached;
        }
        Set<NodeId> nodes = new TreeSet<>();
        try (PreparedStatement p = c.prepareStatement("SELECT node FROM " + s + "node")) {
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    nodes.add(NodeId.of(r.getString(1)));
                }
            }
        }
        Map<PoolId, Set<NodeId>> pools = new TreeMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT pool, node FROM " + s + "pool")) {
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    pools.computeIfAbsent(PoolId.of(r.getString(1)), x -> new TreeSet<>()).add(NodeId.of(r.getString(2)));
                }
            }
        }
        Map<NodeId, List<ChannelRule>> rules = new TreeMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT node, rules::text FROM " + s + "channel_rules")) {
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    rules.put(NodeId.of(r.getString(1)), InventoryJson.rules(r.getString(2)));
                }
            }
        }
        Map<PoolId, Set<NodeId>> frozen = new TreeMap<>();
        pools.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
        Catalogue fresh = new Catalogue(version, Set.copyOf(nodes), Map.copyOf(frozen), Map.copyOf(rules));
        catalogue.set(fresh);
        return fresh;
    }

    private Loaded load(Connection c, Set<Sku> skus, Optional<Set<Sku>> known, Optional<Long> hold,
            Optional<Long> transfer, boolean all, Instant now) throws SQLException {
        Loaded st = new Loaded();
        st.locked.addAll(skus);
        Array keys = array(c, skus);
        if (known.isPresent()) {
            st.known.addAll(known.get());
        } else {
            try (PreparedStatement p = c.prepareStatement("SELECT sku FROM " + s + "sku WHERE sku = ANY(?)")) {
                p.setArray(1, keys);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        st.known.add(Sku.of(r.getString(1)));
                    }
                }
            }
        }
        if (all) {
            positions(c, st, keys);
            try (PreparedStatement p = c.prepareStatement("SELECT body::text FROM " + s + "hold ORDER BY id")) {
                holds(p.executeQuery(), st);
            }
            try (PreparedStatement p = c.prepareStatement("SELECT body::text FROM " + s + "transfer ORDER BY id")) {
                transfers(p.executeQuery(), st);
            }
            return st;
        }
        // One round trip for the four reads. Holds the operation may change are loaded whole: the one it acts on
        // and those due to expire (all their SKUs are locked). Every other open hold on these SKUs only weighs on
        // stock: it is loaded as sums per channel and place, restored as a few confirmed stand-in holds the
        // write-back ignores.
        String whole = "h.id = ? OR (h.open AND h.status = 'HELD' AND h.expires_at <= ?)";
        try (PreparedStatement p = c.prepareStatement(POSITIONS.replace("%s", s)
                + "; SELECT h.body::text FROM " + s + "hold h WHERE (" + whole + ") AND (h.id = ? OR h.id IN "
                + "(SELECT hold_id FROM " + s + "hold_line WHERE sku = ANY(?))) ORDER BY h.id"
                + "; SELECT l.channel, l.channel_kind, l.sku, l.node, l.pool, sum(l.open_units) FROM " + s
                + "hold_line l WHERE l.sku = ANY(?) AND l.open_units > 0 AND NOT EXISTS (SELECT 1 FROM " + s
                + "hold h WHERE h.id = l.hold_id AND (" + whole + ")) GROUP BY 1, 2, 3, 4, 5"
                + "; SELECT body::text FROM " + s + "transfer WHERE (open AND sku = ANY(?)) OR id = ? ORDER BY id")) {
            Timestamp at = Timestamp.from(now);
            long target = hold.orElse(-1L);
            int i = 1;
            p.setArray(i++, keys);
            p.setLong(i++, target);
            p.setTimestamp(i++, at);
            p.setLong(i++, target);
            p.setArray(i++, keys);
            p.setArray(i++, keys);
            p.setLong(i++, target);
            p.setTimestamp(i++, at);
            p.setArray(i++, keys);
            p.setLong(i, transfer.orElse(-1L));
            p.execute();
            positions(p.getResultSet(), st);
            p.getMoreResults();
            holds(p.getResultSet(), st);
            p.getMoreResults();
            standIns(p.getResultSet(), st, now);
            p.getMoreResults();
            transfers(p.getResultSet(), st);
        }
        return st;
    }

    private static final String POSITIONS = "SELECT sku, node, on_hand, safety_policy::text, safety_stock, "
            + "daily_sales::text, reorder_point, hysteresis, low_stock FROM %sposition WHERE sku = ANY(?)";

    private void positions(Connection c, Loaded st, Array keys) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(POSITIONS.replace("%s", s))) {
            p.setArray(1, keys);
            positions(p.executeQuery(), st);
        }
    }

    private static void positions(ResultSet r, Loaded st) throws SQLException {
        try (r) {
            while (r.next()) {
                InventorySnapshot.PositionState ps = new InventorySnapshot.PositionState(Sku.of(r.getString(1)),
                        NodeId.of(r.getString(2)), r.getInt(3), InventoryJson.safetyPolicy(r.getString(4)),
                        r.getInt(5), InventoryJson.dailySales(r.getString(6)), r.getInt(7), r.getInt(8),
                        r.getBoolean(9));
                st.positions.put(positionKey(ps.sku(), ps.node()), ps);
            }
        }
    }

    private static void holds(ResultSet r, Loaded st) throws SQLException {
        try (r) {
            while (r.next()) {
                Hold h = InventoryJson.hold(r.getString(1));
                st.holds.put(h.id().value(), h);
            }
        }
    }

    private static void transfers(ResultSet r, Loaded st) throws SQLException {
        try (r) {
            while (r.next()) {
                Transfer t = InventoryJson.transfer(r.getString(1));
                st.transfers.put(t.id().value(), t);
            }
        }
    }

    /**
     * Ids of stand-in holds: above the hold sequence's maximum (the in-memory engine numbers holds below 2^31),
     * never written back.
     */
    private static final long STAND_IN_BASE = 2_147_483_000L;

    private static void standIns(ResultSet r, Loaded st, Instant now) throws SQLException {
        Map<Channel, List<HoldLineState>> lines = new TreeMap<>(java.util.Comparator.comparing((Channel ch) -> ch.id().value())
                .thenComparing(Channel::kind));
        try (r) {
            while (r.next()) {
                Channel channel = new Channel(io.github.omniretail.core.ChannelId.of(r.getString(1)),
                        io.github.omniretail.core.ChannelKind.valueOf(r.getString(2)));
                lines.computeIfAbsent(channel, x -> new ArrayList<>()).add(new HoldLineState(Sku.of(r.getString(3)),
                        Optional.ofNullable(r.getString(4)).map(NodeId::of),
                        Optional.ofNullable(r.getString(5)).map(PoolId::of), Math.toIntExact(r.getLong(6)), 0, 0));
            }
        }
        long id = STAND_IN_BASE;
        for (Map.Entry<Channel, List<HoldLineState>> e : lines.entrySet()) {
            st.standIns.add(new Hold(HoldId.of(++id), e.getKey(), HoldStatus.CONFIRMED, now, now.plus(Duration.ofDays(1)),
                    e.getValue(), Optional.empty()));
        }
    }

    private long sequence(Connection c, String name, boolean next) throws SQLException {
        String sql = next ? "SELECT nextval('" + s + name + "')"
                : "SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM " + s + name;
        try (PreparedStatement p = c.prepareStatement(sql)) {
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static Array array(Connection c, Collection<Sku> skus) throws SQLException {
        return c.createArrayOf("text", skus.stream().map(Sku::value).toArray());
    }

    private static String positionKey(Sku sku, NodeId node) {
        return sku.value() + '\u0000' + node.value();
    }

    // =====================================================================================================
    // the in-memory kernel

    private InventoryEngine kernel(Catalogue cat, Loaded st, Instant now, long nextHold, long nextTransfer,
            List<InventoryEvent> events) {
        Set<Sku> skus = new HashSet<>(st.known);
        for (Hold h : st.holds.values()) {
            h.lines().forEach(l -> skus.add(l.sku()));
        }
        st.transfers.values().forEach(t -> skus.add(t.sku()));
        List<Hold> holds = new ArrayList<>(st.holds.values());
        holds.addAll(st.standIns);
        InventorySnapshot snapshot = new InventorySnapshot(now, skus, cat.nodes(), cat.pools(), cat.rules(),
                List.copyOf(st.positions.values()), holds,
                List.copyOf(st.transfers.values()), List.of(), nextHold, nextTransfer);
        boolean[] live = new boolean[1];
        InventoryEngine.Builder b = InventoryEngine.builder().clock(Clock.fixed(now, ZoneOffset.UTC))
                .autoRegister(autoRegister).idempotencyRetention(idempotencyRetention)
                .finalHoldRetention(finalHoldRetention).restore(snapshot);
        if (events != null && !silent) {
            b.eventSink(e -> {
                if (live[0]) {
                    events.add(e);
                }
            });
        }
        InventoryEngine k = b.build();
        live[0] = true;
        return k;
    }

    // =====================================================================================================
    // writing back

    private void persist(Connection c, Catalogue cat, Loaded st, InventorySnapshot after, Instant now,
            boolean catalogueMode) throws SQLException {
        if (catalogueMode) {
            persistCatalogue(c, cat, after);
        }
        Set<Sku> writable = new HashSet<>(st.locked);
        List<Sku> newSkus = new ArrayList<>();
        for (Sku sku : after.skus()) {
            if (st.locked.contains(sku) && !st.known.contains(sku)) {
                newSkus.add(sku);
            }
        }
        if (!newSkus.isEmpty()) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + s + "sku (sku) VALUES (?) ON CONFLICT DO NOTHING")) {
                for (Sku sku : newSkus) {
                    p.setString(1, sku.value());
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
        List<InventorySnapshot.PositionState> changed = new ArrayList<>();
        for (InventorySnapshot.PositionState ps : after.positions()) {
            if (writable.contains(ps.sku()) && (st.known.contains(ps.sku()) || newSkus.contains(ps.sku()))
                    && !ps.equals(st.positions.get(positionKey(ps.sku(), ps.node())))) {
                changed.add(ps);
            }
        }
        if (!changed.isEmpty()) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + s + "position (sku, node, on_hand, "
                    + "safety_policy, safety_stock, daily_sales, reorder_point, hysteresis, low_stock) VALUES "
                    + "(?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?) ON CONFLICT (sku, node) DO UPDATE SET "
                    + "on_hand = excluded.on_hand, safety_policy = excluded.safety_policy, safety_stock = "
                    + "excluded.safety_stock, daily_sales = excluded.daily_sales, reorder_point = "
                    + "excluded.reorder_point, hysteresis = excluded.hysteresis, low_stock = excluded.low_stock")) {
                for (InventorySnapshot.PositionState ps : changed) {
                    p.setString(1, ps.sku().value());
                    p.setString(2, ps.node().value());
                    p.setInt(3, ps.onHand());
                    p.setString(4, InventoryJson.safetyPolicy(ps.safetyPolicy()));
                    p.setInt(5, ps.safetyStock());
                    p.setString(6, InventoryJson.dailySales(ps.dailySales()));
                    p.setInt(7, ps.reorderPoint());
                    p.setInt(8, ps.hysteresis());
                    p.setBoolean(9, ps.lowStock());
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
        persistHolds(c, st, after, writable, now);
        persistTransfers(c, st, after, writable);
    }

    private void persistHolds(Connection c, Loaded st, InventorySnapshot after, Set<Sku> writable, Instant now)
            throws SQLException {
        List<Hold> inserts = new ArrayList<>();
        List<Hold> updates = new ArrayList<>();
        for (Hold h : after.holds()) {
            Hold before = st.holds.get(h.id().value());
            if (h.equals(before) || h.id().value() > STAND_IN_BASE) {
                continue;
            }
            boolean mine = h.lines().stream().allMatch(l -> writable.contains(l.sku()));
            if (!mine) {
                // only holds whose SKUs are all locked may change; the others were loaded read-only
                throw new IllegalStateException("hold " + h.id() + " changed without all its SKUs locked");
            }
            (before == null ? inserts : updates).add(h);
        }
        if (!inserts.isEmpty()) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + s + "hold (id, status, open, expires_at, "
                    + "finalised_at, body) VALUES (?, ?, ?, ?, ?, ?::jsonb)");
                    PreparedStatement q = lineUpsert(c)) {
                for (Hold h : inserts) {
                    bindHold(p, h, now);
                    p.addBatch();
                    addLines(q, h);
                }
                p.executeBatch();
                q.executeBatch();
            }
        }
        if (!updates.isEmpty()) {
            try (PreparedStatement p = c.prepareStatement("UPDATE " + s + "hold SET status = ?, open = ?, expires_at = ?, "
                    + "finalised_at = coalesce(finalised_at, ?), body = ?::jsonb WHERE id = ?")) {
                for (Hold h : updates) {
                    p.setString(1, h.status().name());
                    p.setBoolean(2, !h.status().isFinal());
                    p.setTimestamp(3, Timestamp.from(h.expiresAt()));
                    p.setTimestamp(4, h.status().isFinal() ? Timestamp.from(now) : null);
                    p.setString(5, InventoryJson.hold(h));
                    p.setLong(6, h.id().value());
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (PreparedStatement q = lineUpsert(c)) {
                for (Hold h : updates) {
                    addLines(q, h);
                }
                q.executeBatch();
            }
        }
    }

    private PreparedStatement lineUpsert(Connection c) throws SQLException {
        return c.prepareStatement("INSERT INTO " + s + "hold_line (hold_id, line_no, sku, node, pool, channel, "
                + "channel_kind, open_units) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hold_id, line_no) DO UPDATE "
                + "SET node = excluded.node, open_units = excluded.open_units");
    }

    private static void addLines(PreparedStatement q, Hold h) throws SQLException {
        boolean open = !h.status().isFinal();
        for (int i = 0; i < h.lines().size(); i++) {
            HoldLineState l = h.lines().get(i);
            q.setLong(1, h.id().value());
            q.setInt(2, i);
            q.setString(3, l.sku().value());
            q.setString(4, l.node().map(NodeId::value).orElse(null));
            q.setString(5, l.pool().map(PoolId::value).orElse(null));
            q.setString(6, h.channel().id().value());
            q.setString(7, h.channel().kind().name());
            q.setInt(8, open ? l.open() : 0);
            q.addBatch();
        }
    }

    private static void bindHold(PreparedStatement p, Hold h, Instant now) throws SQLException {
        p.setLong(1, h.id().value());
        p.setString(2, h.status().name());
        p.setBoolean(3, !h.status().isFinal());
        p.setTimestamp(4, Timestamp.from(h.expiresAt()));
        p.setTimestamp(5, h.status().isFinal() ? Timestamp.from(now) : null);
        p.setString(6, InventoryJson.hold(h));
    }

    private void persistTransfers(Connection c, Loaded st, InventorySnapshot after, Set<Sku> writable)
            throws SQLException {
        List<Transfer> changed = new ArrayList<>();
        for (Transfer t : after.transfers()) {
            if (writable.contains(t.sku()) && !t.equals(st.transfers.get(t.id().value()))) {
                changed.add(t);
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + s + "transfer (id, sku, open, body) VALUES "
                + "(?, ?, ?, ?::jsonb) ON CONFLICT (id) DO UPDATE SET open = excluded.open, body = excluded.body")) {
            for (Transfer t : changed) {
                p.setLong(1, t.id().value());
                p.setString(2, t.sku().value());
                p.setBoolean(3, t.receivedAt().isEmpty());
                p.setString(4, InventoryJson.transfer(t));
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private void persistCatalogue(Connection c, Catalogue cat, InventorySnapshot after) throws SQLException {
        boolean changed = false;
        for (NodeId node : after.nodes()) {
            if (!cat.nodes().contains(node)) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO " + s + "node (node) VALUES (?) ON CONFLICT DO NOTHING")) {
                    p.setString(1, node.value());
                    p.executeUpdate();
                }
                changed = true;
            }
        }
        for (Map.Entry<PoolId, Set<NodeId>> e : after.pools().entrySet()) {
            if (!Set.copyOf(e.getValue()).equals(cat.pools().get(e.getKey()))) {
                try (PreparedStatement d = c.prepareStatement("DELETE FROM " + s + "pool WHERE pool = ?");
                        PreparedStatement p = c.prepareStatement("INSERT INTO " + s + "pool (pool, node) VALUES (?, ?)")) {
                    d.setString(1, e.getKey().value());
                    d.executeUpdate();
                    for (NodeId node : e.getValue()) {
                        p.setString(1, e.getKey().value());
                        p.setString(2, node.value());
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                changed = true;
            }
        }
        for (NodeId node : cat.rules().keySet()) {
            if (after.rules().getOrDefault(node, List.of()).isEmpty()) {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM " + s + "channel_rules WHERE node = ?")) {
                    p.setString(1, node.value());
                    p.executeUpdate();
                }
                changed = true;
            }
        }
        for (Map.Entry<NodeId, List<ChannelRule>> e : after.rules().entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            List<ChannelRule> before = cat.rules().getOrDefault(e.getKey(), List.of());
            if (!e.getValue().equals(before)) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO " + s + "channel_rules (node, rules) VALUES "
                        + "(?, ?::jsonb) ON CONFLICT (node) DO UPDATE SET rules = excluded.rules")) {
                    p.setString(1, e.getKey().value());
                    p.setString(2, InventoryJson.rules(e.getValue()));
                    p.executeUpdate();
                }
                changed = true;
            }
        }
        if (changed) {
            try (PreparedStatement p = c.prepareStatement("UPDATE " + s + "meta SET catalogue_version = catalogue_version + 1 "
                    + "WHERE id = 1")) {
                p.executeUpdate();
            }
            catalogue.set(null);
        }
    }

    /** Writes a snapshot into empty storage (the builder's {@code restore}). */
    private void importSnapshot(InventorySnapshot snapshot) {
        tx.run("restore", c -> {
            advisoryLock(c, true);
            if (!allSkus(c).isEmpty() || !catalogue(c).nodes().isEmpty()) {
                throw new IllegalStateException("restore needs empty storage; schema " + s + " already has data");
            }
            Catalogue empty = new Catalogue(-1, Set.of(), Map.of(), Map.of());
            Loaded st = new Loaded();
            st.locked.addAll(snapshot.skus());
            persist(c, empty, st, snapshot, snapshot.takenAt(), true);
            for (InventorySnapshot.IdempotencyEntry e : snapshot.idempotency()) {
                Object outcome = e.outcome();
                record(c, e.key(), String.valueOf(e.request()), outcome instanceof RuntimeException ? null : outcome,
                        outcome instanceof RuntimeException x ? x : null, e.recordedAt());
            }
            try (PreparedStatement p = c.prepareStatement("SELECT setval('" + s + "hold_seq', ?, false), setval('" + s
                    + "transfer_seq', ?, false)")) {
                p.setLong(1, Math.max(1, snapshot.nextHoldId()));
                p.setLong(2, Math.max(1, snapshot.nextTransferId()));
                p.execute();
            }
            return null;
        });
    }

    /** Argument checks done before any connection is taken, with the in-memory engine's messages. */
    private static final class Check {
        private Check() {
        }

        static void key(String key) {
            if (key == null) {
                throw new NullPointerException("idempotency key is null");
            }
            if (key.isBlank() || key.length() > 200) {
                throw new IllegalArgumentException("idempotency key must be 1..200 characters and not blank, was '"
                        + key + "'");
            }
        }

        static void notNull(Sku sku, NodeId node) {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(node, "node");
        }

        static void positive(int quantity, String name) {
            if (quantity <= 0) {
                throw new IllegalArgumentException(name + " must be > 0, was " + quantity);
            }
        }

        static void reason(String reason) {
            Objects.requireNonNull(reason, "reason");
            if (reason.isBlank()) {
                throw new IllegalArgumentException("reason must not be blank");
            }
        }
    }
}

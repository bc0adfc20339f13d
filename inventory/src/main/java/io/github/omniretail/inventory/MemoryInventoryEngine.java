package io.github.omniretail.inventory;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.UnknownSkuException;
import static io.github.omniretail.inventory.StockRules.at;
import static io.github.omniretail.inventory.StockRules.emit;
import static io.github.omniretail.inventory.EngineCalls.line;
import static io.github.omniretail.inventory.EngineCalls.positive;
import static io.github.omniretail.inventory.EngineCalls.reason;

import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.event.EventSink;
import io.github.omniretail.core.event.InventoryEvent;
import io.github.omniretail.inventory.StockRules.PoolDef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory engine: the inventory rules kernel over heap state. Positions live in per-SKU primitive arrays
 * ({@link SkuState}); every operation locks the SKUs it touches in index order, expires what is due there, lets the
 * kernel decide — {@link StockRules} (the catalogue and availability), {@link HoldRules} (holding, confirming,
 * pinning, settling, expiring) and {@link StockMoves} (receipts, adjustments, transfers) — then publishes the events.
 * This class keeps what is particular to the heap: the locks, the hold and transfer tables, idempotency records,
 * views and snapshots. Catalogue-wide operations (rule changes, pool redefinition,
 * snapshots) hold {@link #catalogueLock} and then every SKU lock.
 *
 * <p>Over the usual ~600 lines on purpose: it implements each of the engine's ~40 public operations as the same
 * short lock → expire → decide → publish wrapper, and keeping them side by side is what makes the locking order
 * checkable by reading; the rules themselves live in the kernel classes named above.
 */
final class MemoryInventoryEngine implements InventoryEngine {


    // ---- idempotency payloads: what a key was used for
    record ReceiveOp(Sku sku, NodeId node, int quantity) { }
    record AdjustOp(Sku sku, NodeId node, int delta, String reason) { }
    record CountOp(Sku sku, NodeId node, int counted, String reason) { }
    record DispatchOp(Sku sku, NodeId from, NodeId to, int quantity) { }
    record DispatchExpectedOp(Sku sku, NodeId from, NodeId to, int quantity, Instant eta) { }
    record ReceiveTransferOp(TransferId transfer, int received) { }
    record ConfirmOp(HoldId hold) { }
    record ExtendOp(HoldId hold, Duration ttl) { }
    record PinOp(HoldId hold, int line, NodeId node) { }
    record FulfilOp(HoldId hold, int line, int quantity) { }
    record FulfilAllOp(HoldId hold) { }
    record ReleaseOp(HoldId hold, int line, int quantity) { }
    record ReleaseAllOp(HoldId hold) { }
    record ReceiveLotOp(Sku sku, NodeId node, Lot lot, int quantity) { }
    record ReturnOp(ReturnedUnits units) { }
    record InspectOp(ReturnedUnits units) { }
    record ExpectOp(ExpectedReceipt receipt) { }
    record ReviseOp(Sku sku, NodeId node, String receipt, int quantity, Instant eta) { }
    record LandOp(Sku sku, NodeId node, String receipt, int received) { }
    record AssembleOp(Kit recipe, NodeId node, int units, boolean assemble) { }
    record AdjustLotOp(Sku sku, NodeId node, String lot, int delta, String reason) { }

    private final Clock clock;
    private final EventSink<InventoryEvent> sink;
    private final boolean silent;
    private final boolean autoRegister;
    private final long finalRetentionMillis;
    final IdempotencyTable idempotency;
    private final long idempotencyRetentionMillis;
    private final Object pruneLock = new Object();
    private volatile long lastPrune = Long.MIN_VALUE / 2;

    private final Object catalogueLock = new Object();
    final ConcurrentHashMap<Sku, SkuState> skus = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<NodeId, Integer> nodeIndex = new ConcurrentHashMap<>();
    /** The catalogue and the availability rules; replaced whole under {@link #catalogueLock}. */
    volatile StockRules stock = StockRules.EMPTY;
    /** Minimum shelf life per channel; set once when the engine is opened. */
    private volatile LotRules.ShelfLife shelf = LotRules.ShelfLife.NONE;
    /** SKUs that have received a lot: what the lot expiry sweep visits. */
    private final java.util.Set<SkuState> lotted = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<PoolId, PoolDef> pools = new ConcurrentHashMap<>();

    final HoldTable holds = new HoldTable();
    private final java.util.function.LongFunction<HoldState> holdById = holds::get;
    final ConcurrentHashMap<Long, TransferState> transfers = new ConcurrentHashMap<>();
    private final AtomicLong transferIds = new AtomicLong();

    MemoryInventoryEngine(Clock clock, EventSink<InventoryEvent> sink, boolean autoRegister,
            Duration idempotencyRetention, Duration finalHoldRetention, boolean silent) {
        this.clock = clock;
        this.sink = sink;
        this.silent = silent;
        this.autoRegister = autoRegister;
        this.finalRetentionMillis = finalHoldRetention.toMillis();
        this.idempotency = new IdempotencyTable(idempotencyRetention.toMillis());
        this.idempotencyRetentionMillis = idempotencyRetention.toMillis();
    }

    // =====================================================================================================
    // catalogue

    @Override
    public void registerNode(NodeId node) {
        Objects.requireNonNull(node, "node");
        if (!nodeIndex.containsKey(node)) {
            synchronized (catalogueLock) {
                addNodeLocked(node);
            }
        }
    }

    private int addNodeLocked(NodeId node) {
        Integer existing = nodeIndex.get(node);
        if (existing != null) {
            return existing;
        }
        int index = stock.nodes.length;
        stock = stock.withNode(node);
        nodeIndex.put(node, index);
        return index;
    }

    @Override
    public void registerSku(Sku sku) {
        Objects.requireNonNull(sku, "sku");
        if (!skus.containsKey(sku)) {
            synchronized (catalogueLock) {
                addSkuLocked(sku);
            }
        }
    }

    private SkuState addSkuLocked(Sku sku) {
        SkuState known = skus.get(sku);
        if (known != null) {
            return known;
        }
        Kit kit = stock.kit(sku);
        if (kit != null) {
            throw StockRules.noStockOfItsOwn(kit);
        }
        return skus.computeIfAbsent(sku, s -> new SkuState(s, skus.size()));
    }

    @Override
    public void defineKit(Kit kit) {
        Objects.requireNonNull(kit, "kit");
        synchronized (catalogueLock) {
            String refusal = stock.kitRefusal(kit);
            if (refusal != null) {
                throw new IllegalArgumentException(refusal);
            }
            if (stock.kits.containsKey(kit.sku())) {
                return;
            }
            if (skus.containsKey(kit.sku())) {
                throw StockRules.hasPositions(kit.sku());
            }
            for (Sku c : kit.components().keySet()) {
                if (!skus.containsKey(c) && !autoRegister) {
                    throw new UnknownSkuException(c, "register kit " + kit.sku() + "'s components first");
                }
            }
            kit.components().keySet().forEach(this::addSkuLocked);
            stock = stock.withKit(kit);
        }
    }

    @Override
    public Optional<Kit> kit(Sku sku) {
        return Optional.ofNullable(stock.kit(Objects.requireNonNull(sku, "sku")));
    }

    /** Whole kits the components make at node {@code n} for the channel, all read under their locks. */
    private long kitAtp(Kit kit, int n, Channel channel) {
        SkuState[] parts = kit.components().keySet().stream().map(this::knownSku)
                .sorted(Comparator.comparingInt(x -> x.index)).toArray(SkuState[]::new);
        long now = now();
        return locked(parts, now, ev -> stock.kitAtp(kit, skus::get, n, channel, shelf.cutoff(channel, now)));
    }

    private SkuState sku(Sku sku) {
        Objects.requireNonNull(sku, "sku");
        SkuState state = skus.get(sku);
        if (state != null) {
            return state;
        }
        if (!autoRegister) {
            throw new UnknownSkuException(sku, "register it first or build the engine with autoRegister(true)");
        }
        synchronized (catalogueLock) {
            return addSkuLocked(sku);
        }
    }

    private SkuState knownSku(Sku sku) {
        SkuState state = skus.get(Objects.requireNonNull(sku, "sku"));
        if (state == null && stock.kit(sku) != null) {
            throw StockRules.noStockOfItsOwn(stock.kit(sku));
        }
        if (state == null) {
            throw new UnknownSkuException(sku, "register it first or build the engine with autoRegister(true)");
        }
        return state;
    }

    private int node(NodeId node) {
        Objects.requireNonNull(node, "node");
        Integer index = nodeIndex.get(node);
        if (index != null) {
            return index;
        }
        if (!autoRegister) {
            throw new UnknownNodeException(node);
        }
        synchronized (catalogueLock) {
            return addNodeLocked(node);
        }
    }

    @Override
    public boolean autoRegisters() {
        return autoRegister;
    }

    @Override
    public boolean knowsNode(NodeId node) {
        return nodeIndex.containsKey(Objects.requireNonNull(node, "node"));
    }

    private int knownNode(NodeId node) {
        Integer index = nodeIndex.get(Objects.requireNonNull(node, "node"));
        if (index == null) {
            throw new UnknownNodeException(node);
        }
        return index;
    }

    private PoolDef pool(PoolId pool) {
        PoolDef def = pools.get(Objects.requireNonNull(pool, "pool"));
        if (def == null) {
            throw new UnknownPoolException(pool);
        }
        return def;
    }

    @Override
    public void definePool(PoolId pool, Set<NodeId> members) {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(members, "nodes");
        if (members.isEmpty()) {
            throw new IllegalArgumentException("pool " + pool + " needs at least one node");
        }
        int[] memberIndexes = members.stream().mapToInt(this::knownNode).sorted().distinct().toArray();
        List<StockEvent> ev = events();
        synchronized (catalogueLock) {
            PoolDef old = pools.get(pool);
            int index = old != null ? old.index() : stock.poolsByIndex.length;
            PoolDef def = new PoolDef(pool, index, memberIndexes);
            if (old == null) {
                PoolDef[] grown = Arrays.copyOf(stock.poolsByIndex, index + 1);
                grown[index] = def;
                stock = stock.withPools(grown);
                pools.put(pool, def);
                return;
            }
            SkuState[] all = lockAll();
            try {
                long now = now();
                PoolDef[] before = stock.poolsByIndex;
                PoolDef[] after = before.clone();
                after[index] = def;
                for (SkuState s : all) {
                    HoldRules.expire(stock, holdById, s, now, ev);
                    stock.checkRedefinition(s, before, after, pool, index);
                }
                stock = stock.withPools(after);
                pools.put(pool, def);
            } finally {
                unlock(all);
            }
        }
        publish(ev);
    }

    // =====================================================================================================
    // stock movements

    @Override
    public Position receive(IdempotencyKey idempotencyKey, Sku sku, NodeId node, int quantity) {
        String key = java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(node, "node");
        positive(quantity, "quantity");
        return idempotent(key, new ReceiveOp(sku, node, quantity), now -> {
            SkuState s = sku(sku);
            int n = node(node);
            return locked(s, now, ev -> {
                return position(s, StockMoves.receive(stock, s, n, quantity, now, ev));
            });
        });
    }

    @Override
    public Position receive(IdempotencyKey idempotencyKey, Sku sku, NodeId node, Lot lot, int quantity) {
        String key = java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(lot, "lot");
        positive(quantity, "quantity");
        return idempotent(key, new ReceiveLotOp(sku, node, lot, quantity), now -> {
            SkuState s = sku(sku);
            int n = node(node);
            return locked(s, now, ev -> {
                int slot = LotRules.receive(stock, s, n, lot, quantity, now, ev);
                lotted.add(s);
                return position(s, slot);
            });
        });
    }

    @Override
    public Position returnUnits(IdempotencyKey idempotencyKey, ReturnedUnits units) {
        return returnOrInspect(idempotencyKey, units, false);
    }

    @Override
    public Position inspect(IdempotencyKey idempotencyKey, ReturnedUnits units) {
        return returnOrInspect(idempotencyKey, units, true);
    }

    private Position returnOrInspect(IdempotencyKey idempotencyKey, ReturnedUnits units, boolean inspect) {
        String key = Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(units, "units");
        Kit kit = stock.kit(units.sku());
        if (kit != null) {
            throw StockRules.noStockOfItsOwn(kit);
        }
        return idempotent(key, inspect ? new InspectOp(units) : new ReturnOp(units), now -> {
            SkuState s = sku(units.sku());
            int n = node(units.node());
            return locked(s, now, ev -> {
                int slot = inspect ? ReturnRules.inspect(stock, s, n, units, now, ev)
                        : ReturnRules.returned(stock, s, n, units, now, ev);
                if (units.lot().isPresent() && units.disposition() == Disposition.SELLABLE) {
                    lotted.add(s);
                }
                return position(s, slot);
            });
        });
    }

    @Override
    public int quarantined(Sku sku, NodeId node) {
        SkuState s = knownSku(Objects.requireNonNull(sku, "sku"));
        int n = knownNode(node);
        return locked(s, now(), ev -> s.quarantined(n));
    }

    @Override
    public List<LotPosition> lots(Sku sku, NodeId node) {
        SkuState s = knownSku(Objects.requireNonNull(sku, "sku"));
        int n = knownNode(node);
        return locked(s, now(), ev -> {
            LotTable lots = s.lotsOrNull(n);
            return lots == null ? List.<LotPosition>of() : lots.view();
        });
    }

    @Override
    public List<LotAtp> atpByLot(Sku sku, NodeId node, Channel channel) {
        Objects.requireNonNull(channel, "channel");
        if (stock.kit(Objects.requireNonNull(sku, "sku")) != null) {
            throw StockRules.kitHasNoLots(sku);
        }
        SkuState s = knownSku(sku);
        int n = knownNode(node);
        long now = now();
        return locked(s, now, ev -> LotRules.atpByLot(stock, s, n, channel, shelf.cutoff(channel, now)));
    }

    @Override
    public Position adjustLot(IdempotencyKey idempotencyKey, Sku sku, NodeId node, String lot, int delta,
            String reason) {
        String key = Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        EngineCalls.lotChange(sku, node, lot, delta, reason);
        return idempotent(key, new AdjustLotOp(sku, node, lot, delta, reason), now -> {
            SkuState s = knownSku(sku);
            int n = knownNode(node);
            return locked(s, now, ev -> position(s, LotRules.adjust(stock, s, n, lot, delta, reason, now, ev)));
        });
    }

    @Override
    public Position assemble(IdempotencyKey idempotencyKey, Kit recipe, NodeId node, int units) {
        return assembly(idempotencyKey, recipe, node, units, true);
    }

    @Override
    public Position disassemble(IdempotencyKey idempotencyKey, Kit recipe, NodeId node, int units) {
        return assembly(idempotencyKey, recipe, node, units, false);
    }

    private Position assembly(IdempotencyKey idempotencyKey, Kit recipe, NodeId node, int units, boolean assemble) {
        String key = Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        EngineCalls.assembly(recipe, node, units);
        Assembly.check(stock, recipe);
        return idempotent(key, new AssembleOp(recipe, node, units, assemble), now -> {
            Map<Sku, SkuState> states = new java.util.TreeMap<>();
            states.put(recipe.sku(), sku(recipe.sku()));
            recipe.components().keySet().forEach(c -> states.put(c, sku(c)));
            int n = node(node);
            SkuState[] sorted = states.values().stream().sorted(java.util.Comparator.comparingInt(x -> x.index))
                    .toArray(SkuState[]::new);
            return locked(sorted, now, ev -> {
                SkuState kit = states.get(recipe.sku());
                int slot = assemble ? Assembly.assemble(stock, recipe, states::get, n, units, now, ev)
                        : Assembly.disassemble(stock, recipe, states::get, n, units, now, ev);
                return position(kit, slot);
            });
        });
    }

    @Override
    public ExpectedReceipt expectReceipt(IdempotencyKey idempotencyKey, ExpectedReceipt receipt) {
        String key = Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(receipt, "receipt");
        if (stock.kit(receipt.sku()) != null) {
            throw StockRules.noStockOfItsOwn(stock.kit(receipt.sku()));
        }
        return idempotent(key, new ExpectOp(receipt), now -> {
            SkuState s = sku(receipt.sku());
            int n = node(receipt.node());
            return locked(s, now, ev -> {
                InboundRules.expect(stock, s, n, receipt, now, ev);
                return receipt;
            });
        });
    }

    @Override
    public List<ExpectedReceipt> reviseReceipt(IdempotencyKey idempotencyKey, Sku sku, NodeId node, String receipt,
            int quantity, Instant eta) {
        String key = Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        EngineCalls.revision(sku, node, receipt, quantity, eta);
        return idempotent(key, new ReviseOp(sku, node, receipt, quantity, eta), now -> {
            SkuState s = knownSku(sku);
            int n = knownNode(node);
            return locked(s, now, ev -> {
                InboundRules.revise(stock, s, n, receipt, quantity, eta, holdById, now, ev);
                return List.copyOf(InboundRules.inbound(stock, s, n));
            });
        });
    }

    @Override
    public Position receiveExpected(IdempotencyKey idempotencyKey, Sku sku, NodeId node, String receipt,
            int received) {
        String key = Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        EngineCalls.landing(sku, node, receipt, received);
        return idempotent(key, new LandOp(sku, node, receipt, received), now -> {
            SkuState s = knownSku(sku);
            int n = knownNode(node);
            return locked(s, now, ev -> position(s, InboundRules.land(stock, s, n, receipt, received, holdById,
                    now, ev)));
        });
    }

    @Override
    public List<ExpectedReceipt> inbound(Sku sku, NodeId node) {
        SkuState s = knownSku(Objects.requireNonNull(sku, "sku"));
        int n = knownNode(node);
        return locked(s, now(), ev -> List.copyOf(InboundRules.inbound(stock, s, n)));
    }

    @Override
    public List<WaitingUnits> waiting(Sku sku, NodeId node) {
        SkuState s = knownSku(Objects.requireNonNull(sku, "sku"));
        int n = knownNode(node);
        return locked(s, now(), ev -> InboundRules.waitingView(s, n));
    }

    @Override
    public List<DatedAtp> atpByDate(Sku sku, NodeId node, Channel channel) {
        Objects.requireNonNull(channel, "channel");
        if (stock.kit(Objects.requireNonNull(sku, "sku")) != null) {
            throw StockRules.noStockOfItsOwn(stock.kit(sku));
        }
        SkuState s = knownSku(sku);
        int n = knownNode(node);
        long now = now();
        return locked(s, now, ev -> List.copyOf(InboundRules.atpByDate(stock, s, n, channel, now,
                shelf.cutoff(channel, now))));
    }

    @Override
    public void setBackorderLimit(Sku sku, io.github.omniretail.core.ChannelId channel, int units) {
        EngineCalls.backorderLimit(sku, channel, units);
        if (stock.kit(sku) != null) {
            throw StockRules.noStockOfItsOwn(stock.kit(sku));
        }
        SkuState s = sku(sku);
        locked(s, now(), ev -> {
            StockRules.backorderLimit(s, channel, units);
            return null;
        });
    }

    @Override
    public int expireLots() {
        long now = now();
        int wasted = 0;
        List<StockEvent> ev = events();
        for (SkuState s : lotted) {
            s.lock();
            try {
                HoldRules.expire(stock, holdById, s, now, ev);
                wasted += LotRules.expire(stock, s, now, ev);
            } finally {
                s.unlock();
            }
        }
        publish(ev);
        return wasted;
    }

    /** Sets the minimum shelf life per channel (once, when the engine is opened). */
    void shelfLife(Map<io.github.omniretail.core.ChannelId, Duration> minimum) {
        LotRules.ShelfLife next = LotRules.ShelfLife.NONE;
        for (Map.Entry<io.github.omniretail.core.ChannelId, Duration> e : minimum.entrySet()) {
            next = next.with(e.getKey(), e.getValue());
        }
        shelf = next;
    }

    @Override
    public void loadOnHand(Sku sku, NodeId node, int onHand) {
        if (onHand < 0) {
            throw new IllegalArgumentException("on-hand of " + sku + " at " + node + " must be >= 0, was " + onHand);
        }
        SkuState s = sku(sku);
        int n = node(node);
        s.lock();
        try {
            int slot = s.slot(n);
            s.setOnHand(slot, onHand);
        } finally {
            s.unlock();
        }
    }

    @Override
    public Position adjust(IdempotencyKey idempotencyKey, Sku sku, NodeId node, int delta, String reason) {
        String key = java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(node, "node");
        reason(reason);
        if (delta == 0) {
            throw new IllegalArgumentException("adjustment of " + sku + " at " + node + " must not be zero");
        }
        return idempotent(key, new AdjustOp(sku, node, delta, reason), now -> setOnHand(sku, node, now, reason,
                current -> Math.addExact(current, delta)));
    }

    @Override
    public Position count(IdempotencyKey idempotencyKey, Sku sku, NodeId node, int counted, String reason) {
        String key = java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(node, "node");
        reason(reason);
        if (counted < 0) {
            throw new IllegalArgumentException("count of " + sku + " at " + node + " must be >= 0, was " + counted);
        }
        return idempotent(key, new CountOp(sku, node, counted, reason), now -> setOnHand(sku, node, now, reason,
                current -> counted));
    }

    private Position setOnHand(Sku sku, NodeId node, long now, String reason,
            java.util.function.IntUnaryOperator next) {
        SkuState s = sku(sku);
        int n = node(node);
        return locked(s, now, ev -> {
            int slot = StockMoves.setOnHand(stock, s, n, next, reason, now, ev);
            return position(s, slot);
        });
    }

    @Override
    public Transfer dispatchTransfer(IdempotencyKey idempotencyKey, Sku sku, NodeId from, NodeId to, int quantity) {
        return dispatch(idempotencyKey, sku, from, to, quantity, null);
    }

    @Override
    public Transfer dispatchTransfer(IdempotencyKey idempotencyKey, Sku sku, NodeId from, NodeId to, int quantity,
            Instant eta) {
        return dispatch(idempotencyKey, sku, from, to, quantity, Objects.requireNonNull(eta, "eta"));
    }

    private Transfer dispatch(IdempotencyKey idempotencyKey, Sku sku, NodeId from, NodeId to, int quantity,
            Instant eta) {
        String key = java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        positive(quantity, "quantity");
        if (from.equals(to)) {
            throw new IllegalArgumentException("transfer of " + sku + " from " + from + " to itself");
        }
        Object op = eta == null ? new DispatchOp(sku, from, to, quantity)
                : new DispatchExpectedOp(sku, from, to, quantity, eta);
        return idempotent(key, op, now -> {
            SkuState s = sku(sku);
            int f = node(from);
            int t = node(to);
            return locked(s, now, ev -> {
                TransferState transfer = StockMoves.dispatch(stock, s, f, t, quantity, transferIds::incrementAndGet,
                        now, ev);
                if (eta != null) {
                    InboundRules.expect(stock, s, t, new ExpectedReceipt(InboundRules.transferReceipt(transfer.id),
                            sku, to, quantity, eta, ExpectedReceipt.Kind.TRANSFER), now, ev);
                }
                transfers.put(transfer.id, transfer);
                return view(transfer);
            });
        });
    }

    @Override
    public Transfer receiveTransfer(IdempotencyKey idempotencyKey, TransferId transfer, int received) {
        String key = java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(transfer, "transfer");
        return idempotent(key, new ReceiveTransferOp(transfer, received), now -> {
            TransferState t = transfers.get(transfer.value());
            if (t == null) {
                throw new UnknownTransferException(transfer);
            }
            if (received < 0 || received > t.quantity) {
                throw new IllegalArgumentException("transfer " + transfer + ": received must be within 0.."
                        + t.quantity + ", was " + received);
            }
            SkuState s = t.sku;
            return locked(s, now, ev -> {
                InboundRules.landTransfer(stock, t, received, holdById, now, ev);
                return view(t);
            });
        });
    }

    // =====================================================================================================
    // holds

    @Override
    public Hold hold(HoldRequest request) {
        Objects.requireNonNull(request, "request");
        return idempotent(request.idempotencyKey().value(), request, now -> placeHold(request, now),
                hold -> holds.get(hold.id().value()));
    }

    private Hold placeHold(HoldRequest request, long now) {
        Channel channel = request.channel();
        HoldState.Expanded expanded = HoldState.Expanded.of(stock, request.lines());
        List<HoldLine> requested = expanded.lines();
        HoldState.Line[] lines = new HoldState.Line[requested.size()];
        for (int i = 0; i < lines.length; i++) {
            HoldLine line = requested.get(i);
            SkuState s = sku(line.sku());
            if (line.node().isPresent()) {
                lines[i] = new HoldState.Line(s, node(line.node().get()), -1, line.quantity(), expanded.group(i),
                        expanded.per(i));
            } else {
                lines[i] = new HoldState.Line(s, -1, pool(line.pool().get()).index(), line.quantity(),
                        expanded.group(i), expanded.per(i));
            }
            if (line.order() == LotOrder.FIFO) {
                lines[i].take = new LotTable.Take(true, null);
            }
        }
        SkuState[] locked = distinctSorted(lines);
        List<StockEvent> ev = events();
        Hold result;
        lock(locked);
        try {
            for (SkuState s : locked) {
                HoldRules.expire(stock, holdById, s, now, ev);
            }
            HoldState hold = HoldRules.place(stock, request, expanded, lines, holds::nextId, now,
                    shelf.cutoff(channel, now), ev);
            long expiresAt = HoldState.expiresAt(hold.life());
            for (SkuState s : locked) {
                s.push(expiresAt, hold.id);
            }
            holds.put(hold);
            result = view(hold, now);
            if (hold.presale != null) {
                hold.presale.placed = result;
            }
        } finally {
            unlock(locked);
        }
        publish(ev);
        return result;
    }

    @Override
    public Hold confirm(IdempotencyKey idempotencyKey, HoldId id) {
        String key = java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(id, "hold");
        return idempotent(key, new ConfirmOp(id), now -> {
            HoldState hold = existing(id);
            return locked(hold.skus(), now, ev -> {
                HoldRules.confirm(hold, id, now, ev);
                return view(hold, now);
            });
        });
    }

    @Override
    public Hold extend(IdempotencyKey idempotencyKey, HoldId id, Duration ttl) {
        String key = java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(id, "hold");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        return idempotent(key, new ExtendOp(id, ttl), now -> {
            HoldState hold = existing(id);
            long expiresAt = Math.addExact(now, ttl.toMillis());
            SkuState[] skus = hold.skus();
            return locked(skus, now, ev -> {
                HoldRules.extend(hold, id, expiresAt, now, ev);
                return view(hold, now);
            });
        });
    }

    @Override
    public Hold pin(IdempotencyKey idempotencyKey, HoldId id, int lineIndex, NodeId node) {
        String key = java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(id, "hold");
        Objects.requireNonNull(node, "node");
        return idempotent(key, new PinOp(id, lineIndex, node), now -> {
            HoldState hold = existing(id);
            int n = knownNode(node);
            HoldState.Line line = line(hold, lineIndex);
            return locked(hold.skus(), now, ev -> {
                HoldRules.pin(stock, hold, id, line, lineIndex, n, node, now, shelf.cutoff(hold.channel, now), ev);
                return view(hold, now);
            });
        });
    }

    @Override
    public Hold fulfil(IdempotencyKey idempotencyKey, HoldId id, int lineIndex, int quantity) {
        String key = java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(id, "hold");
        positive(quantity, "quantity");
        return idempotent(key, new FulfilOp(id, lineIndex, quantity),
                now -> settle(id, now, "fulfil", true, lineIndex, quantity));
    }

    @Override
    public Hold fulfilAll(IdempotencyKey idempotencyKey, HoldId id) {
        String key = java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(id, "hold");
        return idempotent(key, new FulfilAllOp(id), now -> settle(id, now, "fulfil", true, -1, 0));
    }

    @Override
    public Hold release(IdempotencyKey idempotencyKey, HoldId id, int lineIndex, int quantity) {
        String key = java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(id, "hold");
        positive(quantity, "quantity");
        return idempotent(key, new ReleaseOp(id, lineIndex, quantity),
                now -> settle(id, now, "release", false, lineIndex, quantity));
    }

    @Override
    public Hold releaseAll(IdempotencyKey idempotencyKey, HoldId id) {
        String key = java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(id, "hold");
        return idempotent(key, new ReleaseAllOp(id), now -> settle(id, now, "release", false, -1, 0));
    }

    /** Fulfils or releases one line ({@code lineIndex >= 0}) or every open line ({@code -1}). */
    private Hold settle(HoldId id, long now, String operation, boolean fulfil, int lineIndex, int quantity) {
        HoldState hold = existing(id);
        if (lineIndex >= 0) {
            line(hold, lineIndex);
        }
        return locked(hold.skus(), now, ev -> {
            HoldRules.settle(stock, hold, id, now, operation, fulfil, lineIndex, quantity, ev);
            return view(hold, now);
        });
    }

    @Override
    public int expireDue() {
        long now = now();
        int expired = 0;
        List<StockEvent> ev = events();
        for (SkuState s : skus.values()) {
            s.lock();
            try {
                expired += HoldRules.expire(stock, holdById, s, now, ev);
            } finally {
                s.unlock();
            }
        }
        maybePrune(now, false);
        publish(ev);
        return expired;
    }

    // =====================================================================================================
    // rules and settings

    @Override
    public void setChannelRules(NodeId node, List<ChannelRule> newRules) {
        int n = knownNode(node);
        List<ChannelRule> next = List.copyOf(Objects.requireNonNull(newRules, "rules"));
        List<StockEvent> ev = events();
        synchronized (catalogueLock) {
            SkuState[] all = lockAll();
            try {
                long now = now();
                for (SkuState s : all) {
                    HoldRules.expire(stock, holdById, s, now, ev);
                }
                StockRules after = stock.withRules(n, next);
                stock = after;
                for (SkuState s : all) {
                    StockRules.forgetRuleCounts(s, n);
                }
                holds.forEach(hold -> after.recountRules(hold, n));
            } finally {
                unlock(all);
            }
        }
        publish(ev);
    }

    @Override
    public List<ChannelRule> channelRules(NodeId node) {
        return List.of(stock.rules[knownNode(node)]);
    }

    @Override
    public void setSafetyStock(Sku sku, NodeId node, SafetyStockPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        withPosition(sku, node, (s, slot, now, ev) -> stock.setSafetyPolicy(s, slot, policy));
    }

    @Override
    public void recordDailySales(Sku sku, NodeId node, LocalDate day, int units) {
        Objects.requireNonNull(day, "day");
        if (units < 0) {
            throw new IllegalArgumentException("daily sales of " + sku + " at " + node + " must be >= 0, was " + units);
        }
        withPosition(sku, node, (s, slot, now, ev) -> stock.recordSales(s, slot, day, units));
    }

    @Override
    public void setReorderPoint(Sku sku, NodeId node, int reorderPoint, int hysteresis) {
        if (reorderPoint < 0 || hysteresis < 0) {
            throw new IllegalArgumentException("reorder point and hysteresis must be >= 0, were " + reorderPoint
                    + " and " + hysteresis);
        }
        withPosition(sku, node, (s, slot, now, ev) -> StockRules.setReorderPoint(s, slot, reorderPoint, hysteresis));
    }

    @FunctionalInterface
    private interface PositionChange {
        void apply(SkuState s, int slot, long now, List<StockEvent> ev);
    }

    private void withPosition(Sku sku, NodeId node, PositionChange change) {
        SkuState s = sku(sku);
        int n = node(node);
        long now = now();
        locked(s, now, ev -> {
            int slot = s.slot(n);
            change.apply(s, slot, now, ev);
            stock.afterChange(s, slot, now, ev);
            return null;
        });
    }

    // =====================================================================================================
    // availability

    // =====================================================================================================
    // queries

    @Override
    public Position position(Sku sku, NodeId node) {
        SkuState s = knownSku(sku);
        int n = knownNode(node);
        return locked(s, now(), ev -> {
            int slot = s.find(n);
            return slot < 0 ? new Position(sku, node, 0, 0, 0, 0, 0, 0, false) : position(s, slot);
        });
    }

    @Override
    public int atp(Sku sku, NodeId node, Channel channel) {
        Objects.requireNonNull(channel, "channel");
        Kit kit = stock.kit(Objects.requireNonNull(sku, "sku"));
        if (kit != null) {
            return (int) Math.min(Integer.MAX_VALUE, kitAtp(kit, knownNode(node), channel));
        }
        SkuState s = knownSku(sku);
        int n = knownNode(node);
        // The hottest read (routing calls it per candidate and line): no lambda, no lock array.
        long now = now();
        List<StockEvent> ev = events();
        long result;
        s.lock();
        try {
            HoldRules.expire(stock, holdById, s, now, ev);
            int slot = s.find(n);
            result = slot < 0 ? 0 : stock.maxTake(s, slot, channel, stock.channelAtp(s, slot, channel,
                    shelf.cutoff(channel, now)));
        } finally {
            s.unlock();
        }
        publish(ev);
        return (int) result;
    }

    @Override
    public long atp(Sku sku, Collection<NodeId> nodeIds, Channel channel) {
        Objects.requireNonNull(channel, "channel");
        int[] candidates = Objects.requireNonNull(nodeIds, "nodes").stream().mapToInt(this::knownNode).sorted()
                .distinct().toArray();
        Kit kit = stock.kit(Objects.requireNonNull(sku, "sku"));
        if (kit != null) {
            long kits = 0; // a kit is made at one node: the sum of each node's whole kits
            for (int n : candidates) {
                kits += kitAtp(kit, n, channel);
            }
            return kits;
        }
        SkuState s = knownSku(sku);
        long now = now();
        return locked(s, now, ev -> stock.atp(s, candidates, channel, shelf.cutoff(channel, now)));
    }

    @Override
    public long atp(Sku sku, PoolId poolId, Channel channel) {
        Objects.requireNonNull(channel, "channel");
        if (stock.kit(Objects.requireNonNull(sku, "sku")) != null) {
            throw StockRules.kitNotInPools(sku);
        }
        SkuState s = knownSku(sku);
        PoolDef pool = pool(poolId);
        return locked(s, now(), ev -> stock.additional(s, pool.nodes(), null));
    }

    @Override
    public Optional<Hold> hold(HoldId id) {
        HoldState hold = holds.get(Objects.requireNonNull(id, "hold").value());
        if (hold == null) {
            return Optional.empty();
        }
        long now = now();
        return Optional.of(locked(hold.skus(), now, ev -> view(hold, now)));
    }

    @Override
    public Optional<Transfer> transfer(TransferId id) {
        TransferState t = transfers.get(Objects.requireNonNull(id, "transfer").value());
        if (t == null) {
            return Optional.empty();
        }
        t.sku.lock();
        try {
            return Optional.of(view(t));
        } finally {
            t.sku.unlock();
        }
    }

    // =====================================================================================================
    // snapshot and restore

    @Override
    public InventorySnapshot snapshot() {
        List<StockEvent> ev = events();
        InventorySnapshot snapshot;
        synchronized (catalogueLock) {
            SkuState[] all = lockAll();
            try {
                long now = now();
                for (SkuState s : all) {
                    HoldRules.expire(stock, holdById, s, now, ev);
                }
                NodeId[] nodeNames = stock.nodes;
                Map<PoolId, Set<NodeId>> poolMap = new HashMap<>();
                for (PoolDef def : stock.poolsByIndex) {
                    Set<NodeId> members = new HashSet<>();
                    for (int n : def.nodes()) {
                        members.add(nodeNames[n]);
                    }
                    poolMap.put(def.id(), members);
                }
                Map<NodeId, List<ChannelRule>> ruleMap = new HashMap<>();
                for (int n = 0; n < nodeNames.length; n++) {
                    if (stock.rules[n].length > 0) {
                        ruleMap.put(nodeNames[n], List.of(stock.rules[n]));
                    }
                }
                List<InventorySnapshot.PositionState> positions = new ArrayList<>();
                for (SkuState s : all) {
                    for (int slot = 0; slot < s.size; slot++) {
                        positions.add(stock.positionState(s, slot));
                    }
                }
                List<Hold> holdViews = new ArrayList<>();
                holds.forEach(h -> holdViews.add(view(h, now)));
                List<Transfer> transferViews = transfers.values().stream()
                        .sorted(Comparator.comparingLong(t -> t.id)).map(this::view).toList();
                snapshot = new InventorySnapshot(at(now), Set.copyOf(skus.keySet()), Set.copyOf(nodeIndex.keySet()),
                        poolMap, ruleMap, positions, holdViews, transferViews, idempotency.snapshot(),
                        holds.lastId() + 1, transferIds.get() + 1, stock.kits.values().stream()
                                .sorted(Comparator.comparing(Kit::sku)).toList(), StockRules.backorderLimits(List.of(all)));
            } finally {
                unlock(all);
            }
        }
        publish(ev);
        return snapshot;
    }

    /** Loads a snapshot into this fresh engine (called by the builder before the engine is shared). */
    void restore(InventorySnapshot snapshot) {
        long now = now();
        snapshot.nodes().stream().sorted().forEach(this::registerNode);
        snapshot.skus().stream().sorted().forEach(this::registerSku);
        snapshot.pools().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> definePool(e.getKey(), e.getValue()));
        snapshot.rules().forEach(this::setChannelRules);
        snapshot.kits().forEach(this::defineKit);
        for (InventorySnapshot.PositionState p : snapshot.positions()) {
            SkuState s = knownSku(p.sku());
            int n = knownNode(p.node());
            int slot = s.slot(n);
            s.setOnHand(slot, p.onHand());
            s.setSafety(slot, p.safetyStock());
            if (p.lowStock()) {
                s.setLowStock(slot, true);
            }
            if (!(p.safetyPolicy() instanceof SafetyStockPolicy.Fixed) || !p.dailySales().isEmpty()
                    || p.reorderPoint() > 0 || p.quarantined() > 0) {
                SkuState.Extras x = s.extras(n);
                x.policy = p.safetyPolicy();
                x.sales = p.dailySales().isEmpty() ? null : new TreeMap<>(p.dailySales());
                x.reorderPoint = p.reorderPoint();
                x.hysteresis = p.hysteresis();
                x.quarantined = p.quarantined();
            }
            if (!p.lots().isEmpty()) {
                LotTable lots = s.lots(n);
                for (LotPosition lot : p.lots()) {
                    int i = lots.lot(lot.lot(), lot.expiresAt().map(Instant::toEpochMilli).orElse(LotTable.NEVER),
                            lot.receivedAt().toEpochMilli());
                    lots.addOnHand(i, lot.onHand());
                }
                lotted.add(s);
            }
            InboundRules.restore(s, n, p.receipts(), p.waiting());
        }
        snapshot.backorderLimits().forEach((sku, limits) -> limits.forEach((channel, units) ->
                StockRules.backorderLimit(knownSku(sku), channel, units)));
        for (Hold h : snapshot.holds()) {
            boolean anyKit = h.lines().stream().anyMatch(HoldLineState::isKit);
            List<HoldState.Line> lines = new ArrayList<>();
            Kit[] kits = anyKit ? new Kit[h.lines().size()] : null;
            for (int g = 0; g < h.lines().size(); g++) {
                HoldLineState l = h.lines().get(g);
                Map<Sku, Integer> parts = l.isKit() ? l.kit() : Map.of(l.sku(), 1);
                if (l.isKit()) {
                    kits[g] = stock.kits.get(l.sku());
                }
                for (Map.Entry<Sku, Integer> part : parts.entrySet()) {
                    int per = part.getValue();
                    HoldState.Line line = new HoldState.Line(knownSku(part.getKey()), l.node().map(this::knownNode)
                            .orElse(-1), l.pool().map(p -> pool(p).index()).orElse(-1), l.quantity() * per,
                            anyKit ? g : -1, per);
                    line.fulfilled = l.fulfilled() * per;
                    line.released = l.released() * per;
                    lines.add(line);
                }
            }
            HoldState state = new HoldState(stock, "restored-" + h.id().value(), h.id().value(), h.channel(),
                    h.createdAt().toEpochMilli(), h.expiresAt().toEpochMilli(), h.reference(),
                    lines.toArray(new HoldState.Line[0]), h.status(), kits);
            holds.put(state);
            if (h.status().isFinal()) {
                state.finalizedAt = now;
                continue;
            }
            InboundRules.restorePresale(state);
            for (int i = 0; i < state.lines.length; i++) {
                HoldState.Line line = state.lines[i];
                if (line.open() > 0) {
                    if (line.node < 0) {
                        line.sku.addPoolDemand(line.pool, line.open());
                    } else {
                        int inStock = line.open() - (int) InboundRules.waitOf(line.sku, line.node, state.id, i)[0];
                        int slot = line.sku.slot(line.node);
                        line.sku.setHeld(slot, line.sku.held(slot) + inStock);
                        stock.countRules(line.sku, line.node, state.channel, inStock);
                        HoldLineState view = h.lines().get(line.group >= 0 ? line.group : i);
                        if (!view.isKit() && !view.lots().isEmpty()) {
                            line.take = new LotTable.Take(false, null);
                            for (LotUnits u : view.lots()) {
                                line.take.add(u.lot(), u.open() + u.fulfilled());
                            }
                            for (int k = 0; k < view.lots().size(); k++) {
                                LotUnits u = view.lots().get(k);
                                line.take.set(k, u.open(), u.fulfilled(), u.open() + u.fulfilled());
                            }
                            LotRules.hold(line);
                        }
                    }
                }
            }
            if (h.status() == HoldStatus.HELD) {
                for (SkuState s : state.skus()) {
                    s.push(h.expiresAt().toEpochMilli(), state.id);
                }
            }
        }
        for (Transfer t : snapshot.transfers()) {
            TransferState state = new TransferState(t.id().value(), knownSku(t.sku()), knownNode(t.from()),
                    knownNode(t.to()), t.quantity(), t.dispatchedAt().toEpochMilli());
            state.received = t.received();
            state.receivedAt = t.receivedAt().map(Instant::toEpochMilli).orElse(-1L);
            transfers.put(state.id, state);
        }
        snapshot.idempotency().forEach(idempotency::restore);
        holds.restoreLastId(snapshot.nextHoldId() - 1);
        transferIds.set(snapshot.nextTransferId() - 1);
    }

    // =====================================================================================================
    // helpers

    /** Locks the SKUs (in index order), expires what is due there, runs {@code body}, unlocks, publishes. */
    private <T> T locked(SkuState[] sorted, long now, java.util.function.Function<List<StockEvent>, T> body) {
        List<StockEvent> ev = events();
        T result;
        lock(sorted);
        try {
            for (SkuState s : sorted) {
                HoldRules.expire(stock, holdById, s, now, ev);
            }
            result = body.apply(ev);
        } finally {
            unlock(sorted);
        }
        publish(ev);
        return result;
    }

    private <T> T locked(SkuState s, long now, java.util.function.Function<List<StockEvent>, T> body) {
        return locked(new SkuState[] {s}, now, body);
    }

    /** Runs an operation under its idempotency key, pruning expired keys when the table has doubled. */
    private <T> T idempotent(String key, Object request, java.util.function.LongFunction<T> operation) {
        return idempotent(key, request, operation, null);
    }

    private <T> T idempotent(String key, Object request, java.util.function.LongFunction<T> operation,
            java.util.function.Function<T, IdempotencyTable.Recorded> compact) {
        long now = now();
        if (java.util.concurrent.ThreadLocalRandom.current().nextInt(1024) == 0 && idempotency.due()) {
            maybePrune(now, true);
        }
        return idempotency.run(key, request, now, () -> operation.apply(now), compact);
    }

    /**
     * Forgets idempotency keys and final holds past their retention. A full scan, so it runs only when forced
     * (the key table doubled) or when a quarter of the shorter retention has passed since the last scan: each
     * record is scanned a bounded number of times, and memory stays bounded by rate × retention.
     */
    private void maybePrune(long now, boolean force) {
        long interval = Math.max(1, Math.min(idempotencyRetentionMillis, finalRetentionMillis) / 4);
        if (!force && now - lastPrune < interval) {
            return;
        }
        synchronized (pruneLock) {
            if (!force && now - lastPrune < interval) {
                return;
            }
            lastPrune = now;
            idempotency.prune(now);
            holds.prune(now - finalRetentionMillis);
        }
    }



    private HoldState existing(HoldId id) {
        HoldState hold = holds.get(id.value());
        if (hold == null) {
            throw new UnknownHoldException(id);
        }
        return hold;
    }


    static SkuState[] distinctSorted(HoldState.Line[] lines) {
        SkuState[] out = new SkuState[lines.length];
        int n = 0;
        for (HoldState.Line line : lines) {
            SkuState s = line.sku;
            int at = n;
            boolean seen = false;
            for (int i = 0; i < n; i++) {
                if (out[i] == s) {
                    seen = true;
                    break;
                }
            }
            if (seen) {
                continue;
            }
            while (at > 0 && out[at - 1].index > s.index) { // insertion sort: lines are few
                out[at] = out[at - 1];
                at--;
            }
            out[at] = s;
            n++;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private SkuState[] lockAll() {
        SkuState[] all = skus.values().stream().sorted(Comparator.comparingInt(s -> s.index)).toArray(SkuState[]::new);
        lock(all);
        return all;
    }

    private static void lock(SkuState[] sorted) {
        for (SkuState s : sorted) {
            s.lock();
        }
    }

    private static void unlock(SkuState[] sorted) {
        for (int i = sorted.length - 1; i >= 0; i--) {
            sorted[i].unlock();
        }
    }

    private Position position(SkuState s, int slot) {
        return stock.position(s, slot);
    }

    private Hold view(HoldState hold, long now) {
        return stock.view(hold, now);
    }

    private Transfer view(TransferState t) {
        return stock.view(t);
    }

    private long now() {
        return clock.millis();
    }

    private List<StockEvent> events() {
        return silent ? null : new ArrayList<>(2);
    }

    private void publish(List<StockEvent> ev) {
        EngineCalls.publish(sink, ev);
    }


}

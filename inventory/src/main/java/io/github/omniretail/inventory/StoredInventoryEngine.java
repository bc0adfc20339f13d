package io.github.omniretail.inventory;


import io.github.omniretail.core.Channel;
import io.github.omniretail.core.IdempotencyConflictException;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.UnknownSkuException;
import static io.github.omniretail.inventory.StockRules.at;
import static io.github.omniretail.inventory.StockRules.emit;
import static io.github.omniretail.inventory.EngineCalls.line;
import static io.github.omniretail.inventory.EngineCalls.positive;
import static io.github.omniretail.inventory.EngineCalls.reason;

import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.core.internal.GroupCommitter;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.event.EventSink;
import io.github.omniretail.core.event.InventoryEvent;
import io.github.omniretail.inventory.StockRules.PoolDef;
import io.github.omniretail.inventory.spi.InventoryStorage;
import io.github.omniretail.inventory.spi.InventoryStoreContext;
import io.github.omniretail.inventory.spi.LockRequest;
import io.github.omniretail.inventory.spi.Locked;
import io.github.omniretail.inventory.spi.StoredCatalogue;
import io.github.omniretail.inventory.spi.StoredOutcome;
import io.github.omniretail.inventory.spi.StoredRows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * The inventory rules kernel over stored rows, with group commit. A call names the keys it needs (SKUs, a hold or
 * transfer, its idempotency key) and what to decide; concurrent calls are gathered by a {@link GroupCommitter} and run
 * in one storage transaction: lock and load the union of their keys in SKU order (one round trip), expire what is
 * due there, let the kernel ({@link HoldRules}, {@link StockMoves}, {@link StockRules}) decide each call in turn on
 * the decoded state ({@link StoredState}) — a refusal or a key conflict changes nothing and does not touch its
 * neighbours — then write the changed rows, idempotency records and events (the outbox; one round trip) and commit.
 * Each caller gets its own outcome after the commit; a sink set on the builder gets the events after it too. Catalogue changes and snapshots take the
 * catalogue lock exclusively and every SKU row. Thread-safe; any number of engines, in any number of JVMs, may share
 * one storage.
 *
 * <p>Over the usual ~600 lines on purpose: each public operation is a short "name the keys, then decide" call on
 * the one batch runner here, and keeping every operation's key set beside the runner is what makes the
 * lock-in-SKU-order rule checkable by reading; the rules themselves live in the kernel classes named above.
 */
final class StoredInventoryEngine implements InventoryEngine {

    private static final int ID_BLOCK = 1_000;
    private static final int SWEEP_SKUS = 256;

    /** What a call decides, on the batch's state and catalogue. */
    @FunctionalInterface
    private interface Decision<T> {
        T apply(StoredState state, Catalogue catalogue, List<StockEvent> ev);
    }

    /** One queued call: its keys, its decision, and (after its batch) its outcome. */
    private static final class Call<T> extends GroupCommitter.Call {
        final String key;
        final String request;
        final Set<Sku> skus;
        final Set<Sku> create;
        final Set<Long> holds;
        final Set<Long> transfers;
        final Decision<T> decision;
        /** Whether the call may create a hold (0), a transfer (1) or neither (-1): ids are reserved before. */
        int creates = -1;
        T result;
        RuntimeException failure;
        List<StockEvent> events;

        Call(String key, Object request, Set<Sku> skus, Set<Sku> create, Set<Long> holds, Set<Long> transfers,
                Decision<T> decision) {
            this.key = key;
            this.request = request == null ? null : request.toString();
            this.skus = skus;
            this.create = create;
            this.holds = holds;
            this.transfers = transfers;
            this.decision = decision;
        }
    }

    private final InventoryStorage storage;
    private final Clock clock;
    private final EventSink<InventoryEvent> sink;
    private final boolean silent;
    private final boolean autoRegister;
    private final Duration idempotencyRetention;
    private final Duration finalHoldRetention;
    private final GroupCommitter<Call<?>> committer;
    private volatile Catalogue catalogue;
    private final Object ids = new Object();
    private long nextHold;
    private long holdEnd;
    private long nextTransfer;
    private long transferEnd;
    private volatile long lastPrune = Long.MIN_VALUE / 2;
    private final LotRules.ShelfLife shelf;

    StoredInventoryEngine(InventoryStorage storage, GroupCommit groupCommit, InventoryStoreContext context) {
        this.storage = storage;
        this.clock = context.clock();
        this.sink = context.events();
        this.silent = context.silent();
        this.autoRegister = context.autoRegister();
        this.idempotencyRetention = context.idempotencyRetention();
        this.finalHoldRetention = context.finalHoldRetention();
        LotRules.ShelfLife shelfLife = LotRules.ShelfLife.NONE;
        for (var e : context.minShelfLife().entrySet()) {
            shelfLife = shelfLife.with(e.getKey(), e.getValue());
        }
        this.shelf = shelfLife;
        this.committer = new GroupCommitter<>(groupCommit, this::runBatch, context.batches());
        this.catalogue = Catalogue.of(storage.transaction("read catalogue", InventoryStorage.Session::readCatalogue));
        context.restore().ifPresent(snapshot -> StoredImport.into(storage, snapshot, clock));
        if (context.restore().isPresent()) {
            refreshCatalogue();
        }
    }

    // =====================================================================================================
    // batches

    private <T> T submit(Call<T> call) {
        committer.submit(call);
        if (call.failure != null) {
            throw call.failure;
        }
        publish(call.events);
        return call.result;
    }

    /** Runs one batch in one transaction; every call gets a result or a failure. */
    private void runBatch(List<Call<?>> batch) {
        List<StockEvent> expiries;
        try {
            int holds = 0;
            int transfers = 0;
            for (Call<?> call : batch) {
                holds += call.creates == 0 ? 1 : 0;
                transfers += call.creates == 1 ? 1 : 0;
            }
            long[] holdIds = takeIds(true, holds);
            long[] transferIds = takeIds(false, transfers);
            expiries = storage.transaction("inventory batch of " + batch.size(),
                    session -> decide(session, batch, holdIds, transferIds));
        } catch (RuntimeException e) {
            for (Call<?> call : batch) {
                call.result = null;
                call.events = null;
                call.failure = e;
            }
            return;
        } catch (Error e) {
            for (Call<?> call : batch) {
                call.failure = new IllegalStateException("inventory batch failed: " + e, e);
            }
            throw e;
        }
        publish(expiries);
    }

    private List<StockEvent> decide(InventoryStorage.Session session, List<Call<?>> batch, long[] holdIds,
            long[] transferIds) {
        long now = clock.millis();
        Set<Sku> skus = new HashSet<>();
        Set<Sku> create = new HashSet<>();
        Set<Long> holds = new HashSet<>();
        Set<Long> transfers = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (Call<?> call : batch) {
            call.result = null;
            call.failure = null;
            call.events = null;
            skus.addAll(call.skus);
            create.addAll(call.create);
            holds.addAll(call.holds);
            transfers.addAll(call.transfers);
            if (call.key != null) {
                keys.add(call.key);
            }
        }
        Locked locked = session.lock(new LockRequest(skus, create, holds, transfers, keys, at(now)));
        Catalogue cat = catalogue;
        if (cat.version() != locked.catalogueVersion()) {
            cat = Catalogue.of(session.readCatalogue());
            catalogue = cat;
        }
        StoredState state = new StoredState(cat.stock(), now, locked, holdIds, transferIds);
        List<StockEvent> expiries = events();
        state.expireDue(expiries);
        List<StockEvent> all = new ArrayList<>(expiries);
        for (Call<?> call : batch) {
            decide(call, state, cat);
            if (call.events != null) {
                all.addAll(call.events);
            }
        }
        StoredRows rows = state.changes(all);
        if (!rows.isEmpty()) {
            session.write(rows);
        }
        return expiries;
    }

    private <T> void decide(Call<T> call, StoredState state, Catalogue cat) {
        if (call.key != null) {
            StoredOutcome recorded = state.outcome(call.key);
            if (recorded != null) {
                if (!recorded.request().equals(call.request)) {
                    call.failure = new IdempotencyConflictException(IdempotencyKey.of(call.key), recorded.request(),
                            call.request);
                } else if (recorded.failed()) {
                    call.failure = InventoryJson.failure(recorded.outcome());
                } else {
                    @SuppressWarnings("unchecked")
                    T replayed = (T) InventoryJson.outcome(recorded.outcome());
                    call.result = replayed;
                }
                return;
            }
        }
        List<StockEvent> ev = events();
        try {
            call.result = call.decision.apply(state, cat, ev);
            call.events = ev;
            if (call.key != null) {
                state.record(new StoredOutcome(call.key, call.request, false, InventoryJson.outcome(call.result),
                        at(state.now)));
            }
        } catch (RuntimeException e) {
            call.failure = e;
            String failure = call.key == null ? null : InventoryJson.failure(e);
            if (failure != null) {
                state.record(new StoredOutcome(call.key, call.request, true, failure, at(state.now)));
            }
        }
    }

    private <T> T call(String key, Object request, Set<Sku> skus, Set<Long> holds, Set<Long> transfers,
            Decision<T> decision) {
        return submit(new Call<>(key, request, skus, autoRegister ? skus : Set.of(), holds, transfers, decision));
    }

    private <T> T onSku(String key, Object request, Sku sku, Decision<T> decision) {
        Kit kit = knownKit(sku);
        if (kit != null) {
            throw StockRules.noStockOfItsOwn(kit);
        }
        return call(key, request, Set.of(sku), Set.of(), Set.of(), decision);
    }

    private <T> T onHold(String key, Object request, HoldId id, Decision<T> decision) {
        return call(key, request, Set.of(), Set.of(id.value()), Set.of(), decision);
    }

    // =====================================================================================================
    // catalogue

    private Catalogue refreshCatalogue() {
        Catalogue fresh = Catalogue.of(storage.transaction("read catalogue", InventoryStorage.Session::readCatalogue));
        catalogue = fresh;
        return fresh;
    }

    /** Makes sure the nodes exist before a call names them: registers them if auto-registration is on. */
    private void nodes(NodeId... nodes) {
        for (NodeId node : nodes) {
            Objects.requireNonNull(node, "node");
            if (!catalogue.nodes().containsKey(node) && !refreshCatalogue().nodes().containsKey(node)
                    && autoRegister) {
                registerNode(node);
            }
        }
    }

    @Override
    public void registerNode(NodeId node) {
        Objects.requireNonNull(node, "node");
        if (catalogue.nodes().containsKey(node)) {
            return;
        }
        catalogue = Catalogue.of(storage.transaction("register node", session -> {
            StoredCatalogue c = session.lockCatalogue();
            if (c.nodes().contains(node)) {
                return c;
            }
            List<NodeId> nodes = new ArrayList<>(c.nodes());
            nodes.add(node);
            StoredCatalogue next = new StoredCatalogue(c.version() + 1, nodes, c.pools(), c.rules(), c.kits());
            session.writeCatalogue(next);
            return next;
        }));
    }

    @Override
    public void registerSku(Sku sku) {
        Objects.requireNonNull(sku, "sku");
        submit(new Call<>(null, null, Set.of(sku), Set.of(sku), Set.of(), Set.of(), (st, cat, ev) -> null));
    }

    @Override
    public void definePool(PoolId pool, Set<NodeId> members) {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(members, "nodes");
        if (members.isEmpty()) {
            throw new IllegalArgumentException("pool " + pool + " needs at least one node");
        }
        Set<NodeId> copy = Set.copyOf(members);
        Catalogue known = refreshCatalogue();
        copy.forEach(known::node);
        List<StockEvent> ev = events();
        catalogue = Catalogue.of(storage.transaction("define pool", session -> {
            if (ev != null) {
                ev.clear();
            }
            StoredCatalogue c = session.lockCatalogue();
            Catalogue cat = Catalogue.of(c);
            int[] nodes = copy.stream().mapToInt(cat::node).sorted().toArray();
            List<java.util.Map.Entry<PoolId, Set<NodeId>>> pools = new ArrayList<>(c.pools());
            int index = -1;
            for (int i = 0; i < pools.size(); i++) {
                if (pools.get(i).getKey().equals(pool)) {
                    index = i;
                }
            }
            if (index < 0) {
                pools.add(java.util.Map.entry(pool, copy));
            } else {
                long now = clock.millis();
                StoredState state = new StoredState(cat.stock(), now, session.lockAll(false));
                state.expireDue(ev);
                PoolDef[] before = cat.stock().poolsByIndex;
                PoolDef[] after = before.clone();
                after[index] = new PoolDef(pool, index, nodes);
                for (SkuState s : state.skus()) {
                    cat.stock().checkRedefinition(s, before, after, pool, index);
                }
                session.write(state.changes(ev));
                pools.set(index, java.util.Map.entry(pool, copy));
            }
            StoredCatalogue next = new StoredCatalogue(c.version() + 1, c.nodes(), pools, c.rules(), c.kits());
            session.writeCatalogue(next);
            return next;
        }));
        publish(ev);
    }

    @Override
    public void defineKit(Kit kit) {
        Objects.requireNonNull(kit, "kit");
        catalogue = Catalogue.of(storage.transaction("define kit", session -> {
            StoredCatalogue c = session.lockCatalogue();
            Catalogue cat = Catalogue.of(c);
            String refusal = cat.stock().kitRefusal(kit);
            if (refusal != null) {
                throw new IllegalArgumentException(refusal);
            }
            if (cat.stock().kits.containsKey(kit.sku())) {
                return c;
            }
            Set<Sku> all = new HashSet<>(kit.components().keySet());
            all.add(kit.sku());
            Locked locked = session.lock(new LockRequest(all, autoRegister ? kit.components().keySet() : Set.of(),
                    Set.of(), Set.of(), Set.of(), at(clock.millis())));
            if (locked.skus().containsKey(kit.sku())) {
                throw StockRules.hasPositions(kit.sku());
            }
            for (Sku component : kit.components().keySet()) {
                if (!locked.skus().containsKey(component)) {
                    throw new UnknownSkuException(component, "register kit " + kit.sku() + "'s components first");
                }
            }
            java.util.Map<Sku, java.util.Map<Sku, Integer>> kits = new java.util.HashMap<>(c.kits());
            kits.put(kit.sku(), kit.components());
            StoredCatalogue next = new StoredCatalogue(c.version() + 1, c.nodes(), c.pools(), c.rules(), kits);
            session.writeCatalogue(next);
            return next;
        }));
    }

    @Override
    public Optional<Kit> kit(Sku sku) {
        return Optional.ofNullable(knownKit(Objects.requireNonNull(sku, "sku")));
    }

    @Override
    public void setChannelRules(NodeId node, List<ChannelRule> newRules) {
        Objects.requireNonNull(node, "node");
        List<ChannelRule> next = List.copyOf(Objects.requireNonNull(newRules, "rules"));
        refreshCatalogue().node(node);
        List<StockEvent> ev = events();
        catalogue = Catalogue.of(storage.transaction("set channel rules", session -> {
            if (ev != null) {
                ev.clear();
            }
            StoredCatalogue c = session.lockCatalogue();
            Catalogue cat = Catalogue.of(c);
            int n = cat.node(node);
            StoredState state = new StoredState(cat.stock(), clock.millis(), session.lockAll(false));
            state.expireDue(ev);
            StockRules after = cat.stock().withRules(n, next);
            for (SkuState s : state.skus()) {
                StockRules.forgetRuleCounts(s, n);
            }
            for (HoldState hold : state.holds()) {
                after.recountRules(hold, n);
            }
            session.write(state.changes(ev));
            java.util.Map<NodeId, String> rules = new java.util.HashMap<>(c.rules());
            if (next.isEmpty()) {
                rules.remove(node);
            } else {
                rules.put(node, InventoryJson.rules(next));
            }
            StoredCatalogue written = new StoredCatalogue(c.version() + 1, c.nodes(), c.pools(), rules, c.kits());
            session.writeCatalogue(written);
            return written;
        }));
        publish(ev);
    }

    @Override
    public List<ChannelRule> channelRules(NodeId node) {
        Catalogue cat = refreshCatalogue();
        return List.of(cat.stock().rules[cat.node(node)]);
    }

    // =====================================================================================================
    // stock movements

    @Override
    public Position receive(IdempotencyKey idempotencyKey, Sku sku, NodeId node, Lot lot, int quantity) {
        String key = java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(lot, "lot");
        positive(quantity, "quantity");
        nodes(node);
        return onSku(key, new MemoryInventoryEngine.ReceiveLotOp(sku, node, lot, quantity), sku, (st, cat, ev) -> {
            SkuState s = sku(st, sku);
            return st.stock.position(s, LotRules.receive(st.stock, s, cat.node(node), lot, quantity, st.now, ev));
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
        nodes(units.node());
        Object op = inspect ? new MemoryInventoryEngine.InspectOp(units) : new MemoryInventoryEngine.ReturnOp(units);
        return onSku(key, op, units.sku(), (st, cat, ev) -> {
            SkuState s = sku(st, units.sku());
            int n = cat.node(units.node());
            return st.stock.position(s, inspect ? ReturnRules.inspect(st.stock, s, n, units, st.now, ev)
                    : ReturnRules.returned(st.stock, s, n, units, st.now, ev));
        });
    }

    @Override
    public int quarantined(Sku sku, NodeId node) {
        Objects.requireNonNull(sku, "sku");
        knowing(node).node(node);
        return readSku(sku, (st, cat, ev) -> knownSku(st, sku).quarantined(cat.node(node)));
    }

    @Override
    public List<LotPosition> lots(Sku sku, NodeId node) {
        Objects.requireNonNull(sku, "sku");
        knowing(node).node(node);
        return readSku(sku, (st, cat, ev) -> {
            LotTable lots = knownSku(st, sku).lotsOrNull(cat.node(node));
            return lots == null ? List.<LotPosition>of() : lots.view();
        });
    }

    @Override
    public List<LotAtp> atpByLot(Sku sku, NodeId node, Channel channel) {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(channel, "channel");
        knowing(node).node(node);
        if (knownKit(sku) != null) {
            throw StockRules.kitHasNoLots(sku);
        }
        return readSku(sku, (st, cat, ev) -> LotRules.atpByLot(st.stock, knownSku(st, sku), cat.node(node), channel,
                shelf.cutoff(channel, st.now)));
    }

    @Override
    public Position adjustLot(IdempotencyKey idempotencyKey, Sku sku, NodeId node, String lot, int delta,
            String reason) {
        String key = Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        EngineCalls.lotChange(sku, node, lot, delta, reason);
        knowing(node).node(node);
        return onSku(key, new MemoryInventoryEngine.AdjustLotOp(sku, node, lot, delta, reason), sku, (st, cat, ev) -> {
            SkuState s = knownSku(st, sku);
            return st.stock.position(s, LotRules.adjust(st.stock, s, cat.node(node), lot, delta, reason, st.now, ev));
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
        nodes(node);
        Assembly.check(catalogue.stock(), recipe);
        Set<Sku> skus = new HashSet<>(recipe.components().keySet());
        skus.add(recipe.sku());
        return call(key, new MemoryInventoryEngine.AssembleOp(recipe, node, units, assemble), skus, Set.of(), Set.of(),
                (st, cat, ev) -> {
                    Assembly.check(st.stock, recipe); // a kit defined elsewhere since
                    java.util.function.Function<Sku, SkuState> states = sku -> sku(st, sku);
                    int n = cat.node(node);
                    int slot = assemble ? Assembly.assemble(st.stock, recipe, states, n, units, st.now, ev)
                            : Assembly.disassemble(st.stock, recipe, states, n, units, st.now, ev);
                    return st.stock.position(states.apply(recipe.sku()), slot);
                });
    }

    @Override
    public ExpectedReceipt expectReceipt(IdempotencyKey idempotencyKey, ExpectedReceipt receipt) {
        String key = Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(receipt, "receipt");
        nodes(receipt.node());
        return onSku(key, new MemoryInventoryEngine.ExpectOp(receipt), receipt.sku(), (st, cat, ev) -> {
            InboundRules.expect(st.stock, sku(st, receipt.sku()), cat.node(receipt.node()), receipt, st.now, ev);
            return receipt;
        });
    }

    @Override
    public List<ExpectedReceipt> reviseReceipt(IdempotencyKey idempotencyKey, Sku sku, NodeId node, String receipt,
            int quantity, Instant eta) {
        String key = Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        EngineCalls.revision(sku, node, receipt, quantity, eta);
        knowing(node).node(node);
        return onWaiting(key, new MemoryInventoryEngine.ReviseOp(sku, node, receipt, quantity, eta), sku, node,
                (st, cat, ev) -> {
                    SkuState s = knownSku(st, sku);
                    int n = cat.node(node);
                    InboundRules.revise(st.stock, s, n, receipt, quantity, eta, st::hold, st.now, ev);
                    return List.copyOf(InboundRules.inbound(st.stock, s, n));
                });
    }

    @Override
    public Position receiveExpected(IdempotencyKey idempotencyKey, Sku sku, NodeId node, String receipt,
            int received) {
        String key = Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        EngineCalls.landing(sku, node, receipt, received);
        knowing(node).node(node);
        return onWaiting(key, new MemoryInventoryEngine.LandOp(sku, node, receipt, received), sku, node,
                (st, cat, ev) -> {
                    SkuState s = knownSku(st, sku);
                    return st.stock.position(s, InboundRules.land(st.stock, s, cat.node(node), receipt, received,
                            st::hold, st.now, ev));
                });
    }

    /**
     * Runs a change of a position's receipts with the holds that wait there loaded (the late-or-short rule may
     * cancel their waiting units): reads their ids first, and again if a hold started waiting in between.
     */
    private <T> T onWaiting(String key, Object request, Sku sku, NodeId node, Decision<T> decision) {
        return onWaiting(key, request, sku, node, Set.of(), decision);
    }

    private <T> T onWaiting(String key, Object request, Sku sku, NodeId node, Set<Long> transfers,
            Decision<T> decision) {
        if (knownKit(sku) != null) {
            throw StockRules.noStockOfItsOwn(knownKit(sku));
        }
        for (int attempt = 0; ; attempt++) {
            Set<Long> waiting = readSku(sku, (st, cat, ev) -> {
                SkuState s = st.sku(sku);
                InboundTable t = s == null ? null : InboundRules.table(s, cat.node(node));
                Set<Long> ids = new HashSet<>();
                if (t != null) {
                    // only dated lines can be cancelled by the late-or-short rule: only their holds are needed
                    t.queue().stream().filter(w -> w.latest != InboundTable.BACKORDER).forEach(w -> ids.add(w.hold));
                }
                return ids;
            });
            try {
                return call(key, request, Set.of(sku), waiting, transfers, decision);
            } catch (InboundRules.HoldNotLoaded e) {
                if (attempt == 9) {
                    throw new IllegalStateException("holds kept starting to wait at " + sku + "/" + node
                            + " while its receipts changed; try again", e);
                }
            }
        }
    }

    @Override
    public List<ExpectedReceipt> inbound(Sku sku, NodeId node) {
        Objects.requireNonNull(sku, "sku");
        knowing(node).node(node);
        return readSku(sku, (st, cat, ev) -> List.copyOf(InboundRules.inbound(st.stock, knownSku(st, sku),
                cat.node(node))));
    }

    @Override
    public List<WaitingUnits> waiting(Sku sku, NodeId node) {
        Objects.requireNonNull(sku, "sku");
        knowing(node).node(node);
        return readSku(sku, (st, cat, ev) -> InboundRules.waitingView(knownSku(st, sku), cat.node(node)));
    }

    @Override
    public List<DatedAtp> atpByDate(Sku sku, NodeId node, Channel channel) {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(channel, "channel");
        knowing(node).node(node);
        if (knownKit(sku) != null) {
            throw StockRules.noStockOfItsOwn(knownKit(sku));
        }
        return readSku(sku, (st, cat, ev) -> List.copyOf(InboundRules.atpByDate(st.stock, knownSku(st, sku),
                cat.node(node), channel, st.now, shelf.cutoff(channel, st.now))));
    }

    @Override
    public void setBackorderLimit(Sku sku, io.github.omniretail.core.ChannelId channel, int units) {
        EngineCalls.backorderLimit(sku, channel, units);
        onSku(null, null, sku, (st, cat, ev) -> {
            StockRules.backorderLimit(sku(st, sku), channel, units);
            return null;
        });
    }

    /** Pages through the SKUs with lots, {@link #SWEEP_SKUS} a transaction, writing off what has expired. */
    @Override
    public int expireLots() {
        int wasted = 0;
        Sku after = null;
        for (int round = 0; round < 100_000; round++) {
            Sku from = after;
            List<Sku> page = storage.transaction("find SKUs with lots", session -> session.lotSkus(from,
                    SWEEP_SKUS));
            if (page.isEmpty()) {
                break;
            }
            int[] count = new int[1];
            List<StockEvent> ev = events();
            Instant now = at(clock.millis());
            storage.transaction("expire lots", session -> {
                count[0] = 0;
                if (ev != null) {
                    ev.clear();
                }
                Locked locked = session.lock(new LockRequest(Set.copyOf(page), Set.of(), Set.of(), Set.of(), Set.of(),
                        now));
                Catalogue cat = catalogue.version() == locked.catalogueVersion() ? catalogue
                        : Catalogue.of(session.readCatalogue());
                StoredState state = new StoredState(cat.stock(), now.toEpochMilli(), locked);
                state.expireDue(ev);
                for (SkuState s : state.skus()) {
                    count[0] += LotRules.expire(cat.stock(), s, now.toEpochMilli(), ev);
                }
                session.write(state.changes(ev));
                return null;
            });
            publish(ev);
            wasted += count[0];
            if (page.size() < SWEEP_SKUS) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        return wasted;
    }

    @Override
    public Position receive(IdempotencyKey idempotencyKey, Sku sku, NodeId node, int quantity) {
        String key = java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(sku, "sku");
        positive(quantity, "quantity");
        nodes(node);
        return onSku(key, new MemoryInventoryEngine.ReceiveOp(sku, node, quantity), sku, (st, cat, ev) -> {
            SkuState s = sku(st, sku);
            return st.stock.position(s, StockMoves.receive(st.stock, s, cat.node(node), quantity, st.now, ev));
        });
    }

    @Override
    public void loadOnHand(Sku sku, NodeId node, int onHand) {
        Objects.requireNonNull(sku, "sku");
        if (onHand < 0) {
            throw new IllegalArgumentException("on-hand of " + sku + " at " + node + " must be >= 0, was " + onHand);
        }
        nodes(node);
        onSku(null, null, sku, (st, cat, ev) -> {
            SkuState s = sku(st, sku);
            s.setOnHand(s.slot(cat.node(node)), onHand);
            return null;
        });
    }

    @Override
    public Position adjust(IdempotencyKey idempotencyKey, Sku sku, NodeId node, int delta, String reason) {
        String key = java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(sku, "sku");
        reason(reason);
        if (delta == 0) {
            throw new IllegalArgumentException("adjustment of " + sku + " at " + node + " must not be zero");
        }
        return setOnHand(key, new MemoryInventoryEngine.AdjustOp(sku, node, delta, reason), sku, node, reason,
                current -> Math.addExact(current, delta));
    }

    @Override
    public Position count(IdempotencyKey idempotencyKey, Sku sku, NodeId node, int counted, String reason) {
        String key = java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(sku, "sku");
        reason(reason);
        if (counted < 0) {
            throw new IllegalArgumentException("count of " + sku + " at " + node + " must be >= 0, was " + counted);
        }
        return setOnHand(key, new MemoryInventoryEngine.CountOp(sku, node, counted, reason), sku, node, reason,
                current -> counted);
    }

    private Position setOnHand(String key, Object request, Sku sku, NodeId node, String reason,
            IntUnaryOperator next) {
        nodes(node);
        return onSku(key, request, sku, (st, cat, ev) -> {
            SkuState s = sku(st, sku);
            return st.stock.position(s, StockMoves.setOnHand(st.stock, s, cat.node(node), next, reason, st.now, ev));
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
        nodes(from, to);
        Set<Sku> skus = Set.of(sku);
        Object op = eta == null ? new MemoryInventoryEngine.DispatchOp(sku, from, to, quantity)
                : new MemoryInventoryEngine.DispatchExpectedOp(sku, from, to, quantity, eta);
        Call<Transfer> call = new Call<>(key, op, skus, autoRegister ? skus : Set.of(), Set.of(), Set.of(),
                (st, cat, ev) -> {
            SkuState s = sku(st, sku);
            TransferState t = StockMoves.dispatch(st.stock, s, cat.node(from), cat.node(to), quantity,
                    st::nextTransferId, st.now, ev);
            if (eta != null) {
                InboundRules.expect(st.stock, s, cat.node(to), new ExpectedReceipt(
                        InboundRules.transferReceipt(t.id), sku, to, quantity, eta, ExpectedReceipt.Kind.TRANSFER),
                        st.now, ev);
            }
            st.add(t);
            return st.stock.view(t);
        });
        call.creates = 1;
        return submit(call);
    }

    @Override
    public Transfer receiveTransfer(IdempotencyKey idempotencyKey, TransferId transfer, int received) {
        String key = java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(transfer, "transfer");
        Decision<Transfer> receive = (st, cat, ev) -> {
            TransferState t = st.transfer(transfer.value());
            if (t == null) {
                throw new UnknownTransferException(transfer);
            }
            if (received < 0 || received > t.quantity) {
                throw new IllegalArgumentException("transfer " + transfer + ": received must be within 0.."
                        + t.quantity + ", was " + received);
            }
            InboundRules.landTransfer(st.stock, t, received, st::hold, st.now, ev);
            return st.stock.view(t);
        };
        Object op = new MemoryInventoryEngine.ReceiveTransferOp(transfer, received);
        Optional<Transfer> known = transfer(transfer);
        if (known.isEmpty()) {
            return call(key, op, Set.of(), Set.of(), Set.of(transfer.value()), receive);
        }
        // its expected receipt, if any, may cancel waiting lines at the destination: load their holds too
        return onWaiting(key, op, known.get().sku(), known.get().to(), Set.of(transfer.value()), receive);
    }

    // =====================================================================================================
    // holds

    @Override
    public Hold hold(HoldRequest request) {
        Objects.requireNonNull(request, "request");
        // a kit line locks its components (kits never change once defined, so the cached catalogue is right when
        // it knows the kit; a kit defined elsewhere since is found in the transaction and refused with "retry")
        Set<Sku> skus = new HashSet<>();
        for (HoldLine line : request.lines()) {
            Kit kit = knownKit(line.sku());
            if (kit == null) {
                skus.add(line.sku());
            } else {
                skus.addAll(kit.components().keySet());
            }
        }
        request.lines().forEach(line -> line.node().ifPresent(this::nodes));
        Call<Hold> call = new Call<>(request.idempotencyKey().value(), request, skus, autoRegister ? skus : Set.of(),
                Set.of(), Set.of(), (st, cat, ev) -> {
            HoldState.Expanded expanded = HoldState.Expanded.of(st.stock, request.lines());
            List<HoldLine> requested = expanded.lines();
            HoldState.Line[] lines = new HoldState.Line[requested.size()];
            for (int i = 0; i < lines.length; i++) {
                HoldLine line = requested.get(i);
                if (!skus.contains(line.sku())) {
                    throw new IllegalStateException("a kit in this hold was defined by another instance just now: "
                            + "retry the hold");
                }
                SkuState s = sku(st, line.sku());
                lines[i] = line.node().isPresent()
                        ? new HoldState.Line(s, cat.node(line.node().get()), -1, line.quantity(), expanded.group(i),
                                expanded.per(i))
                        : new HoldState.Line(s, -1, cat.pool(line.pool().get()).index(), line.quantity(),
                                expanded.group(i), expanded.per(i));
                if (line.order() == LotOrder.FIFO) {
                    lines[i].take = new LotTable.Take(true, null);
                }
            }
            long now = st.now;
            HoldState hold = HoldRules.place(st.stock, request, expanded, lines, st::nextHoldId, now,
                    shelf.cutoff(request.channel(), now), ev);
            st.add(hold);
            return st.stock.view(hold, now);
        });
        call.creates = 0;
        return submit(call);
    }

    @Override
    public Hold confirm(IdempotencyKey idempotencyKey, HoldId id) {
        String key = java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(id, "hold");
        return onHold(key, new MemoryInventoryEngine.ConfirmOp(id), id, (st, cat, ev) -> {
            HoldState hold = existing(st, id);
            HoldRules.confirm(hold, id, st.now, ev);
            return st.stock.view(hold, st.now);
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
        return onHold(key, new MemoryInventoryEngine.ExtendOp(id, ttl), id, (st, cat, ev) -> {
            HoldState hold = existing(st, id);
            HoldRules.extend(hold, id, Math.addExact(st.now, ttl.toMillis()), st.now, ev);
            return st.stock.view(hold, st.now);
        });
    }

    @Override
    public Hold pin(IdempotencyKey idempotencyKey, HoldId id, int lineIndex, NodeId node) {
        String key = java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(id, "hold");
        Objects.requireNonNull(node, "node");
        return onHold(key, new MemoryInventoryEngine.PinOp(id, lineIndex, node), id, (st, cat, ev) -> {
            HoldState hold = existing(st, id);
            int n = cat.node(node);
            HoldState.Line line = line(hold, lineIndex);
            HoldRules.pin(st.stock, hold, id, line, lineIndex, n, node, st.now,
                    shelf.cutoff(hold.channel, st.now), ev);
            return st.stock.view(hold, st.now);
        });
    }

    @Override
    public Hold fulfil(IdempotencyKey idempotencyKey, HoldId id, int lineIndex, int quantity) {
        String key = java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(id, "hold");
        positive(quantity, "quantity");
        return settle(key, new MemoryInventoryEngine.FulfilOp(id, lineIndex, quantity), id, "fulfil", true,
                lineIndex, quantity);
    }

    @Override
    public Hold fulfilAll(IdempotencyKey idempotencyKey, HoldId id) {
        String key = java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(id, "hold");
        return settle(key, new MemoryInventoryEngine.FulfilAllOp(id), id, "fulfil", true, -1, 0);
    }

    @Override
    public Hold release(IdempotencyKey idempotencyKey, HoldId id, int lineIndex, int quantity) {
        String key = java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(id, "hold");
        positive(quantity, "quantity");
        return settle(key, new MemoryInventoryEngine.ReleaseOp(id, lineIndex, quantity), id, "release", false,
                lineIndex, quantity);
    }

    @Override
    public Hold releaseAll(IdempotencyKey idempotencyKey, HoldId id) {
        String key = java.util.Objects.requireNonNull(idempotencyKey, "idempotencyKey").value();
        Objects.requireNonNull(id, "hold");
        return settle(key, new MemoryInventoryEngine.ReleaseAllOp(id), id, "release", false, -1, 0);
    }

    private Hold settle(String key, Object request, HoldId id, String operation, boolean fulfil, int lineIndex,
            int quantity) {
        return onHold(key, request, id, (st, cat, ev) -> {
            HoldState hold = existing(st, id);
            if (lineIndex >= 0) {
                line(hold, lineIndex);
            }
            HoldRules.settle(st.stock, hold, id, st.now, operation, fulfil, lineIndex, quantity, ev);
            return st.stock.view(hold, st.now);
        });
    }

    @Override
    public int expireDue() {
        int expired = 0;
        for (int round = 0; round < 10_000; round++) {
            Instant now = at(clock.millis());
            List<Sku> due = storage.transaction("find due holds", session -> session.dueSkus(now, SWEEP_SKUS));
            if (due.isEmpty()) {
                break;
            }
            int[] count = new int[1];
            List<StockEvent> ev = events();
            storage.transaction("expire due holds", session -> {
                count[0] = 0;
                if (ev != null) {
                    ev.clear();
                }
                Locked locked = session.lock(new LockRequest(Set.copyOf(due), Set.of(), Set.of(), Set.of(), Set.of(),
                        now));
                Catalogue cat = catalogue.version() == locked.catalogueVersion() ? catalogue
                        : Catalogue.of(session.readCatalogue());
                StoredState state = new StoredState(cat.stock(), now.toEpochMilli(), locked);
                count[0] = state.expireDue(ev);
                session.write(state.changes(ev));
                return null;
            });
            publish(ev);
            expired += count[0];
            if (due.size() < SWEEP_SKUS) {
                break;
            }
        }
        maybePrune();
        return expired;
    }

    /** Deletes idempotency records and final holds past their retention, at most every quarter retention. */
    private void maybePrune() {
        long now = clock.millis();
        long interval = Math.max(1, Math.min(idempotencyRetention.toMillis(), finalHoldRetention.toMillis()) / 4);
        if (now - lastPrune < interval) {
            return;
        }
        lastPrune = now;
        storage.transaction("prune", session -> session.prune(at(now).minus(idempotencyRetention),
                at(now).minus(finalHoldRetention)));
    }

    // =====================================================================================================
    // safety stock and reorder points

    @FunctionalInterface
    private interface PositionChange {
        void apply(StockRules stock, SkuState s, int slot);
    }

    private void withPosition(Sku sku, NodeId node, PositionChange change) {
        Objects.requireNonNull(sku, "sku");
        nodes(node);
        onSku(null, null, sku, (st, cat, ev) -> {
            SkuState s = sku(st, sku);
            int slot = s.slot(cat.node(node));
            change.apply(st.stock, s, slot);
            st.stock.afterChange(s, slot, st.now, ev);
            return null;
        });
    }

    @Override
    public void setSafetyStock(Sku sku, NodeId node, SafetyStockPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        withPosition(sku, node, (stock, s, slot) -> stock.setSafetyPolicy(s, slot, policy));
    }

    @Override
    public void recordDailySales(Sku sku, NodeId node, LocalDate day, int units) {
        Objects.requireNonNull(day, "day");
        if (units < 0) {
            throw new IllegalArgumentException("daily sales of " + sku + " at " + node + " must be >= 0, was " + units);
        }
        withPosition(sku, node, (stock, s, slot) -> stock.recordSales(s, slot, day, units));
    }

    @Override
    public void setReorderPoint(Sku sku, NodeId node, int reorderPoint, int hysteresis) {
        if (reorderPoint < 0 || hysteresis < 0) {
            throw new IllegalArgumentException("reorder point and hysteresis must be >= 0, were " + reorderPoint
                    + " and " + hysteresis);
        }
        withPosition(sku, node, (stock, s, slot) -> StockRules.setReorderPoint(s, slot, reorderPoint, hysteresis));
    }

    // =====================================================================================================
    // queries: calls like any other, so they see every committed change and expire what is due

    private SkuState knownSku(StoredState st, Sku sku) {
        Kit kit = st.stock.kit(sku);
        if (kit != null) {
            throw StockRules.noStockOfItsOwn(kit);
        }
        SkuState s = st.sku(sku);
        if (s == null) {
            throw new UnknownSkuException(sku, "register it first or build the engine with autoRegister(true)");
        }
        return s;
    }

    @Override
    public boolean autoRegisters() {
        return autoRegister;
    }

    @Override
    public boolean knowsNode(NodeId node) {
        return knowing(node).nodes().containsKey(node);
    }

    private Catalogue knowing(NodeId node) {
        Objects.requireNonNull(node, "node");
        Catalogue cat = catalogue;
        return cat.nodes().containsKey(node) ? cat : refreshCatalogue();
    }

    @Override
    public Position position(Sku sku, NodeId node) {
        Objects.requireNonNull(sku, "sku");
        knowing(node).node(node);
        return readSku(sku, (st, cat, ev) -> {
            SkuState s = knownSku(st, sku);
            int slot = s.find(cat.node(node));
            return slot < 0 ? new Position(sku, node, 0, 0, 0, 0, 0, 0, false) : st.stock.position(s, slot);
        });
    }

    @Override
    public int atp(Sku sku, NodeId node, Channel channel) {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(channel, "channel");
        knowing(node).node(node);
        Kit kit = knownKit(sku);
        java.util.function.Function<Kit, Integer> asKit = k -> (int) Math.min(Integer.MAX_VALUE,
                kitAtp(k, List.of(node), channel));
        if (kit != null) {
            return asKit.apply(kit);
        }
        return readSkuOrKit(sku, (st, cat, ev) -> {
            SkuState s = knownSku(st, sku);
            int slot = s.find(cat.node(node));
            return slot < 0 ? 0 : (int) st.stock.maxTake(s, slot, channel, st.stock.channelAtp(s, slot, channel,
                    shelf.cutoff(channel, st.now)));
        }, asKit);
    }

    @Override
    public long atp(Sku sku, Collection<NodeId> nodeIds, Channel channel) {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(channel, "channel");
        List<NodeId> named = List.copyOf(Objects.requireNonNull(nodeIds, "nodes"));
        named.forEach(n -> knowing(n).node(n));
        Kit kit = knownKit(sku);
        if (kit != null) {
            return kitAtp(kit, named, channel);
        }
        return readSkuOrKit(sku, (st, cat, ev) -> {
            SkuState s = knownSku(st, sku);
            int[] candidates = named.stream().mapToInt(cat::node).sorted().distinct().toArray();
            return st.stock.atp(s, candidates, channel, shelf.cutoff(channel, st.now));
        }, k -> kitAtp(k, named, channel));
    }

    @Override
    public long atp(Sku sku, PoolId pool, Channel channel) {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(channel, "channel");
        if (knownKit(sku) != null) {
            throw StockRules.kitNotInPools(sku);
        }
        Catalogue known = catalogue.pools().containsKey(Objects.requireNonNull(pool, "pool")) ? catalogue
                : refreshCatalogue();
        known.pool(pool);
        return readSku(sku, (st, cat, ev) -> st.stock.additional(knownSku(st, sku), cat.pool(pool).nodes(), null));
    }

    /**
     * The kit {@code sku} is, as this instance knows the catalogue. Kits never change once defined; one defined by
     * another instance since is seen by the next transaction, which then throws {@link StaleKit}.
     */
    private Kit knownKit(Sku sku) {
        return catalogue.stock().kit(sku);
    }

    /** A SKU read as ordinary turned out, in the transaction, to be a kit defined elsewhere since. */
    private static final class StaleKit extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StaleKit() {
            super(null, null, false, false);
        }
    }

    /** Reads an ordinary SKU, or, if it became a kit meanwhile, answers {@code asKit} with the fresh catalogue. */
    private <T> T readSkuOrKit(Sku sku, Decision<T> read, java.util.function.Function<Kit, T> asKit) {
        try {
            return readSku(sku, (st, cat, ev) -> {
                if (st.stock.kit(sku) != null) {
                    throw new StaleKit();
                }
                return read.apply(st, cat, ev);
            });
        } catch (StaleKit e) {
            return asKit.apply(refreshCatalogue().stock().kits.get(sku));
        }
    }

    /** Sum over {@code nodes} (each once) of the whole kits the components make there, read in one transaction. */
    private long kitAtp(Kit kit, List<NodeId> nodes, Channel channel) {
        return submit(new Call<>(null, null, kit.components().keySet(), Set.of(), Set.of(), Set.of(),
                (st, cat, ev) -> {
                    long kits = 0;
                    for (int n : nodes.stream().mapToInt(cat::node).sorted().distinct().toArray()) {
                        kits += st.stock.kitAtp(kit, c -> knownSku(st, c), n, channel, shelf.cutoff(channel, st.now));
                    }
                    return kits;
                }));
    }

    private <T> T readSku(Sku sku, Decision<T> read) {
        return submit(new Call<>(null, null, Set.of(sku), Set.of(), Set.of(), Set.of(), read));
    }

    @Override
    public Optional<Hold> hold(HoldId id) {
        Objects.requireNonNull(id, "hold");
        return onHold(null, null, id, (st, cat, ev) -> {
            HoldState hold = st.hold(id.value());
            return hold == null ? Optional.empty() : Optional.of(st.stock.view(hold, st.now));
        });
    }

    @Override
    public Optional<Transfer> transfer(TransferId id) {
        Objects.requireNonNull(id, "transfer");
        return call(null, null, Set.of(), Set.of(), Set.of(id.value()), (st, cat, ev) -> {
            TransferState t = st.transfer(id.value());
            return t == null ? Optional.empty() : Optional.of(st.stock.view(t));
        });
    }

    @Override
    public InventorySnapshot snapshot() {
        return StoredImport.snapshot(storage, clock.millis());
    }

    // =====================================================================================================
    // helpers

    private SkuState sku(StoredState st, Sku sku) {
        return knownSku(st, sku);
    }

    private static HoldState existing(StoredState st, HoldId id) {
        HoldState hold = st.hold(id.value());
        if (hold == null) {
            throw new UnknownHoldException(id);
        }
        return hold;
    }


    /** Takes {@code count} hold or transfer ids from blocks reserved in the storage, so instances never collide. */
    private long[] takeIds(boolean hold, int count) {
        long[] out = new long[count];
        synchronized (ids) {
            for (int i = 0; i < count; i++) {
                if (hold ? nextHold == holdEnd : nextTransfer == transferEnd) {
                    int block = Math.max(ID_BLOCK, count - i);
                    long first = storage.reserveIds(hold ? "hold" : "transfer", block);
                    if (hold) {
                        nextHold = first;
                        holdEnd = first + block;
                    } else {
                        nextTransfer = first;
                        transferEnd = first + block;
                    }
                }
                out[i] = hold ? nextHold++ : nextTransfer++;
            }
        }
        return out;
    }

    /** Events are always built here: they go to the outbox whether or not a sink is set. */
    private static List<StockEvent> events() {
        return new ArrayList<>(2);
    }

    /** Hands committed events to the caller's sink, if one was set (after the commit; the outbox has them too). */
    private void publish(List<StockEvent> ev) {
        if (!silent) {
            EngineCalls.publish(sink, ev);
        }
    }


}

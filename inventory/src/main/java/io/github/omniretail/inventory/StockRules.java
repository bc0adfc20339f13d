package io.github.omniretail.inventory;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.NodeId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The inventory rules kernel's view of the catalogue, and the availability rules it decides with. Immutable: one
 * instance is the catalogue (nodes, their channel rules, pools) at one version, replaced whole on every catalogue
 * change, so an operation that reads it once sees one consistent catalogue.
 *
 * <p>Every method decides from one SKU's {@link SkuState} — positions, units held per channel rule, unpinned pool
 * demand — and nothing else: no sum over holds, no other SKU. That is what makes the same rules run over heap state
 * (the in-memory engine) and over a SKU's stored rows. Callers hold the SKU's lock.
 *
 * <p>Channel rules: a reservation keeps units for its channels ({@code reservedUnits − held by them}) away from
 * every other channel and from pool lines; a cap limits what its channels may hold. Pools: pool-level holds are
 * demand without a node; a change is allowed only if the maximum flow of that demand through the pool's nodes
 * ({@link PoolFlow}) stays as high as before, so open pool holds stay jointly satisfiable.
 *
 * <p>A little over 600 lines: besides the rules it builds the values every engine returns from a SKU's state
 * (positions, hold views, snapshot positions), so both engines return them the same way.
 */
final class StockRules {

    /** A pool: its index and member node indexes, sorted. */
    record PoolDef(PoolId id, int index, int[] nodes) { }

    private static final ChannelRule[] NO_RULES = new ChannelRule[0];

    static final StockRules EMPTY = new StockRules(new NodeId[0], new ChannelRule[0][], new PoolDef[0], Map.of());

    /** Node names by index. */
    final NodeId[] nodes;
    /** Channel rules by node index (empty arrays where none). */
    final ChannelRule[][] rules;
    /** Pools by index. */
    final PoolDef[] poolsByIndex;
    /** Virtual kits by their SKU (immutable). */
    final Map<io.github.omniretail.core.Sku, Kit> kits;

    private StockRules(NodeId[] nodes, ChannelRule[][] rules, PoolDef[] pools,
            Map<io.github.omniretail.core.Sku, Kit> kits) {
        this.nodes = nodes;
        this.rules = rules;
        this.poolsByIndex = pools;
        this.kits = kits;
    }

    /** @return the kit {@code sku} is, or null; a plain map read skipped while no kit is defined (the hot path) */
    Kit kit(io.github.omniretail.core.Sku sku) {
        return kits.isEmpty() ? null : kits.get(sku);
    }

    /** A stock movement or position read named a kit. */
    static IllegalArgumentException noStockOfItsOwn(Kit kit) {
        return new IllegalArgumentException(kit.sku() + " is a virtual kit of " + kit.components() + ": it has no "
                + "stock or position of its own; move its components, or ask its ATP");
    }

    /** A kit was defined over a SKU that has positions. */
    static IllegalArgumentException hasPositions(io.github.omniretail.core.Sku sku) {
        return new IllegalArgumentException(sku + " already has positions of its own: a virtual kit has none (an "
                + "assembled kit is an ordinary SKU)");
    }

    /** Pool ATP was asked of a kit. */
    /** The refusal of a lot question about a kit: its units are its components'. */
    static IllegalArgumentException kitHasNoLots(io.github.omniretail.core.Sku sku) {
        return new IllegalArgumentException(sku + " is a kit: its lots are its components', ask per component");
    }

    static IllegalArgumentException kitNotInPools(io.github.omniretail.core.Sku sku) {
        return new IllegalArgumentException(sku + " is a kit, held at a node: ask its ATP per node");
    }

    /**
     * Whole kits the components make at node {@code n} for {@code channel}; {@code parts} gives each component's
     * state, locked by the caller.
     */
    long kitAtp(Kit kit, java.util.function.Function<io.github.omniretail.core.Sku, SkuState> parts, int n,
            Channel channel, long cutoff) {
        long whole = Long.MAX_VALUE;
        for (Map.Entry<io.github.omniretail.core.Sku, Integer> c : kit.components().entrySet()) {
            SkuState s = parts.apply(c.getKey());
            int slot = s.find(n);
            long units = slot < 0 ? 0 : maxTake(s, slot, channel, channelAtp(s, slot, channel, cutoff));
            whole = Math.min(whole, units / c.getValue());
        }
        return whole;
    }

    /** This catalogue with one more kit (the caller checked it: new, components not kits). */
    StockRules withKit(Kit kit) {
        Map<io.github.omniretail.core.Sku, Kit> grown = new HashMap<>(kits);
        grown.put(kit.sku(), kit);
        return new StockRules(nodes, rules, poolsByIndex, java.util.Collections.unmodifiableMap(grown));
    }

    /**
     * Why {@code kit} cannot join this catalogue, or null: a kit is defined once (the same definition again is
     * allowed), and is neither a component of a kit nor made of kits.
     */
    String kitRefusal(Kit kit) {
        Kit old = kits.get(kit.sku());
        if (old != null) {
            return old.equals(kit) ? null : "kit " + kit.sku() + " is already defined as " + old.components()
                    + "; a kit's components never change (define a new kit SKU)";
        }
        for (Kit other : kits.values()) {
            if (other.components().containsKey(kit.sku())) {
                return kit.sku() + " is a component of kit " + other.sku() + ", so it cannot be a kit";
            }
        }
        for (io.github.omniretail.core.Sku c : kit.components().keySet()) {
            if (kits.containsKey(c)) {
                return "kit " + kit.sku() + " cannot contain kit " + c + ": list its components instead";
            }
        }
        return null;
    }

    /** This catalogue with one more node, at index {@code nodes.length}, without rules. */
    StockRules withNode(NodeId node) {
        int index = nodes.length;
        NodeId[] grown = Arrays.copyOf(nodes, index + 1);
        grown[index] = node;
        ChannelRule[][] grownRules = Arrays.copyOf(rules, index + 1);
        grownRules[index] = NO_RULES;
        return new StockRules(grown, grownRules, poolsByIndex, kits);
    }

    /** This catalogue with the rules of node {@code node} replaced. */
    StockRules withRules(int node, List<ChannelRule> nodeRules) {
        ChannelRule[][] next = rules.clone();
        next[node] = nodeRules.toArray(NO_RULES);
        return new StockRules(nodes, next, poolsByIndex, kits);
    }

    /** This catalogue with the pools replaced. */
    StockRules withPools(PoolDef[] pools) {
        return new StockRules(nodes, rules, pools, kits);
    }

    static Instant at(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    /** Adds an event to {@code ev} unless events are off ({@code ev == null}); built only when needed. */
    static void emit(List<StockEvent> ev, Supplier<StockEvent> event) {
        if (ev != null) {
            ev.add(event.get());
        }
    }

    void countRules(SkuState s, int node, Channel channel, int units) {
        ChannelRule[] r = rules[node];
        if (r.length == 0) {
            return;
        }
        if (s.ruleHeld == null) {
            s.ruleHeld = new HashMap<>();
        }
        int[] counts = s.ruleHeld.computeIfAbsent(node, n -> new int[r.length]);
        for (int i = 0; i < r.length; i++) {
            if (r[i].channels().matches(channel)) {
                counts[i] += units;
            }
        }
    }

    void recomputeSafety(SkuState s, int slot) {
        SkuState.Extras x = s.extrasOrNull(s.node(slot));
        if (x == null) {
            return;
        }
        if (x.policy instanceof SafetyStockPolicy.Fixed) {
            s.setSafety(slot, ((SafetyStockPolicy.Fixed) x.policy).units());
        } else {
            SafetyStockPolicy.DaysOfCover cover = (SafetyStockPolicy.DaysOfCover) x.policy;
            if (x.sales == null || x.sales.isEmpty()) {
                s.setSafety(slot, 0);
                return;
            }
            long sum = 0;
            int days = 0;
            for (Integer sold : x.sales.descendingMap().values()) {
                if (days == cover.windowDays()) {
                    break;
                }
                sum += sold;
                days++;
            }
            BigDecimal units = cover.days().multiply(BigDecimal.valueOf(sum))
                    .divide(BigDecimal.valueOf(days), 0, RoundingMode.CEILING);
            s.setSafety(slot, units.min(BigDecimal.valueOf(Integer.MAX_VALUE)).intValueExact());
        }
    }

    /** Low-stock signal with hysteresis, evaluated after every change of a position. Caller holds the lock. */
    void afterChange(SkuState s, int slot, long now, List<StockEvent> ev) {
        if (s.inbound != null) {
            InboundRules.serve(this, s, slot, now, ev);
        }
        SkuState.Extras x = s.extrasOrNull(s.node(slot));
        boolean low = s.lowStock(slot);
        if (x == null || x.reorderPoint == 0) {
            if (low) {
                s.setLowStock(slot, false);
            }
            return;
        }
        int atp = (int) Math.max(0, (long) s.onHand(slot) - s.held(slot) - s.safety(slot));
        if (!low && atp < x.reorderPoint) {
            s.setLowStock(slot, true);
            NodeId node = nodes[s.node(slot)];
            int rp = x.reorderPoint;
            emit(ev, () -> new StockEvent.LowStock(at(now), s.sku, node, atp, rp));
        } else if (low && atp >= (long) x.reorderPoint + x.hysteresis) {
            s.setLowStock(slot, false);
            NodeId node = nodes[s.node(slot)];
            int rp = x.reorderPoint;
            emit(ev, () -> new StockEvent.StockRecovered(at(now), s.sku, node, atp, rp));
        }
    }

    /**
     * What {@code channel} may take at a position: rules applied, pools not; free units of lots expiring at or
     * before {@code cutoff} (now plus the channel's minimum shelf life) excluded. Caller holds the lock.
     */
    long channelAtp(SkuState s, int slot, Channel channel, long cutoff) {
        if (s.inbound == null) {
            return freeFor(s, slot, channel, cutoff);
        }
        // waiting pre-sale lines claim the first units that come free
        return Math.max(0, freeFor(s, slot, channel, cutoff) - InboundRules.waiting(s, s.node(slot)));
    }

    /** {@link #channelAtp} before waiting pre-sale lines' claims: what the first waiting line may be served. */
    long freeFor(SkuState s, int slot, Channel channel, long cutoff) {
        int node = s.node(slot);
        long base = (long) s.onHand(slot) - s.safety(slot) - s.held(slot);
        if (s.lots != null) {
            LotTable lots = s.lots.get(node);
            if (lots != null) {
                base -= lots.unavailableFree(cutoff);
            }
        }
        long cap = Long.MAX_VALUE;
        ChannelRule[] r = rules[node];
        if (r.length > 0) {
            int[] counts = s.ruleHeld(node);
            for (int i = 0; i < r.length; i++) {
                int heldByRule = counts == null ? 0 : counts[i];
                if (r[i].channels().matches(channel)) {
                    cap = Math.min(cap, (long) r[i].capFor(s.onHand(slot)) - heldByRule);
                } else {
                    base -= Math.max(0, r[i].reservedUnits() - heldByRule);
                }
            }
        }
        return Math.max(0, Math.min(base, cap));
    }

    /** Stock at a position no channel's reservation claims: what pool lines and transfers may use. */
    long poolCapacity(SkuState s, int slot) {
        int node = s.node(slot);
        long base = (long) s.onHand(slot) - s.safety(slot) - s.held(slot) - InboundRules.waiting(s, node);
        ChannelRule[] r = rules[node];
        if (r.length > 0) {
            int[] counts = s.ruleHeld(node);
            for (int i = 0; i < r.length; i++) {
                base -= Math.max(0, r[i].reservedUnits() - (counts == null ? 0 : counts[i]));
            }
        }
        return Math.max(0, base);
    }

    /**
     * The shared capacity of a position after {@code channel} (null: no channel, e.g. a transfer) takes
     * {@code units} more: units it takes from its own reservations do not reduce what pool lines may use.
     */
    long poolCapacityAfter(SkuState s, int slot, Channel channel, long units) {
        if (units == 0) {
            return poolCapacity(s, slot);
        }
        int node = s.node(slot);
        long base = (long) s.onHand(slot) - s.safety(slot) - s.held(slot) - units - InboundRules.waiting(s, node);
        ChannelRule[] r = rules[node];
        if (r.length > 0) {
            int[] counts = s.ruleHeld(node);
            for (int i = 0; i < r.length; i++) {
                long heldByRule = (counts == null ? 0 : counts[i])
                        + (channel != null && r[i].channels().matches(channel) ? units : 0);
                base -= Math.max(0, r[i].reservedUnits() - heldByRule);
            }
        }
        return Math.max(0, base);
    }

    /**
     * Whether taking {@code takes} (node → units) and adding pool demand {@code adds} (pool → units) keeps every
     * existing pool-level hold of the SKU as satisfiable as it is now, and satisfies the added demand in full.
     */
    boolean poolsKeep(SkuState s, Map<Integer, Long> takes, Map<Integer, Long> adds, Channel channel) {
        if (!s.hasPoolDemand() && adds.isEmpty()) {
            return true;
        }
        long before = poolFlow(s, poolsByIndex, Map.of(), Map.of(), null);
        long added = adds.values().stream().mapToLong(Long::longValue).sum();
        return poolFlow(s, poolsByIndex, takes, adds, channel) == before + added;
    }

    /** Max flow of the SKU's pool demand (plus {@code adds}) with node capacities less {@code takes}. */
    long poolFlow(SkuState s, PoolDef[] defs, Map<Integer, Long> takes, Map<Integer, Long> adds,
            Channel channel) {
        Map<Integer, Long> demand = new HashMap<>();
        if (s.poolDemand != null) {
            demand.putAll(s.poolDemand);
        }
        adds.forEach((p, units) -> demand.merge(p, units, Long::sum));
        demand.values().removeIf(d -> d <= 0);
        if (demand.isEmpty()) {
            return 0;
        }
        int[] poolList = demand.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] nodeList = Arrays.stream(poolList).flatMap(p -> Arrays.stream(defs[p].nodes())).sorted().distinct()
                .toArray();
        PoolFlow flow = new PoolFlow(poolList.length + nodeList.length + 2);
        for (int i = 0; i < poolList.length; i++) {
            flow.addEdge(flow.source(), 1 + i, demand.get(poolList[i]));
            for (int member : defs[poolList[i]].nodes()) {
                flow.addEdge(1 + i, 1 + poolList.length + Arrays.binarySearch(nodeList, member), PoolFlow.INFINITE);
            }
        }
        for (int j = 0; j < nodeList.length; j++) {
            int slot = s.find(nodeList[j]);
            long capacity = slot < 0 ? 0 : poolCapacityAfter(s, slot, channel, takes.getOrDefault(nodeList[j], 0L));
            flow.addEdge(1 + poolList.length + j, flow.sink(), capacity);
        }
        return flow.maximise();
    }

    /**
     * How many more units can be taken from {@code candidates} together without lowering the SKU's satisfiable
     * pool demand; each node limited by {@code perNodeLimit[i]} ({@code null}: by its pool capacity only).
     */
    long additional(SkuState s, int[] candidates, long[] perNodeLimit) {
        Map<Integer, Long> demand = new HashMap<>();
        if (s.poolDemand != null) {
            demand.putAll(s.poolDemand);
        }
        demand.values().removeIf(d -> d <= 0);
        PoolDef[] defs = poolsByIndex;
        int[] poolList = demand.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] nodeList = java.util.stream.IntStream.concat(
                Arrays.stream(poolList).flatMap(p -> Arrays.stream(defs[p].nodes())), Arrays.stream(candidates))
                .sorted().distinct().toArray();
        int extra = 1 + poolList.length;
        int firstNode = extra + 1;
        PoolFlow flow = new PoolFlow(poolList.length + nodeList.length + 3);
        for (int i = 0; i < poolList.length; i++) {
            flow.addEdge(flow.source(), 1 + i, demand.get(poolList[i]));
            for (int member : defs[poolList[i]].nodes()) {
                flow.addEdge(1 + i, firstNode + Arrays.binarySearch(nodeList, member), PoolFlow.INFINITE);
            }
        }
        for (int j = 0; j < nodeList.length; j++) {
            int slot = s.find(nodeList[j]);
            flow.addEdge(firstNode + j, flow.sink(), slot < 0 ? 0 : poolCapacity(s, slot));
        }
        long before = flow.maximise();
        flow.addEdge(flow.source(), extra, PoolFlow.INFINITE);
        for (int i = 0; i < candidates.length; i++) {
            long limit = perNodeLimit == null ? PoolFlow.INFINITE : perNodeLimit[i];
            flow.addEdge(extra, firstNode + Arrays.binarySearch(nodeList, candidates[i]), limit);
        }
        return flow.maximise() - before;
    }

    /**
     * Largest {@code x <= limit} that {@code channel} can take at the position while every pool-level hold stays
     * as satisfiable as now (binary search; exact when taking more never frees shared stock, which holds unless
     * two reserve rules of one node select the same channel). Caller holds the lock.
     */
    long maxTake(SkuState s, int slot, Channel channel, long limit) {
        if (slot < 0 || limit <= 0) {
            return 0;
        }
        if (!s.hasPoolDemand()) {
            return limit;
        }
        Integer node = s.node(slot);
        long lo = 0;
        long hi = limit;
        while (lo < hi) {
            long mid = lo + (hi - lo + 1) / 2;
            if (poolsKeep(s, Map.of(node, mid), Map.of(), channel)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * ATP of {@code s} for {@code channel} across node indexes {@code candidates} (sorted, distinct): exact for one
     * node; for several, a safe lower bound of what they can give together when pool holds weigh on them.
     */
    long atp(SkuState s, int[] candidates, Channel channel, long cutoff) {
        long[] limits = new long[candidates.length];
        long sum = 0;
        long best = 0;
        for (int i = 0; i < candidates.length; i++) {
            int slot = s.find(candidates[i]);
            limits[i] = slot < 0 ? 0 : channelAtp(s, slot, channel, cutoff);
            sum += limits[i];
            best = Math.max(best, maxTake(s, slot, channel, limits[i]));
        }
        if (!s.hasPoolDemand()) {
            return sum;
        }
        // Exact per node; for several nodes a safe lower bound of what they can give together.
        return candidates.length == 1 ? best : Math.max(best, Math.min(sum, additional(s, candidates, limits)));
    }

    // ---- position settings and catalogue changes, the same for every engine

    /** Sets a position's safety-stock policy and recomputes its safety stock. */
    void setSafetyPolicy(SkuState s, int slot, SafetyStockPolicy policy) {
        s.extras(s.node(slot)).policy = policy;
        recomputeSafety(s, slot);
    }

    /** Records a day's sales at a position (the latest 366 days are kept) and recomputes its safety stock. */
    void recordSales(SkuState s, int slot, java.time.LocalDate day, int units) {
        SkuState.Extras x = s.extras(s.node(slot));
        if (x.sales == null) {
            x.sales = new java.util.TreeMap<>();
        }
        x.sales.put(day, units);
        while (x.sales.size() > 366) {
            x.sales.pollFirstEntry();
        }
        recomputeSafety(s, slot);
    }

    /** Sets a position's reorder point and hysteresis. */
    static void setReorderPoint(SkuState s, int slot, int reorderPoint, int hysteresis) {
        SkuState.Extras x = s.extras(s.node(slot));
        x.reorderPoint = reorderPoint;
        x.hysteresis = hysteresis;
    }

    /**
     * Refuses to redefine pool {@code index} (its definitions {@code before} and {@code after}) if that would leave
     * the SKU's open pool holds less satisfiable than they are.
     *
     * @throws InsufficientStockException naming the pool, the SKU's demand and the flow the new definition allows
     */
    void checkRedefinition(SkuState s, PoolDef[] before, PoolDef[] after, PoolId pool, int index) {
        if (s.poolDemand(index) == 0) {
            return;
        }
        long will = poolFlow(s, after, Map.of(), Map.of(), null);
        if (poolFlow(s, before, Map.of(), Map.of(), null) > will) {
            throw new InsufficientStockException(s.sku, Optional.empty(), Optional.of(pool),
                    io.github.omniretail.core.ChannelId.of("pool-definition"), s.poolDemand(index), will);
        }
    }

    /** Forgets the SKU's units held per rule at node {@code n} (its rules are being replaced). */
    static void forgetRuleCounts(SkuState s, int n) {
        if (s.ruleHeld != null) {
            s.ruleHeld.remove(n);
        }
    }

    /** Counts an open hold's units at node {@code n} against this catalogue's rules there (after a rule change). */
    void recountRules(HoldState hold, int n) {
        if (HoldState.status(hold.life()).isFinal()) {
            return;
        }
        for (HoldState.Line line : hold.lines) {
            if (line.node == n && line.open() > 0) {
                countRules(line.sku, n, hold.channel, line.open());
            }
        }
    }

    /** Sets (0: removes) a SKU's backorder limit for a channel. Caller holds the SKU's lock. */
    static void backorderLimit(SkuState s, io.github.omniretail.core.ChannelId channel, int units) {
        if (units == 0) {
            if (s.backorderLimits != null) {
                s.backorderLimits.remove(channel);
                if (s.backorderLimits.isEmpty()) {
                    s.backorderLimits = null;
                }
            }
            return;
        }
        if (s.backorderLimits == null) {
            s.backorderLimits = new HashMap<>();
        }
        s.backorderLimits.put(channel, units);
    }

    // ---- values returned to callers

    /** The position at {@code slot} as a snapshot keeps it: on-hand, settings, lots, receipts and waiting units. */
    InventorySnapshot.PositionState positionState(SkuState s, int slot) {
        int n = s.node(slot);
        SkuState.Extras x = s.extrasOrNull(n);
        LotTable lots = s.lotsOrNull(n);
        return new InventorySnapshot.PositionState(s.sku, nodes[n], s.onHand(slot),
                x == null ? SafetyStockPolicy.fixed(s.safety(slot)) : x.policy, s.safety(slot),
                x == null || x.sales == null ? new java.util.TreeMap<>() : x.sales, x == null ? 0 : x.reorderPoint,
                x == null ? 0 : x.hysteresis, s.lowStock(slot), x == null ? 0 : x.quarantined,
                lots == null ? List.of() : lots.view(), InboundRules.inbound(this, s, n),
                InboundRules.waitingStates(s, n));
    }

    /** Every SKU's backorder limits, as a snapshot keeps them. */
    static Map<io.github.omniretail.core.Sku, Map<io.github.omniretail.core.ChannelId, Integer>> backorderLimits(
            Iterable<SkuState> all) {
        Map<io.github.omniretail.core.Sku, Map<io.github.omniretail.core.ChannelId, Integer>> out = new HashMap<>();
        for (SkuState s : all) {
            if (s.backorderLimits != null) {
                out.put(s.sku, Map.copyOf(s.backorderLimits));
            }
        }
        return out;
    }

    /** The position at {@code slot} of {@code s}. */
    Position position(SkuState s, int slot) {
        int onHand = s.onHand(slot);
        int held = s.held(slot);
        int safety = s.safety(slot);
        SkuState.Extras x = s.extrasOrNull(s.node(slot));
        return new Position(s.sku, nodes[s.node(slot)], onHand, held, safety,
                (int) Math.max(0, (long) onHand - held - safety), Math.max(0, held - onHand),
                x == null ? 0 : x.reorderPoint, s.lowStock(slot));
    }

    /** The hold as of {@code now}; the caller holds the locks of its SKUs. */
    Hold view(HoldState hold, long now) {
        HoldStatus status = hold.statusAt(now);
        List<HoldLineState> lines = new ArrayList<>(hold.requestLines());
        NodeId[] nodeNames = nodes;
        long life = hold.life();
        for (int g = 0; g < hold.requestLines(); g++) {
            // a kit's component lines move together: the first one counts the kits
            HoldState.Line line = hold.lines[hold.first(g)];
            Kit kit = hold.kits == null ? null : hold.kits[g];
            int per = line.per;
            int released = status == HoldStatus.EXPIRED ? line.quantity - line.fulfilled : line.released;
            long[] wait = status == HoldStatus.EXPIRED ? null : waiting(hold, g);
            lines.add(new HoldLineState(kit != null ? kit.sku() : line.sku.sku, line.node >= 0
                    ? Optional.of(nodeNames[line.node]) : Optional.empty(), line.pool >= 0
                    ? Optional.of(poolsByIndex[line.pool].id()) : Optional.empty(), line.quantity / per,
                    line.fulfilled / per, released / per, kit != null ? kit.components() : Map.of(),
                    kit != null ? List.of() : lotUnits(line), wait == null ? 0 : (int) wait[0],
                    wait == null || wait[1] == InboundTable.BACKORDER ? Optional.empty()
                            : Optional.of(Instant.ofEpochMilli(wait[1]))));
        }
        return new Hold(new HoldId(hold.id), hold.channel, status, Instant.ofEpochMilli(hold.createdAt),
                Instant.ofEpochMilli(HoldState.expiresAt(life)), lines, hold.reference);
    }

    /**
     * {units, promise} still waiting for request line {@code g} (a kit: whole kits not yet complete, the latest
     * promise of its components), or null when nothing waits.
     */
    private static long[] waiting(HoldState hold, int g) {
        long units = 0;
        long promise = Long.MIN_VALUE;
        for (int i = hold.first(g); i < hold.end(g); i++) {
            HoldState.Line line = hold.lines[i];
            if (line.node < 0 || line.sku.inbound == null) {
                continue;
            }
            long[] w = InboundRules.waitOf(line.sku, line.node, hold.id, i);
            if (w[0] > 0) {
                units = Math.max(units, (w[0] + line.per - 1) / line.per);
                promise = Math.max(promise, w[1]);
            }
        }
        return units == 0 ? null : new long[] {units, promise};
    }

    private static List<LotUnits> lotUnits(HoldState.Line line) {
        LotTable.Take take = line.take;
        if (take == null || take.ids.length == 0) {
            return List.of();
        }
        if (take.ids.length == 1) { // the usual case: an immutable list the view keeps without copying
            return List.of(new LotUnits(take.ids[0], take.open(0), take.shipped(0)));
        }
        List<LotUnits> out = new ArrayList<>(take.ids.length);
        for (int k = 0; k < take.ids.length; k++) {
            out.add(new LotUnits(take.ids[k], take.open(k), take.shipped(k)));
        }
        return out;
    }

    /** The transfer as a value. */
    Transfer view(TransferState t) {
        return new Transfer(new TransferId(t.id), t.sku.sku, nodes[t.from], nodes[t.to], t.quantity, t.received,
                Instant.ofEpochMilli(t.dispatchedAt),
                t.receivedAt < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(t.receivedAt)));
    }
}

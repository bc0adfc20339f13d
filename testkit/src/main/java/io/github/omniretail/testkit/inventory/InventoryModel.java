package io.github.omniretail.testkit.inventory;

import io.github.omniretail.core.Channel;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.ChannelRule;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldId;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldLineState;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.HoldStatus;
import io.github.omniretail.inventory.InsufficientStockException;
import io.github.omniretail.inventory.PoolId;
import io.github.omniretail.inventory.UnknownPoolException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A plain reference model of the inventory engine: no locks, no indexes, held units recomputed from the holds on
 * every read, pool satisfiability by the min-cut formula over every subset of pools (Hall's condition) instead
 * of max-flow. Slow and obviously right; the engine must agree with it after every step.
 */
public final class InventoryModel {

    /** An empty model: no nodes, SKUs or holds. */
    public InventoryModel() {
    }

    static final class MHold {
        final long id;
        final Channel channel;
        /** One line per ordinary request line, one per component of a kit line (with the request line's group). */
        final List<MLine> lines = new ArrayList<>();
        int requestLines;
        HoldStatus status = HoldStatus.HELD;
        long expiresAt;

        MHold(long id, Channel channel) {
            this.id = id;
            this.channel = channel;
        }

        HoldStatus statusAt(long now) {
            return status == HoldStatus.HELD && now >= expiresAt ? HoldStatus.EXPIRED : status;
        }

        /** The lines of request line {@code group}: one, or a kit's components. */
        List<MLine> group(int group) {
            return lines.stream().filter(l -> l.group == group).toList();
        }
    }

    static final class MLine {
        final Sku sku;
        NodeId node;
        final PoolId pool;
        final int quantity;
        final int group;
        final Sku kit;
        final int per;
        int fulfilled;
        int released;

        MLine(Sku sku, NodeId node, PoolId pool, int quantity, int group, Sku kit, int per) {
            this.sku = sku;
            this.node = node;
            this.pool = pool;
            this.quantity = quantity;
            this.group = group;
            this.kit = kit;
            this.per = per;
        }

        int open() {
            return quantity - fulfilled - released;
        }
    }

    record Key(Sku sku, NodeId node) { }

    final Map<Key, Integer> onHand = new HashMap<>();
    final Map<Key, Integer> safety = new HashMap<>();
    /** Returned units waiting for inspection, per position (not on hand). */
    final Map<Key, Integer> quarantined = new HashMap<>();
    final Map<NodeId, List<ChannelRule>> rules = new HashMap<>();
    /** Virtual kits: kit SKU → component → units per kit. */
    final Map<Sku, Map<Sku, Integer>> kits = new HashMap<>();
    final Map<PoolId, Set<NodeId>> pools = new LinkedHashMap<>();
    final Map<Long, MHold> holds = new LinkedHashMap<>();
    long nextHold = 1;

    /** Applies expiry at {@code now}: HELD holds past their time become EXPIRED and their open units released. */
    void expire(long now) {
        for (MHold h : holds.values()) {
            if (h.statusAt(now) == HoldStatus.EXPIRED && h.status == HoldStatus.HELD) {
                h.status = HoldStatus.EXPIRED;
                for (MLine l : h.lines) {
                    l.released += l.open();
                }
            }
        }
    }

    int onHand(Sku sku, NodeId node) {
        return onHand.getOrDefault(new Key(sku, node), 0);
    }

    int safety(Sku sku, NodeId node) {
        return safety.getOrDefault(new Key(sku, node), 0);
    }

    int held(Sku sku, NodeId node) {
        int sum = 0;
        for (MHold h : holds.values()) {
            for (MLine l : h.lines) {
                if (l.sku.equals(sku) && node.equals(l.node)) {
                    sum += l.open();
                }
            }
        }
        return sum;
    }

    int ruleHeld(Sku sku, NodeId node, ChannelRule rule) {
        int sum = 0;
        for (MHold h : holds.values()) {
            if (rule.channels().matches(h.channel)) {
                for (MLine l : h.lines) {
                    if (l.sku.equals(sku) && node.equals(l.node)) {
                        sum += l.open();
                    }
                }
            }
        }
        return sum;
    }

    long poolDemand(Sku sku, PoolId pool) {
        long sum = 0;
        for (MHold h : holds.values()) {
            for (MLine l : h.lines) {
                if (l.sku.equals(sku) && l.node == null && pool.equals(l.pool)) {
                    sum += l.open();
                }
            }
        }
        return sum;
    }

    long channelAtp(Sku sku, NodeId node, Channel channel) {
        int onHand = onHand(sku, node);
        long base = (long) onHand - safety(sku, node) - held(sku, node);
        long cap = Long.MAX_VALUE;
        for (ChannelRule r : rules.getOrDefault(node, List.of())) {
            int h = ruleHeld(sku, node, r);
            if (r.channels().matches(channel)) {
                cap = Math.min(cap, (long) r.capFor(onHand) - h);
            } else {
                base -= Math.max(0, r.reservedUnits() - h);
            }
        }
        return Math.max(0, Math.min(base, cap));
    }

    long poolCapacity(Sku sku, NodeId node) {
        long base = (long) onHand(sku, node) - safety(sku, node) - held(sku, node);
        for (ChannelRule r : rules.getOrDefault(node, List.of())) {
            base -= Math.max(0, r.reservedUnits() - ruleHeld(sku, node, r));
        }
        return Math.max(0, base);
    }

    /** Shared capacity after {@code channel} (null: none) takes {@code units} more at the position. */
    long poolCapacityAfter(Sku sku, NodeId node, Channel channel, long units) {
        long base = (long) onHand(sku, node) - safety(sku, node) - held(sku, node) - units;
        for (ChannelRule r : rules.getOrDefault(node, List.of())) {
            long h = ruleHeld(sku, node, r) + (channel != null && r.channels().matches(channel) ? units : 0);
            base -= Math.max(0, r.reservedUnits() - h);
        }
        return Math.max(0, base);
    }

    /** Max satisfiable pool demand = min over pool families F of (demand outside F + capacity of N(F)). */
    long poolFlow(Sku sku, Map<NodeId, Long> takes, Map<PoolId, Long> adds, Channel channel) {
        List<PoolId> withDemand = new ArrayList<>();
        Map<PoolId, Long> demand = new HashMap<>();
        for (PoolId p : pools.keySet()) {
            long d = poolDemand(sku, p) + adds.getOrDefault(p, 0L);
            if (d > 0) {
                withDemand.add(p);
                demand.put(p, d);
            }
        }
        long best = Long.MAX_VALUE;
        for (int mask = 0; mask < (1 << withDemand.size()); mask++) {
            long value = 0;
            Set<NodeId> neighbours = new TreeSet<>();
            for (int i = 0; i < withDemand.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    neighbours.addAll(pools.get(withDemand.get(i)));
                } else {
                    value += demand.get(withDemand.get(i));
                }
            }
            for (NodeId n : neighbours) {
                value += poolCapacityAfter(sku, n, channel, takes.getOrDefault(n, 0L));
            }
            best = Math.min(best, value);
        }
        return best;
    }

    boolean poolsKeep(Sku sku, Map<NodeId, Long> takes, Map<PoolId, Long> adds, Channel channel) {
        long added = adds.values().stream().mapToLong(Long::longValue).sum();
        return poolFlow(sku, takes, adds, channel) == poolFlow(sku, Map.of(), Map.of(), null) + added;
    }

    /** The engine's single-node channel ATP: rules, and pool holds kept satisfiable (by search). */
    long atp(Sku sku, NodeId node, Channel channel) {
        long limit = channelAtp(sku, node, channel);
        while (limit > 0 && !poolsKeep(sku, Map.of(node, limit), Map.of(), channel)) {
            limit--;
        }
        return limit;
    }

    /** Whole kits the components make at a node for the channel: each component's single-node ATP ÷ its units. */
    long kitAtp(Sku kit, NodeId node, Channel channel) {
        long whole = Long.MAX_VALUE;
        for (Map.Entry<Sku, Integer> c : kits.get(kit).entrySet()) {
            whole = Math.min(whole, atp(c.getKey(), node, channel) / c.getValue());
        }
        return whole;
    }

    long poolAtp(Sku sku, PoolId pool) {
        long d = 0;
        while (poolsKeep(sku, Map.of(), Map.of(pool, d + 1), null)) {
            d++;
        }
        return d;
    }

    /** Predicts a hold: null if it succeeds (then applied), else the failure type. */
    Class<? extends RuntimeException> hold(HoldRequest request, long now) {
        Map<Key, Long> nodeDemand = new LinkedHashMap<>();
        Map<Sku, Map<PoolId, Long>> poolDemand = new LinkedHashMap<>();
        List<MLine> expanded = new ArrayList<>();
        for (int g = 0; g < request.lines().size(); g++) {
            HoldLine l = request.lines().get(g);
            Map<Sku, Integer> kit = kits.get(l.sku());
            if (kit == null) {
                expanded.add(new MLine(l.sku(), l.node().orElse(null), l.pool().orElse(null), l.quantity(), g, null,
                        1));
            } else if (l.pool().isPresent()) {
                return IllegalArgumentException.class; // a kit is held at a node
            } else {
                for (Map.Entry<Sku, Integer> c : new java.util.TreeMap<>(kit).entrySet()) {
                    expanded.add(new MLine(c.getKey(), l.node().get(), null, l.quantity() * c.getValue(), g,
                            l.sku(), c.getValue()));
                }
            }
        }
        for (MLine m : expanded) {
            HoldLine l = m.pool != null ? HoldLine.inPool(m.sku, m.pool, m.quantity)
                    : HoldLine.atNode(m.sku, m.node, m.quantity);
            if (l.pool().isPresent() && !pools.containsKey(l.pool().get())) {
                return UnknownPoolException.class;
            }
            if (l.node().isPresent()) {
                nodeDemand.merge(new Key(l.sku(), l.node().get()), (long) l.quantity(), Long::sum);
            } else {
                poolDemand.computeIfAbsent(l.sku(), k -> new LinkedHashMap<>())
                        .merge(l.pool().get(), (long) l.quantity(), Long::sum);
            }
        }
        for (Map.Entry<Key, Long> e : nodeDemand.entrySet()) {
            if (e.getValue() > channelAtp(e.getKey().sku(), e.getKey().node(), request.channel())) {
                return InsufficientStockException.class;
            }
        }
        Set<Sku> skus = new TreeSet<>();
        expanded.forEach(l -> skus.add(l.sku));
        for (Sku sku : skus) {
            Map<NodeId, Long> takes = new HashMap<>();
            nodeDemand.forEach((k, v) -> {
                if (k.sku().equals(sku)) {
                    takes.put(k.node(), v);
                }
            });
            if (!poolsKeep(sku, takes, poolDemand.getOrDefault(sku, Map.of()), request.channel())) {
                return InsufficientStockException.class;
            }
        }
        MHold h = new MHold(nextHold++, request.channel());
        h.expiresAt = now + request.ttl().toMillis();
        h.lines.addAll(expanded);
        h.requestLines = request.lines().size();
        holds.put(h.id, h);
        return null;
    }

    Hold view(long id, long now, Map<PoolId, PoolId> poolNames) {
        MHold h = holds.get(id);
        HoldStatus status = h.statusAt(now);
        List<HoldLineState> lines = new ArrayList<>();
        for (int g = 0; g < h.requestLines; g++) {
            MLine l = h.group(g).get(0);
            int released = status == HoldStatus.EXPIRED ? l.quantity - l.fulfilled : l.released;
            lines.add(new HoldLineState(l.kit != null ? l.kit : l.sku, java.util.Optional.ofNullable(l.node),
                    java.util.Optional.ofNullable(l.pool), l.quantity / l.per, l.fulfilled / l.per, released / l.per,
                    l.kit != null ? kits.get(l.kit) : Map.of()));
        }
        return new Hold(HoldId.of(id), h.channel, status, java.time.Instant.EPOCH, java.time.Instant.EPOCH, lines,
                java.util.Optional.empty());
    }
}

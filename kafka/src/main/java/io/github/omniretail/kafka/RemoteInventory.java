package io.github.omniretail.kafka;

import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.ExpectedReceipt;
import io.github.omniretail.inventory.HoldId;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.InventorySnapshot;
import io.github.omniretail.inventory.Kit;
import io.github.omniretail.inventory.ReturnedUnits;
import io.github.omniretail.inventory.TransferId;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * The caller's side of a Kafka deployment: an {@link InventoryEngine} whose every call travels as a command to the
 * partition that owns its SKU (or hold, or transfer), and returns the owner's outcome — or throws the owner's
 * exception — once the reply, committed with the owner's state, arrives. Calls about no SKU (nodes, pools, channel
 * rules, sweeps, snapshots) go to every partition. Default methods run here, over these calls. An order whose
 * lines live on several partitions is held by {@link SplitHolds}. A command without a reply within the retry
 * interval is sent again with the same correlation id; idempotency keys make that exactly-once. Thread-safe.
 */
final class RemoteInventory implements InvocationHandler {

    private final Caller caller;
    private final ToIntFunction<Sku> partitionOfSku;
    private final boolean autoRegister;
    private final String name;
    private final SplitHolds split;

    RemoteInventory(Caller caller, ToIntFunction<Sku> partitionOfSku, boolean autoRegister, String name) {
        this.caller = caller;
        this.partitionOfSku = partitionOfSku;
        this.autoRegister = autoRegister;
        this.name = name;
        this.split = new SplitHolds(this);
    }
    InventoryEngine engine() {
        return (InventoryEngine) Proxy.newProxyInstance(InventoryEngine.class.getClassLoader(),
                new Class<?>[] {InventoryEngine.class}, this);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Object local = Caller.local(proxy, method, args, "KafkaInventoryEngine[" + name + ", " + caller.partitions()
                + " partitions]");
        if (local != Caller.REMOTE) {
            return local;
        }
        Object[] a = args == null ? new Object[0] : args;
        switch (method.getName()) {
            case "autoRegisters":
                return autoRegister;
            case "snapshot":
                return merge(broadcast(method, a));
            case "expireLots", "expireDue":
                return broadcast(method, a).stream().mapToInt(r -> (Integer) r).sum();
            case "registerNode", "definePool", "setChannelRules":
                broadcast(method, a);
                return null;
            case "knowsNode": // a node registered on first use is known where it was first used
                return broadcast(method, a).stream().anyMatch(Boolean.TRUE::equals);
            case "channelRules": // set on every partition
                return call(0, method, a);
            default:
                break;
        }
        if (method.getName().equals("hold") && a.length == 1 && a[0] instanceof HoldRequest request) {
            Set<Integer> parts = new TreeSet<>();
            for (HoldLine l : request.lines()) {
                parts.add(partitionOf(l.sku()));
            }
            if (parts.size() > 1) {
                return split.hold(request, method);
            }
        }
        for (Object arg : a) {
            if (arg instanceof HoldId h && SplitHolds.isSplit(h)) {
                return split.call(method, a, h);
            }
        }
        return call(route(method, a), method, a);
    }

    /** The partition a call about one SKU, hold or transfer goes to. */
    private int route(Method method, Object[] a) {
        for (Object arg : a) {
            if (arg instanceof HoldId h) {
                return PartitionInventoryStorage.partitionOf(h.value());
            } else if (arg instanceof TransferId t) {
                return PartitionInventoryStorage.partitionOf(t.value());
            } else if (arg instanceof Kit k) {
                int p = partitionOf(k.sku());
                for (Sku c : k.components().keySet()) {
                    if (partitionOf(c) != p) {
                        throw new IllegalArgumentException("kit " + k.sku() + " is on partition " + p
                                + " but its component " + c + " is on partition " + partitionOf(c)
                                + ": give kits and their components one partition key (KafkaInventory.Builder"
                                + ".partitionKey)");
                    }
                }
                return p;
            } else if (arg instanceof Sku s) {
                return partitionOf(s);
            } else if (arg instanceof ReturnedUnits r) {
                return partitionOf(r.sku());
            } else if (arg instanceof ExpectedReceipt r) {
                return partitionOf(r.sku());
            } else if (arg instanceof HoldRequest r) {
                return r.lines().isEmpty() ? 0 : partitionOf(r.lines().get(0).sku());
            }
        }
        for (Object arg : a) {
            if (arg == null) {
                throw new NullPointerException(EngineWire.signature(method) + " was given a null argument");
            }
        }
        return 0;
    }

    int partitionOf(Sku sku) {
        return partitionOfSku.applyAsInt(sku);
    }

    long splitRefusals() {
        return split.falseRefusals();
    }

    /** Sends one call to one partition and returns its outcome, or throws the owner's exception. */
    Object call(int partition, Method method, Object[] a) {
        return caller.call(partition, method, a);
    }

    private List<Object> broadcast(Method method, Object[] a) {
        return caller.broadcast(method, a);
    }

    /** One snapshot of the whole deployment: every partition's, joined. */
    private static InventorySnapshot merge(List<Object> parts) {
        if (parts.size() == 1) {
            return (InventorySnapshot) parts.get(0);
        }
        Instant takenAt = Instant.EPOCH;
        Set<Sku> skus = new HashSet<>();
        Set<io.github.omniretail.core.NodeId> nodes = new HashSet<>();
        Map<io.github.omniretail.inventory.PoolId, Set<io.github.omniretail.core.NodeId>> pools = new HashMap<>();
        Map<io.github.omniretail.core.NodeId, List<io.github.omniretail.inventory.ChannelRule>> rules = new HashMap<>();
        List<InventorySnapshot.PositionState> positions = new ArrayList<>();
        List<io.github.omniretail.inventory.Hold> holds = new ArrayList<>();
        List<io.github.omniretail.inventory.Transfer> transfers = new ArrayList<>();
        List<InventorySnapshot.IdempotencyEntry> idempotency = new ArrayList<>();
        List<Kit> kits = new ArrayList<>();
        Map<Sku, Map<io.github.omniretail.core.ChannelId, Integer>> limits = new HashMap<>();
        long nextHold = 1;
        long nextTransfer = 1;
        for (Object o : parts) {
            InventorySnapshot s = (InventorySnapshot) o;
            takenAt = s.takenAt().isAfter(takenAt) ? s.takenAt() : takenAt;
            skus.addAll(s.skus());
            nodes.addAll(s.nodes());
            pools.putAll(s.pools());
            rules.putAll(s.rules());
            positions.addAll(s.positions());
            holds.addAll(s.holds());
            transfers.addAll(s.transfers());
            idempotency.addAll(s.idempotency());
            kits.addAll(s.kits());
            limits.putAll(s.backorderLimits());
            nextHold = Math.max(nextHold, s.nextHoldId());
            nextTransfer = Math.max(nextTransfer, s.nextTransferId());
        }
        return new InventorySnapshot(takenAt, skus, nodes, pools, rules, positions, holds, transfers, idempotency,
                nextHold, nextTransfer, kits, limits);
    }
}

package io.github.omniretail.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.omniretail.core.Sku;
import io.github.omniretail.core.event.EventSink;
import io.github.omniretail.core.event.InventoryEvent;
import io.github.omniretail.inventory.ExpectedReceipt;
import io.github.omniretail.inventory.HoldId;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.InventorySnapshot;
import io.github.omniretail.inventory.Kit;
import io.github.omniretail.inventory.ReturnedUnits;
import io.github.omniretail.inventory.TransferId;
import io.github.omniretail.inventory.spi.StoredEvent;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The caller's side of a Kafka deployment: an {@link InventoryEngine} whose every call travels as a command to the
 * partition that owns its SKU (or hold, or transfer), and returns the owner's outcome — or throws the owner's
 * exception — once the reply, committed with the owner's state, arrives. Calls about no SKU (nodes, pools, channel
 * rules, sweeps, snapshots) go to every partition. Default methods run here, over these calls. An order whose
 * lines live on several partitions is held by {@link SplitHolds}. A command without a reply within the retry
 * interval is sent again with the same correlation id; idempotency keys make that exactly-once. Thread-safe.
 */
final class RemoteInventory implements InvocationHandler {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RemoteInventory.class);

    private final Replies replies;
    private final KafkaProducer<String, byte[]> producer;
    private final String commandsTopic;
    private final int partitions;
    private final ToIntFunction<Sku> partitionOfSku;
    private final EventSink<InventoryEvent> events;
    private final boolean autoRegister;
    private final Duration retryAfter;
    private final Duration timeout;
    private final String name;
    private final SplitHolds split;

    RemoteInventory(Replies replies, KafkaProducer<String, byte[]> producer, String commandsTopic, int partitions,
            ToIntFunction<Sku> partitionOfSku, EventSink<InventoryEvent> events, boolean autoRegister,
            Duration retryAfter, Duration timeout, String name) {
        this.replies = replies;
        this.producer = producer;
        this.commandsTopic = commandsTopic;
        this.partitions = partitions;
        this.partitionOfSku = partitionOfSku;
        this.events = events;
        this.autoRegister = autoRegister;
        this.retryAfter = retryAfter;
        this.timeout = timeout;
        this.name = name;
        this.split = new SplitHolds(this);
    }

    InventoryEngine engine() {
        return (InventoryEngine) Proxy.newProxyInstance(InventoryEngine.class.getClassLoader(),
                new Class<?>[] {InventoryEngine.class}, this);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "toString" -> "KafkaInventoryEngine[" + name + ", " + partitions + " partitions]";
                case "hashCode" -> System.identityHashCode(proxy);
                default -> proxy == args[0];
            };
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
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
            case "knowsNode", "channelRules":
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

    int partitions() {
        return partitions;
    }

    private List<Object> broadcast(Method method, Object[] a) {
        List<CompletableFuture<JsonNode>> sent = new ArrayList<>();
        List<ObjectNode> commands = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ObjectNode c = command(method, a);
            commands.add(c);
            sent.add(send(p, c));
        }
        List<Object> out = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            out.add(outcome(method, await(p, commands.get(p), sent.get(p))));
        }
        return out;
    }

    /** Sends one call to one partition and returns its outcome, or throws the owner's exception. */
    Object call(int partition, Method method, Object[] a) {
        ObjectNode c = command(method, a);
        return outcome(method, await(partition, c, send(partition, c)));
    }

    private ObjectNode command(Method method, Object[] a) {
        ObjectNode c = EngineWire.JSON.createObjectNode();
        c.put("id", UUID.randomUUID().toString());
        c.put("call", EngineWire.signature(method));
        c.set("args", EngineWire.args(method, a));
        c.put("replyTo", replies.partition());
        return c;
    }

    private CompletableFuture<JsonNode> send(int partition, ObjectNode command) {
        CompletableFuture<JsonNode> reply = replies.expect(command.get("id").asText());
        publish(partition, command);
        return reply;
    }

    private void publish(int partition, ObjectNode command) {
        try {
            producer.send(new ProducerRecord<>(commandsTopic, partition, command.get("id").asText(),
                    EngineWire.JSON.writeValueAsBytes(command)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("a call could not be written: " + e.getMessage(), e);
        }
    }

    /** Waits for the reply, sending the same command again after each retry interval, until the timeout. */
    private JsonNode await(int partition, ObjectNode command, CompletableFuture<JsonNode> reply) {
        String id = command.get("id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no reply to " + command.get("call").asText() + " (command "
                            + id + ", partition " + partition + ") within " + timeout + "; the call may still "
                            + "apply: retry it with the same idempotency key");
                }
                try {
                    return reply.get(Math.min(left, retryAfter.toNanos()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    publish(partition, command); // the owner may have changed: ask again, same correlation id
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for command " + id, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("command " + id + " failed: " + e.getCause(), e.getCause());
        } finally {
            replies.forget(id);
        }
    }

    /** Hands the call's events to the sink, then returns its result or throws its failure. */
    private Object outcome(Method method, JsonNode reply) {
        for (JsonNode e : reply.path("events")) {
            InventoryEvent event = new StoredEvent(e.get("type").asText(),
                    Instant.parse(e.get("occurredAt").asText()), e.get("body").asText()).event();
            try {
                events.publish(event);
            } catch (RuntimeException x) {
                LOG.warn("event sink failed on {}; the change stands", event.type(), x);
            }
        }
        if (reply.has("error")) {
            throw EngineWire.failure(reply.get("error"));
        }
        return EngineWire.result(method, reply.get("ok"));
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

package io.github.omniretail.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.omniretail.core.event.DomainEvent;
import io.github.omniretail.core.event.EventSink;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;

/**
 * One instance's way to call the owners of one kind of engine: a call is sent as a command to a partition and its
 * reply — committed with the owner's state — is awaited; its events go to the instance's sink, then its result is
 * returned or its failure thrown. A command without a reply within the retry interval is sent again with the same
 * correlation id (the owner may have changed); idempotency keys make that exactly-once. Thread-safe.
 */
final class Caller {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Caller.class);

    private final PartitionKind<?> kind;
    private final Replies replies;
    private final KafkaProducer<String, byte[]> producer;
    private final String commandsTopic;
    private final int partitions;
    private final EventSink<? super DomainEvent> events;
    private final Duration retryAfter;
    private final Duration timeout;

    Caller(PartitionKind<?> kind, Replies replies, KafkaProducer<String, byte[]> producer, String commandsTopic,
            int partitions, EventSink<? super DomainEvent> events, Duration retryAfter, Duration timeout) {
        this.kind = kind;
        this.replies = replies;
        this.producer = producer;
        this.commandsTopic = commandsTopic;
        this.partitions = partitions;
        this.events = events;
        this.retryAfter = retryAfter;
        this.timeout = timeout;
    }

    int partitions() {
        return partitions;
    }

    /**
     * What a proxy over an engine interface answers itself: {@code Object}'s methods (named {@code name}) and the
     * interface's default methods, which run here over the calls.
     *
     * @return the answer, or {@link #REMOTE} if the call goes to the owners
     */
    static Object local(Object proxy, Method method, Object[] args, String name) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "toString" -> name;
                case "hashCode" -> System.identityHashCode(proxy);
                default -> proxy == args[0];
            };
        }
        if (method.isDefault()) {
            return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
        }
        return REMOTE;
    }

    /** {@link #local}'s answer for a call the owners answer. */
    static final Object REMOTE = new Object();

    /** Kafka's default partitioning (murmur2) of a key. */
    int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Sends the call to every partition and returns each outcome, in partition order; throws the first failure. */
    List<Object> broadcast(Method method, Object[] a) {
        List<Object> out = broadcastEach(method, a);
        for (Object o : out) {
            if (o instanceof RuntimeException e) {
                throw e;
            }
        }
        return out;
    }

    /**
     * Sends the call to every partition and returns each outcome or failure, in partition order.
     *
     * @return per partition, the result or the {@link RuntimeException} thrown
     */
    List<Object> broadcastEach(Method method, Object[] a) {
        List<CompletableFuture<JsonNode>> sent = new ArrayList<>();
        List<ObjectNode> commands = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ObjectNode c = command(method, a);
            commands.add(c);
            sent.add(send(p, c));
        }
        List<Object> out = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            try {
                out.add(outcome(method, await(p, commands.get(p), sent.get(p))));
            } catch (RuntimeException e) {
                out.add(e);
            }
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
            DomainEvent event = kind.event(e);
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
}

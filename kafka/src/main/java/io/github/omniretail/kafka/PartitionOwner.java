package io.github.omniretail.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.omniretail.core.Channel;
import io.github.omniretail.core.ChannelKind;
import io.github.omniretail.core.GroupCommit;
import io.github.omniretail.core.IdempotencyKey;
import io.github.omniretail.core.NodeId;
import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.Hold;
import io.github.omniretail.inventory.HoldId;
import io.github.omniretail.inventory.HoldLine;
import io.github.omniretail.inventory.HoldRequest;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.Position;
import io.github.omniretail.inventory.spi.StoredEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The single writer of one command partition (work in progress, issue 23). It restores the partition's rows from the
 * changelog, then, for each batch of commands it polls, runs them through a stored engine over
 * {@link PartitionInventoryStorage} and commits, in ONE Kafka transaction, the changelog records of the rows written,
 * the replies, the events and the consumed offsets. A second owner of the same partition fences this one (same
 * {@code transactional.id}): its commit then fails and it stops. Not thread-safe: one thread polls.
 *
 * <p>Commands (JSON, keyed by SKU): {@code receive}, {@code hold} (lines at nodes), {@code confirm},
 * {@code release}, {@code atp}. Replies carry {@code ok} or {@code error} (the exception's simple name and message).
 */
final class PartitionOwner implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Topics topics;
    private final int partition;
    private final Clock clock;
    private final String bootstrap;
    private final KafkaProducer<String, byte[]> producer;
    private final @org.jspecify.annotations.Nullable KafkaConsumer<String, byte[]> commands;
    private final TopicPartition commandPartition;
    private PartitionInventoryStorage storage;
    private InventoryEngine engine;

    /**
     * The topics of one deployment.
     *
     * @param commands commands, keyed by SKU
     * @param replies replies, keyed by correlation id
     * @param events committed events
     * @param changelog compacted rows, one partition per command partition
     */
    record Topics(String commands, String replies, String events, String changelog) {
        static Topics of(String prefix) {
            return new Topics(prefix + ".inventory.commands", prefix + ".inventory.replies",
                    prefix + ".inventory.events", prefix + ".inventory.changelog");
        }
    }

    PartitionOwner(String bootstrap, String application, Topics topics, int partition, Clock clock) {
        this(bootstrap, application, topics, partition, clock, null);
    }

    /**
     * An owner fed by a group member's consumer ({@code shared}, already assigned the partition), or, when
     * {@code shared} is null, by a consumer of its own.
     */
    PartitionOwner(String bootstrap, String application, Topics topics, int partition, Clock clock,
            @org.jspecify.annotations.Nullable KafkaConsumer<String, byte[]> shared) {
        this.bootstrap = bootstrap;
        this.topics = topics;
        this.partition = partition;
        this.clock = clock;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, application + "-inventory-" + partition);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions(); // fences any earlier owner of this partition
        this.commandPartition = new TopicPartition(topics.commands(), partition);
        if (shared == null) {
            this.commands = new KafkaConsumer<>(consumerConfig(bootstrap, application), new StringDeserializer(),
                    new ByteArrayDeserializer());
            commands.assign(List.of(commandPartition));
            restore(commands);
        } else {
            this.commands = null;
            restore(shared);
        }
    }

    static Properties consumerConfig(String bootstrap, String application) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, application + "-inventory-owners");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return c;
    }

    /** Rebuilds the rows from the changelog and resumes after the last committed command. */
    private void restore(KafkaConsumer<String, byte[]> consumer) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Changelog.Entry> log = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(c, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topics.changelog(), partition);
            reader.assign(List.of(tp));
            reader.seekToBeginning(List.of(tp));
            long end = reader.endOffsets(List.of(tp)).get(tp);
            while (reader.position(tp) < end) {
                for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200))) {
                    log.add(new Changelog.Entry(r.key(), r.value()));
                }
            }
        }
        storage = new PartitionInventoryStorage();
        storage.restore(List.of(Changelog.read(log)));
        engine = InventoryEngine.builder().clock(clock).autoRegister(true)
                .store(InventoryEngine.storedIn(storage, GroupCommit.DEFAULTS)).build();
        OffsetAndMetadata committed = consumer.committed(java.util.Set.of(commandPartition)).get(commandPartition);
        if (committed != null) {
            consumer.seek(commandPartition, committed.offset());
        } else {
            consumer.seekToBeginning(List.of(commandPartition));
        }
    }

    /**
     * Polls once and commits what it ran.
     *
     * @param timeout how long to wait for commands
     * @return commands committed
     * @throws org.apache.kafka.common.errors.ProducerFencedException if another owner took the partition
     */
    int pollOnce(Duration timeout) {
        if (commands == null) {
            throw new IllegalStateException("this owner is fed by its group member; call run");
        }
        ConsumerRecords<String, byte[]> batch = commands.poll(timeout);
        if (batch.isEmpty()) {
            return 0;
        }
        return run(batch.records(commandPartition), commands.groupMetadata());
    }

    /**
     * Runs this partition's polled commands and commits them in one transaction.
     *
     * @param batch the partition's records, in offset order
     * @param group the polling consumer's group metadata (offsets commit with the transaction)
     * @return commands committed
     * @throws org.apache.kafka.common.errors.ProducerFencedException if another owner took the partition
     */
    int run(List<ConsumerRecord<String, byte[]>> batch, org.apache.kafka.clients.consumer.ConsumerGroupMetadata group) {
        if (batch.isEmpty()) {
            return 0;
        }
        producer.beginTransaction();
        long next = -1;
        for (ConsumerRecord<String, byte[]> r : batch) {
            JsonNode command = tree(r.value());
            ObjectNode reply = run(command);
            reply.put("id", command.get("id").textValue());
            producer.send(new ProducerRecord<>(topics.replies(), command.get("id").textValue(), bytes(reply)));
            next = r.offset() + 1;
        }
        Changes changes = storage.takeChanges();
        for (Changelog.Entry e : Changelog.records(changes)) {
            producer.send(new ProducerRecord<>(topics.changelog(), partition, e.key(), e.value()));
        }
        for (StoredEvent e : changes.events()) {
            producer.send(new ProducerRecord<>(topics.events(), partition, e.type(),
                    e.body().getBytes(StandardCharsets.UTF_8)));
        }
        producer.sendOffsetsToTransaction(Map.of(commandPartition, new OffsetAndMetadata(next)), group);
        producer.commitTransaction();
        return batch.size();
    }

    private ObjectNode run(JsonNode c) {
        ObjectNode reply = JSON.createObjectNode();
        try {
            String op = c.get("op").textValue();
            switch (op) {
                case "receive" -> {
                    Position p = engine.receive(IdempotencyKey.of(c.get("key").textValue()), Sku.of(c.get("sku").textValue()),
                            NodeId.of(c.get("node").textValue()), c.get("quantity").intValue());
                    reply.putObject("ok").put("onHand", p.onHand()).put("atp", p.atp());
                }
                case "hold" -> {
                    HoldRequest.Builder b = HoldRequest.builder(IdempotencyKey.of(c.get("key").textValue()),
                            Channel.of(c.get("channel").textValue(), ChannelKind.valueOf(c.get("kind").textValue())),
                            Duration.ofSeconds(c.get("ttlSeconds").longValue()));
                    for (JsonNode l : c.get("lines")) {
                        b.line(HoldLine.atNode(Sku.of(l.get("sku").textValue()), NodeId.of(l.get("node").textValue()),
                                l.get("quantity").intValue()));
                    }
                    Hold h = engine.hold(b.build());
                    reply.putObject("ok").put("hold", h.id().value()).put("status", h.status().name());
                }
                case "confirm" -> {
                    Hold h = engine.confirm(IdempotencyKey.of(c.get("key").textValue()), HoldId.of(c.get("hold").longValue()));
                    reply.putObject("ok").put("hold", h.id().value()).put("status", h.status().name());
                }
                case "release" -> {
                    Hold h = engine.releaseAll(IdempotencyKey.of(c.get("key").textValue()),
                            HoldId.of(c.get("hold").longValue()));
                    reply.putObject("ok").put("hold", h.id().value()).put("status", h.status().name());
                }
                case "atp" -> reply.putObject("ok").put("atp", engine.atp(Sku.of(c.get("sku").textValue()),
                        NodeId.of(c.get("node").textValue()), Channel.of(c.get("channel").textValue(),
                                ChannelKind.valueOf(c.get("kind").textValue()))));
                default -> throw new IllegalArgumentException("unknown command '" + op + "'");
            }
        } catch (RuntimeException e) {
            reply.putObject("error").put("type", e.getClass().getSimpleName()).put("message", e.getMessage());
        }
        return reply;
    }

    @Override
    public void close() {
        try {
            producer.close(Duration.ofSeconds(5));
        } finally {
            if (commands != null) {
                commands.close(Duration.ofSeconds(5));
            }
        }
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException("a command is not JSON", e);
        }
    }
}

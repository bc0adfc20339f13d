package io.github.omniretail.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.omniretail.core.event.DomainEvent;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of one command partition. It restores the partition's rows from the changelog, then, for each
 * batch of commands it polls, runs them through the partition's stored engine (the same rules kernel as every stored
 * engine; see {@link PartitionKind}) and commits, in ONE Kafka transaction, the changelog records of the rows
 * written, the events and the offset of the next command (a changelog row too: the consumed position is part of the
 * partition's state, so no consumer-group offset commit is needed), and the replies — or, when the instance sends
 * replies after the commit, then the replies: either way a reply exists only for a committed outcome, and a retried
 * command is answered again from the recorded outcome.
 *
 * <p>If that transaction fails for any reason but fencing, the owner aborts it, drops its rows and restores them
 * from the changelog, and resumes from the last committed command: the batch runs again. A second owner of the same
 * partition fences this one (same {@code transactional.id}): its commit fails with {@link ProducerFencedException}
 * and it stops. Not thread-safe: one thread at a time runs it (its instance's poller hands each partition's batch
 * to a thread of its own, and waits for all of them before it polls again).
 *
 * <p>A command is {@code {"id":correlation,"call":signature,"args":[…],"replyTo":partition}} (see
 * {@link EngineWire}); its reply, keyed by the correlation id, is {@code {"id":…,"ok":result}} or
 * {@code {"id":…,"error":failure}}, with the events the call raised.
 */
final class PartitionOwner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionOwner.class);

    private final PartitionKind<Object> kind;
    /** The changelog key of the next command offset to run. */
    static final String OFFSET = "omniretail.offset";
    private final Topics topics;
    private final int partition;
    private final Object settings;
    private final String bootstrap;
    private final KafkaProducer<String, byte[]> producer;
    /** The instance's reply producer (not transactional), shared by its partitions; null: replies in the transaction. */
    private final @org.jspecify.annotations.Nullable KafkaProducer<String, byte[]> replies;
    private final KafkaConsumer<String, byte[]> feed;
    private final TopicPartition commandPartition;
    private final List<DomainEvent> raised = new ArrayList<>();
    private PartitionKind.Partition state;

    /**
     * The topics of one kind of engine in one deployment.
     *
     * @param commands commands, keyed by SKU or member
     * @param replies replies, keyed by correlation id
     * @param events committed events
     * @param changelog compacted rows, one partition per command partition
     */
    record Topics(String commands, String replies, String events, String changelog) {
        static Topics of(String application, String kind) {
            String prefix = application + "." + kind;
            return new Topics(prefix + ".commands", prefix + ".replies", prefix + ".events", prefix + ".changelog");
        }
    }

    /**
     * An owner fed by its instance's consumer ({@code feed}, already assigned the partition).
     */
    @SuppressWarnings("unchecked")
    PartitionOwner(PartitionKind<?> kind, String bootstrap, String application, int partition, Object settings,
            KafkaConsumer<String, byte[]> feed, @org.jspecify.annotations.Nullable KafkaProducer<String, byte[]> replies) {
        this.replies = replies;
        this.kind = (PartitionKind<Object>) kind;
        this.topics = Topics.of(application, kind.name());
        this.bootstrap = bootstrap;
        this.partition = partition;
        this.settings = settings;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, application + "-" + kind.name() + "-" + partition);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        // one request in flight: a transaction's writes never race each other into a partition out of order
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions(); // fences any earlier owner of this partition
        this.commandPartition = new TopicPartition(topics.commands(), partition);
        this.feed = feed;
        restore();
    }

    static Properties consumerConfig(String bootstrap, String application, PartitionKind<?> kind) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, application + "-" + kind.name() + "-owners");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        return c;
    }

    /** Rebuilds the rows from the changelog and resumes after the last committed command. */
    private void restore() {
        long started = System.nanoTime();
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
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
        long resume = 0;
        List<Changelog.Entry> rows = new ArrayList<>(log.size());
        for (Changelog.Entry e : log) {
            if (e.key().equals(OFFSET)) {
                resume = Long.parseLong(new String(e.value(), java.nio.charset.StandardCharsets.UTF_8));
            } else {
                rows.add(e);
            }
        }
        raised.clear();
        state = kind.open(partition, rows, settings, raised::add);
        synchronized (feed) { // partitions restore on their own threads; the poller waits meanwhile
            feed.seek(commandPartition, resume);
        }
        LOG.info("{} partition {}: restored {} changelog records in {} ms; resuming at command {}", kind.name(),
                partition, log.size(), (System.nanoTime() - started) / 1_000_000, resume);
    }

    /**
     * Runs this partition's polled commands and commits them in one transaction. If the transaction fails for any
     * reason but fencing, it is aborted, the rows are restored from the changelog, the feed resumes at the last
     * committed command, and this returns 0.
     *
     * @param batch the partition's records, in offset order
     * @return commands committed
     * @throws ProducerFencedException if another owner took the partition
     */
    int run(List<ConsumerRecord<String, byte[]>> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        List<ProducerRecord<String, byte[]>> answers = new ArrayList<>(batch.size());
        try {
            producer.beginTransaction();
            long next = -1;
            for (ConsumerRecord<String, byte[]> r : batch) {
                ObjectNode reply = EngineWire.JSON.createObjectNode();
                int replyTo = 0;
                try {
                    JsonNode command = EngineWire.JSON.readTree(r.value());
                    reply.put("id", command.path("id").asText());
                    replyTo = command.path("replyTo").asInt();
                    call(command, reply);
                } catch (IOException e) {
                    reply.set("error", EngineWire.failure(new IllegalArgumentException("a command is not JSON: "
                            + e.getMessage())));
                }
                answers.add(new ProducerRecord<>(topics.replies(), replyTo, reply.path("id").asText(),
                        EngineWire.JSON.writeValueAsBytes(reply)));
                next = r.offset() + 1;
            }
            for (Changelog.Entry e : state.takeRows()) {
                producer.send(new ProducerRecord<>(topics.changelog(), partition, e.key(), e.value()));
            }
            for (Changelog.Entry e : state.takeEvents()) {
                producer.send(new ProducerRecord<>(topics.events(), partition, e.key(), e.value()));
            }
            // the next command to run is part of the partition's state: committed with it, read back with it
            producer.send(new ProducerRecord<>(topics.changelog(), partition, OFFSET,
                    Long.toString(next).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            if (replies == null) {
                answers.forEach(producer::send); // the replies in the transaction: callers read them committed
            }
            producer.commitTransaction();
            if (replies != null) {
                // Replies after the commit, outside the transaction: a caller never sees an outcome that could still
                // abort, and reads replies without waiting for other partitions' open transactions. A reply lost to
                // a crash here is asked for again: the retried command replays the recorded outcome.
                answers.forEach(replies::send);
            }
            return batch.size();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw e;
        } catch (KafkaException | IOException e) {
            LOG.warn("partition {}: the transaction failed ({}); aborting and restoring from the changelog",
                    partition, e.toString());
            try {
                producer.abortTransaction();
            } catch (ProducerFencedException | InvalidProducerEpochException fenced) {
                throw fenced;
            }
            restore();
            return 0;
        }
    }

    /** Runs one call against the engine and puts its outcome and events in the reply. */
    private void call(JsonNode command, ObjectNode reply) {
        raised.clear();
        try {
            Method m = kind.wire().method(command.path("call").asText());
            Object result = m.invoke(state.engine(), EngineWire.args(m, command.path("args")));
            reply.set("ok", EngineWire.result(m, result));
        } catch (InvocationTargetException e) {
            reply.set("error", EngineWire.failure(e.getCause() instanceof RuntimeException x ? x
                    : new IllegalStateException(String.valueOf(e.getCause()))));
        } catch (RuntimeException | IllegalAccessException e) {
            reply.set("error", EngineWire.failure(e instanceof RuntimeException x ? x
                    : new IllegalStateException(e.toString())));
        }
        if (!raised.isEmpty()) {
            ArrayNode events = reply.putArray("events");
            for (DomainEvent e : raised) {
                events.add(kind.event(e));
            }
            raised.clear();
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

package io.github.omniretail.kafka;

import io.github.omniretail.core.event.DomainEvent;
import io.github.omniretail.core.event.EventSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance's part of one kind of engine on Kafka: its owner (a thread polling the partitions it owns, if any)
 * and its caller (a command producer and a reply reader). Opened once, when the engine is built. Thread-safe.
 */
final class Deployment implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Deployment.class);

    private final KafkaSettings<?> settings;
    private final PartitionKind<?> kind;
    private final PartitionOwner.Topics topics;
    private final AtomicBoolean opened = new AtomicBoolean();
    private volatile boolean running = true;
    private @Nullable Thread loop;
    private volatile @Nullable InstanceOwner owner;
    private @Nullable Replies replies;
    private @Nullable KafkaProducer<String, byte[]> producer;

    Deployment(KafkaSettings<?> settings, PartitionKind<?> kind) {
        settings.check();
        this.settings = settings;
        this.kind = kind;
        this.topics = PartitionOwner.Topics.of(settings.application, kind.name());
    }

    static void createTopics(String bootstrapServers, String application, PartitionKind<?> kind, int partitions,
            short replication) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(application, "application");
        if (partitions <= 0 || replication <= 0) {
            throw new IllegalArgumentException("partitions and replication must be > 0, were " + partitions + " and "
                    + replication);
        }
        PartitionOwner.Topics t = PartitionOwner.Topics.of(application, kind.name());
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        Map<String, String> durable = replication > 1 ? Map.of("min.insync.replicas", "2") : Map.of();
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(t.commands(), partitions, replication).configs(durable),
                    new NewTopic(t.replies(), partitions, replication).configs(durable),
                    new NewTopic(t.events(), partitions, replication).configs(durable),
                    new NewTopic(t.changelog(), partitions, replication).configs(merge(durable,
                            Map.of("cleanup.policy", "compact"))))).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topics", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not create the " + kind.name() + " topics of '" + application
                    + "': " + e.getCause(), e.getCause());
        }
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> out = new java.util.HashMap<>(a);
        out.putAll(b);
        return out;
    }

    /**
     * Starts this instance's owner (if it owns partitions) with the engine's settings, and its caller.
     *
     * @param context the engine's store context
     * @param events the engine's event sink
     * @param partitionsAllowed checks the partition count (e.g. a snapshot seeds only one partition)
     * @return the caller
     */
    Caller open(Object context, EventSink<? super DomainEvent> events,
            java.util.function.IntConsumer partitionsAllowed) {
        if (!opened.compareAndSet(false, true)) {
            throw new IllegalStateException("this Kafka " + kind.name() + " already has its engine; build one per "
                    + "engine");
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(settings.callTimeout.toMillis()));
        KafkaProducer<String, byte[]> commands = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer());
        int partitions;
        int replyPartitions;
        try {
            partitions = commands.partitionsFor(topics.commands()).size();
            replyPartitions = commands.partitionsFor(topics.replies()).size();
            partitionsAllowed.accept(partitions);
        } catch (RuntimeException e) {
            commands.close(Duration.ZERO);
            throw e;
        }
        int replyTo = settings.replyPartition != null ? settings.replyPartition
                : ThreadLocalRandom.current().nextInt(replyPartitions);
        Replies reader = new Replies(settings.bootstrapServers, topics.replies(), replyTo, settings.application,
                !settings.repliesAfterCommit);
        this.producer = commands;
        this.replies = reader;
        if (settings.owns) {
            InstanceOwner o = new InstanceOwner(kind, settings.bootstrapServers, settings.application, context,
                    settings.assigned, settings.ownerProperties, settings.repliesAfterCommit);
            owner = o;
            Thread t = new Thread(() -> run(o), settings.application + "-" + kind.name() + "-owner");
            t.setDaemon(true);
            t.start();
            loop = t;
        }
        return new Caller(kind, reader, commands, topics.commands(), partitions, events, settings.retryAfter,
                settings.callTimeout);
    }

    private void run(InstanceOwner o) {
        try {
            while (running) {
                try {
                    o.pollOnce(Duration.ofMillis(50));
                } catch (org.apache.kafka.common.errors.WakeupException
                        | org.apache.kafka.common.errors.InterruptException e) {
                    return;
                } catch (RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    LOG.warn("{} owner of '{}': {}; polling again", kind.name(), settings.application, e.toString());
                }
            }
        } finally {
            o.close();
        }
    }

    Set<Integer> ownedPartitions() {
        InstanceOwner o = owner;
        return o == null ? Set.of() : o.partitions();
    }

    @Override
    public void close() {
        running = false;
        Thread t = loop;
        if (t != null) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (replies != null) {
            replies.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}

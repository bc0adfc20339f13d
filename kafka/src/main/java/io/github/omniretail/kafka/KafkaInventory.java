package io.github.omniretail.kafka;

import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.inventory.spi.InventoryStoreContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance's part of an inventory partitioned on Apache Kafka. Commands about a SKU go to the partition of its
 * key; the instance that owns a partition runs the inventory rules kernel (the same one as the PostgreSQL and MySQL
 * stores) over the partition's rows in memory, and commits each batch's changed rows, replies, events and consumed
 * offsets in one Kafka transaction. Any instance's engine is an ordinary {@link InventoryEngine}:
 *
 * <pre>{@code
 * KafkaInventory kafka = KafkaInventory.builder().bootstrapServers("broker:9092").application("shop").build();
 * InventoryEngine engine = InventoryEngine.builder().clock(clock).store(kafka.store()).build();
 * }</pre>
 *
 * <p>The engine's clock and settings are the owners' too: build every instance's engine alike. The engine's event
 * sink receives the events of the calls made through it; every committed event is also on the event topic (read it
 * with {@code isolation.level=read_committed}). {@link #createTopics} makes the four topics.
 *
 * <p>Thread-safe. {@link #close} stops this instance's owners and its engine.
 */
public final class KafkaInventory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaInventory.class);

    private final Builder settings;
    private final PartitionOwner.Topics topics;
    private final AtomicBoolean opened = new AtomicBoolean();
    private volatile boolean running = true;
    private @Nullable Thread loop;
    private volatile @Nullable InventoryOwner owner;
    private @Nullable Replies replies;
    private @Nullable KafkaProducer<String, byte[]> producer;
    private volatile java.util.function.@Nullable ToIntFunction<Sku> partitions;

    private KafkaInventory(Builder b) {
        this.settings = b;
        this.topics = PartitionOwner.Topics.of(b.application);
    }

    /** @return a builder; bootstrap servers and the application name are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates the deployment's topics: commands, replies and events with {@code partitions} partitions, and the
     * compacted changelog with as many.
     *
     * @param bootstrapServers non-null Kafka bootstrap servers
     * @param application non-null application name (the topic prefix)
     * @param partitions partitions, {@code > 0}: the most owners that can share the work
     * @param replication replication factor, {@code > 0}
     */
    public static void createTopics(String bootstrapServers, String application, int partitions, short replication) {
        if (partitions <= 0 || replication <= 0) {
            throw new IllegalArgumentException("partitions and replication must be > 0, were " + partitions + " and "
                    + replication);
        }
        PartitionOwner.Topics t = PartitionOwner.Topics.of(Objects.requireNonNull(application, "application"));
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(t.commands(), partitions, replication),
                    new NewTopic(t.replies(), partitions, replication),
                    new NewTopic(t.events(), partitions, replication),
                    new NewTopic(t.changelog(), partitions, replication)
                            .configs(Map.of("cleanup.policy", "compact")))).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topics", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not create the topics of '" + application + "': " + e.getCause(),
                    e.getCause());
        }
    }

    /**
     * The store to build this instance's engine with. It can be opened once.
     *
     * @return the store
     */
    public InventoryStore store() {
        return new InventoryStore() {
            @Override
            public InventoryEngine open(InventoryStoreContext context) {
                return KafkaInventory.this.open(context);
            }

            @Override
            public String toString() {
                return "KafkaInventory[" + settings.application + "]";
            }
        };
    }

    private InventoryEngine open(InventoryStoreContext context) {
        Objects.requireNonNull(context, "context");
        if (!opened.compareAndSet(false, true)) {
            throw new IllegalStateException("this KafkaInventory already has its engine; build one per engine");
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(settings.callTimeout.toMillis()));
        KafkaProducer<String, byte[]> commands = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer());
        int partitions = commands.partitionsFor(topics.commands()).size();
        if (context.restore().isPresent() && partitions > 1) {
            commands.close();
            throw new IllegalArgumentException("a snapshot can seed only a single-partition deployment; '"
                    + settings.application + "' has " + partitions + " partitions");
        }
        int replyPartitions = commands.partitionsFor(topics.replies()).size();
        int replyTo = settings.replyPartition != null ? settings.replyPartition
                : ThreadLocalRandom.current().nextInt(replyPartitions);
        Function<Sku, String> key = settings.partitionKey;
        Replies reader = new Replies(settings.bootstrapServers, topics.replies(), replyTo, settings.application);
        this.producer = commands;
        this.replies = reader;
        if (settings.owns) {
            InventoryOwner o = new InventoryOwner(settings.bootstrapServers, settings.application, topics, context,
                    settings.assigned, settings.ownerProperties);
            owner = o;
            Thread t = new Thread(() -> run(o), settings.application + "-inventory-owner");
            t.setDaemon(true);
            t.start();
            loop = t;
        }
        java.util.function.ToIntFunction<Sku> place = sku -> Utils.toPositive(Utils.murmur2(
                Objects.requireNonNull(key.apply(sku), "partition key").getBytes(StandardCharsets.UTF_8))) % partitions;
        this.partitions = place;
        return new RemoteInventory(reader, commands, topics.commands(), partitions, place,
                context.events(), context.autoRegister(), settings.retryAfter, settings.callTimeout,
                settings.application).engine();
    }

    private void run(InventoryOwner o) {
        try {
            while (running) {
                try {
                    o.pollOnce(Duration.ofMillis(50));
                } catch (org.apache.kafka.common.errors.WakeupException | org.apache.kafka.common.errors
                        .InterruptException e) {
                    return;
                } catch (RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    LOG.warn("inventory owner of '{}': {}; polling again", settings.application, e.toString());
                }
            }
        } finally {
            o.close();
        }
    }

    /**
     * The partition a SKU lives on: Kafka's default partitioning (murmur2) of its partition key.
     *
     * @param sku non-null SKU
     * @return its partition
     * @throws IllegalStateException before the engine is built (the partition count is read then)
     */
    public int partitionOf(Sku sku) {
        java.util.function.ToIntFunction<Sku> p = partitions;
        if (p == null) {
            throw new IllegalStateException("build the engine first: the partition count is read when it opens");
        }
        return p.applyAsInt(Objects.requireNonNull(sku, "sku"));
    }

    /**
     * The partitions this instance owns now (none if it only calls).
     *
     * @return partition numbers
     */
    public Set<Integer> ownedPartitions() {
        InventoryOwner o = owner;
        return o == null ? Set.of() : o.partitions();
    }

    /** Stops owning (the group hands this instance's partitions to others) and stops the engine. */
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

    /** Settings of one instance. Not thread-safe; {@link #build} copies nothing it does not check. */
    public static final class Builder {
        private @Nullable String bootstrapServers;
        private @Nullable String application;
        private boolean owns = true;
        private @Nullable Set<Integer> assigned;
        private Function<Sku, String> partitionKey = Sku::value;
        private Duration callTimeout = Duration.ofSeconds(30);
        private Duration retryAfter = Duration.ofSeconds(3);
        private @Nullable Integer replyPartition;
        private final Properties ownerProperties = new Properties();

        private Builder() {
        }

        /**
         * @param servers non-null Kafka bootstrap servers, {@code host:port,…}
         * @return this
         */
        public Builder bootstrapServers(String servers) {
            this.bootstrapServers = Objects.requireNonNull(servers, "servers");
            return this;
        }

        /**
         * @param name non-null, non-blank: the topic prefix, the owners' consumer group and transactional ids
         * @return this
         */
        public Builder application(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("application must not be blank");
            }
            this.application = name;
            return this;
        }

        /**
         * Owns whatever partitions the owners' consumer group gives this instance (the default). When an instance
         * joins or leaves, partitions move; a new owner restores a partition from its changelog before serving.
         *
         * @return this
         */
        public Builder ownGroupPartitions() {
            this.owns = true;
            this.assigned = null;
            return this;
        }

        /**
         * Owns exactly these partitions, for deployments that place partitions themselves (e.g. by a pod's ordinal).
         * Two instances given one partition fence each other: the later one owns it.
         *
         * @param partitions non-null, non-empty partition numbers {@code >= 0}
         * @return this
         */
        public Builder ownPartitions(Set<Integer> partitions) {
            Objects.requireNonNull(partitions, "partitions");
            if (partitions.isEmpty() || partitions.stream().anyMatch(p -> p < 0)) {
                throw new IllegalArgumentException("partitions must be non-empty and >= 0, were " + partitions);
            }
            this.owns = true;
            this.assigned = Set.copyOf(partitions);
            return this;
        }

        /**
         * Owns no partition: this instance only calls.
         *
         * @return this
         */
        public Builder ownNothing() {
            this.owns = false;
            this.assigned = null;
            return this;
        }

        /**
         * The key that places a SKU on a partition (default: the SKU itself). Kits and their components must share a
         * key; SKUs often ordered together may share one, so their holds stay on one partition.
         *
         * @param key non-null function giving a non-null key
         * @return this
         */
        public Builder partitionKey(Function<Sku, String> key) {
            this.partitionKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * @param timeout positive time a call waits for its reply before it fails (default 30 s)
         * @return this
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = positive(timeout, "callTimeout");
            return this;
        }

        /**
         * @param interval positive time after which an unanswered command is sent again, same correlation id
         *     (default 3 s)
         * @return this
         */
        public Builder retryAfter(Duration interval) {
            this.retryAfter = positive(interval, "retryAfter");
            return this;
        }

        /**
         * @param partition the reply partition this instance reads ({@code >= 0}; default: one at random)
         * @return this
         */
        public Builder replyPartition(int partition) {
            if (partition < 0) {
                throw new IllegalArgumentException("replyPartition must be >= 0, was " + partition);
            }
            this.replyPartition = partition;
            return this;
        }

        /**
         * Kafka consumer settings for this instance's owner, over the defaults (e.g. {@code session.timeout.ms}).
         *
         * @param name non-null setting
         * @param value non-null value
         * @return this
         */
        public Builder ownerProperty(String name, String value) {
            ownerProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @return the instance's part of the deployment
         * @throws IllegalStateException if bootstrap servers or the application name are missing
         */
        public KafkaInventory build() {
            if (bootstrapServers == null || application == null) {
                throw new IllegalStateException("bootstrapServers and application are required");
            }
            return new KafkaInventory(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }
}

package io.github.omniretail.kafka;

import io.github.omniretail.core.Sku;
import io.github.omniretail.inventory.InventoryEngine;
import io.github.omniretail.inventory.spi.InventoryStore;
import io.github.omniretail.inventory.spi.InventoryStoreContext;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

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
 * with {@code isolation.level=read_committed}). {@link #createTopics} makes the four topics. An order whose lines
 * live on several partitions is held on each, then confirmed everywhere or released everywhere (see
 * {@code docs/scaling.md}).
 *
 * <p>Thread-safe. {@link #close} stops this instance's owners and its engine.
 */
public final class KafkaInventory implements AutoCloseable {
    private final Deployment deployment;
    private final Function<Sku, String> partitionKey;
    private volatile @org.jspecify.annotations.Nullable RemoteInventory remote;

    private KafkaInventory(Builder b) {
        this.deployment = new Deployment(b, InventoryKind.INSTANCE);
        this.partitionKey = b.partitionKey;
    }

    /** @return a builder; bootstrap servers and the application name are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates the inventory's topics: commands, replies and events with {@code partitions} partitions each, and the
     * compacted changelog with as many; with replication above 1, {@code min.insync.replicas=2}.
     *
     * @param bootstrapServers non-null Kafka bootstrap servers
     * @param application non-null application name (the topic prefix)
     * @param partitions partitions, {@code > 0}: the most owners that can share the work
     * @param replication replication factor, {@code > 0}
     */
    public static void createTopics(String bootstrapServers, String application, int partitions, short replication) {
        Deployment.createTopics(bootstrapServers, application, InventoryKind.INSTANCE, partitions, replication);
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
                Objects.requireNonNull(context, "context");
                Caller caller = deployment.open(context, e -> context.events().publish(
                        (io.github.omniretail.core.event.InventoryEvent) e), partitions -> {
                            if (context.restore().isPresent() && partitions > 1) {
                                throw new IllegalArgumentException("a snapshot can seed only a single-partition "
                                        + "deployment; this one has " + partitions + " partitions");
                            }
                        });
                RemoteInventory r = new RemoteInventory(caller,
                        sku -> caller.partitionOf(Objects.requireNonNull(partitionKey.apply(sku), "partition key")),
                        context.autoRegister(), "inventory");
                remote = r;
                return r.engine();
            }

            @Override
            public String toString() {
                return "KafkaInventory";
            }
        };
    }

    /**
     * The partition a SKU lives on: Kafka's default partitioning (murmur2) of its partition key.
     *
     * @param sku non-null SKU
     * @return its partition
     * @throws IllegalStateException before the engine is built (the partition count is read then)
     */
    public int partitionOf(Sku sku) {
        RemoteInventory r = remote;
        if (r == null) {
            throw new IllegalStateException("build the engine first: the partition count is read when it opens");
        }
        return r.partitionOf(Objects.requireNonNull(sku, "sku"));
    }

    /**
     * Orders across partitions refused after a part had been held (and was then released), since this instance
     * started: an upper bound on the brief false refusals near the last unit that splitting an order allows (an
     * order refused because a concurrent order held a unit for a moment).
     *
     * @return the count
     */
    public long splitOrderRefusals() {
        RemoteInventory r = remote;
        return r == null ? 0 : r.splitRefusals();
    }

    /**
     * The partitions this instance owns now (none if it only calls).
     *
     * @return partition numbers
     */
    public Set<Integer> ownedPartitions() {
        return deployment.ownedPartitions();
    }

    /** Stops owning (the group hands this instance's partitions to others) and stops the engine. */
    @Override
    public void close() {
        deployment.close();
    }

    /** Settings of one instance. Not thread-safe. */
    public static final class Builder extends KafkaSettings<Builder> {
        private Function<Sku, String> partitionKey = Sku::value;

        private Builder() {
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
         * @return the instance's part of the deployment
         * @throws IllegalStateException if bootstrap servers or the application name are missing
         */
        public KafkaInventory build() {
            return new KafkaInventory(this);
        }
    }
}

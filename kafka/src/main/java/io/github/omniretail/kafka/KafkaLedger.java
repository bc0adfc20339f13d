package io.github.omniretail.kafka;

import io.github.omniretail.core.MemberId;
import io.github.omniretail.loyalty.PointsLedger;
import io.github.omniretail.loyalty.spi.LedgerStore;
import io.github.omniretail.loyalty.spi.LedgerStoreContext;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One instance's part of a points ledger partitioned by member on Apache Kafka: each partition's owner runs the
 * ledger's rules kernel (the same as the PostgreSQL and MySQL stores) over its members' rows in memory, and commits
 * each batch's rows, replies, events and consumed offsets in one Kafka transaction. Any instance's ledger is an
 * ordinary {@link PointsLedger}:
 *
 * <pre>{@code
 * KafkaLedger kafka = KafkaLedger.builder().bootstrapServers("broker:9092").application("shop").build();
 * PointsLedger ledger = PointsLedger.builder().clock(clock).store(kafka.store()).build();
 * }</pre>
 *
 * <p>Calls about a member go to its partition. Calls naming an earlier transaction by key (post, void, refund,
 * cancel) go to every partition and the one that knows it answers. Program balances and sweeps are summed over all
 * partitions. Merging members that live on different partitions is refused: give members that may merge one
 * {@linkplain Builder#partitionKey partition key}. Thread-safe. {@link #close} stops this instance's owners and its
 * ledger.
 */
public final class KafkaLedger implements AutoCloseable {
    private final Deployment deployment;
    private final Function<MemberId, String> partitionKey;
    private volatile @org.jspecify.annotations.Nullable RemoteLedger remote;

    private KafkaLedger(Builder b) {
        this.deployment = new Deployment(b, LedgerKind.INSTANCE);
        this.partitionKey = b.partitionKey;
    }

    /** @return a builder; bootstrap servers and the application name are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates the ledger's topics: commands, replies and events with {@code partitions} partitions each, and the
     * compacted changelog with as many; with replication above 1, {@code min.insync.replicas=2}.
     *
     * @param bootstrapServers non-null Kafka bootstrap servers
     * @param application non-null application name (the topic prefix)
     * @param partitions partitions, {@code > 0}
     * @param replication replication factor, {@code > 0}
     */
    public static void createTopics(String bootstrapServers, String application, int partitions, short replication) {
        Deployment.createTopics(bootstrapServers, application, LedgerKind.INSTANCE, partitions, replication);
    }

    /**
     * The store to build this instance's ledger with. It can be opened once.
     *
     * @return the store
     */
    public LedgerStore store() {
        return new LedgerStore() {
            @Override
            public PointsLedger open(LedgerStoreContext context) {
                Objects.requireNonNull(context, "context");
                Caller caller = deployment.open(context, e -> context.events().publish(
                        (io.github.omniretail.core.event.LoyaltyEvent) e), partitions -> { });
                RemoteLedger r = new RemoteLedger(caller, member -> caller.partitionOf(Objects.requireNonNull(
                        partitionKey.apply(member), "partition key")));
                remote = r;
                return r.ledger();
            }

            @Override
            public String toString() {
                return "KafkaLedger";
            }
        };
    }

    /**
     * The partition a member lives on: Kafka's default partitioning (murmur2) of its partition key.
     *
     * @param member non-null member
     * @return its partition
     * @throws IllegalStateException before the ledger is built
     */
    public int partitionOf(MemberId member) {
        RemoteLedger r = remote;
        if (r == null) {
            throw new IllegalStateException("build the ledger first: the partition count is read when it opens");
        }
        return r.partitionOf(Objects.requireNonNull(member, "member"));
    }

    /** @return the partitions this instance owns now (none if it only calls) */
    public Set<Integer> ownedPartitions() {
        return deployment.ownedPartitions();
    }

    /** Stops owning (the group hands this instance's partitions to others) and stops the ledger. */
    @Override
    public void close() {
        deployment.close();
    }

    /** Settings of one instance. Not thread-safe. */
    public static final class Builder extends KafkaSettings<Builder> {
        private Function<MemberId, String> partitionKey = MemberId::value;

        private Builder() {
        }

        /**
         * The key that places a member on a partition (default: the member id). Members that may be merged must share
         * a key.
         *
         * @param key non-null function giving a non-null key
         * @return this
         */
        public Builder partitionKey(Function<MemberId, String> key) {
            this.partitionKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * @return the instance's part of the deployment
         * @throws IllegalStateException if bootstrap servers or the application name are missing
         */
        public KafkaLedger build() {
            return new KafkaLedger(this);
        }
    }
}

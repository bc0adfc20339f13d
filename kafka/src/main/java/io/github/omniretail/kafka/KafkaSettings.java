package io.github.omniretail.kafka;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the builders of {@link KafkaInventory} and {@link KafkaLedger} share: where the brokers are, the application
 * (topic prefix, consumer group, transactional ids), which partitions this instance owns, and how long a call waits.
 * Not thread-safe.
 *
 * @param <B> the builder
 */
public abstract class KafkaSettings<B extends KafkaSettings<B>> {
    @Nullable String bootstrapServers;
    @Nullable String application;
    boolean owns = true;
    @Nullable Set<Integer> assigned;
    Duration callTimeout = Duration.ofSeconds(30);
    Duration retryAfter = Duration.ofSeconds(3);
    @Nullable Integer replyPartition;
    final Properties ownerProperties = new Properties();
    boolean repliesAfterCommit;

    KafkaSettings() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * @param servers non-null Kafka bootstrap servers, {@code host:port,…}
     * @return this
     */
    public B bootstrapServers(String servers) {
        this.bootstrapServers = Objects.requireNonNull(servers, "servers");
        return self();
    }

    /**
     * @param name non-null, non-blank: the topic prefix, the owners' consumer group and transactional ids
     * @return this
     */
    public B application(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("application must not be blank");
        }
        this.application = name;
        return self();
    }

    /**
     * Owns whatever partitions the owners' consumer group gives this instance (the default). When an instance joins
     * or leaves, partitions move; a new owner restores a partition from its changelog before serving it.
     *
     * @return this
     */
    public B ownGroupPartitions() {
        this.owns = true;
        this.assigned = null;
        return self();
    }

    /**
     * Owns exactly these partitions, for deployments that place partitions themselves (e.g. by a pod's ordinal). Two
     * instances given one partition fence each other: the later one owns it.
     *
     * @param partitions non-null, non-empty partition numbers {@code >= 0}
     * @return this
     */
    public B ownPartitions(Set<Integer> partitions) {
        Objects.requireNonNull(partitions, "partitions");
        if (partitions.isEmpty() || partitions.stream().anyMatch(p -> p == null || p < 0)) {
            throw new IllegalArgumentException("partitions must be non-empty and >= 0, were " + partitions);
        }
        this.owns = true;
        this.assigned = Set.copyOf(partitions);
        return self();
    }

    /**
     * Owns no partition: this instance only calls.
     *
     * @return this
     */
    public B ownNothing() {
        this.owns = false;
        this.assigned = null;
        return self();
    }

    /**
     * @param timeout positive time a call waits for its reply before it fails (default 30 s)
     * @return this
     */
    public B callTimeout(Duration timeout) {
        this.callTimeout = positive(timeout, "callTimeout");
        return self();
    }

    /**
     * @param interval positive time after which an unanswered command is sent again with the same correlation id
     *     (default 3 s)
     * @return this
     */
    public B retryAfter(Duration interval) {
        this.retryAfter = positive(interval, "retryAfter");
        return self();
    }

    /**
     * @param partition the reply partition this instance reads ({@code >= 0}; default: one at random)
     * @return this
     */
    public B replyPartition(int partition) {
        if (partition < 0) {
            throw new IllegalArgumentException("replyPartition must be >= 0, was " + partition);
        }
        this.replyPartition = partition;
        return self();
    }

    /**
     * Where this instance's owners put replies (all instances of a deployment should agree). By default each batch's
     * replies are written in its Kafka transaction, with the rows, the events and the command offset, and callers
     * read them committed. With {@code true} they are sent right after the commit, outside it: the outcomes are still
     * committed first (as the idempotency records in the changelog), a caller never waits for other partitions'
     * open transactions on its reply partition, and a reply lost to a crash is sent again when the caller retries.
     *
     * @param afterCommit true to send replies after each commit
     * @return this
     */
    public B repliesAfterCommit(boolean afterCommit) {
        this.repliesAfterCommit = afterCommit;
        return self();
    }

    /**
     * A Kafka consumer setting for this instance's owner, over the defaults (e.g. {@code session.timeout.ms}).
     *
     * @param name non-null setting
     * @param value non-null value
     * @return this
     */
    public B ownerProperty(String name, String value) {
        ownerProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return self();
    }

    void check() {
        if (bootstrapServers == null || application == null) {
            throw new IllegalStateException("bootstrapServers and application are required");
        }
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return d;
    }
}
